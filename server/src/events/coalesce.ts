/**
 * Yields at most one item per `intervalMs`: the latest of whatever arrived meanwhile. Used where
 * a subscriber wants "something changed" (stats), not every event.
 */
export async function* coalesce<T>(
  source: AsyncIterator<T>,
  intervalMs: number,
): AsyncGenerator<T> {
  let lastEmit = 0;
  let pending: Promise<IteratorResult<T>> | null = null;
  try {
    while (true) {
      const first = await (pending ?? source.next());
      pending = null;
      if (first.done) return;
      let latest = first.value;
      const wait = lastEmit + intervalMs - Date.now();
      if (wait > 0) {
        const deadline = new Promise<'timeout'>((resolve) =>
          setTimeout(() => resolve('timeout'), wait),
        );
        // Keep taking events until the window closes, so the emitted one is the newest.
        while (true) {
          pending ??= source.next();
          const next = await Promise.race([pending, deadline]);
          if (next === 'timeout') break;
          pending = null;
          if (next.done) return;
          latest = next.value;
        }
      }
      lastEmit = Date.now();
      yield latest;
    }
  } finally {
    await source.return?.();
  }
}
