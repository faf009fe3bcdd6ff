/**
 * Yields at most one item per `intervalMs`: the latest of whatever arrived meanwhile. Used where
 * a subscriber wants "something changed" (stats), not every event.
 *
 * Written as a plain iterator rather than an async generator: a generator suspended in an
 * `await` only runs its `finally` once that await settles, so a subscriber who leaves would keep
 * its bus listener until the next event arrived. Here `return()` releases the source at once.
 */
export function coalesce<T>(
  source: AsyncIterator<T>,
  intervalMs: number,
): AsyncIterableIterator<T> {
  let lastEmit = 0;
  let pending: Promise<IteratorResult<T>> | null = null;
  let closed = false;
  let wake: (() => void) | null = null;
  const done: IteratorResult<T> = { done: true, value: undefined };
  // Resolves when `return()` is called, so a waiting `next()` ends instead of hanging.
  const closing = new Promise<'closed'>((resolve) => (wake = () => resolve('closed')));

  async function next(): Promise<IteratorResult<T>> {
    if (closed) return done;
    const first = await Promise.race([(pending ??= source.next()), closing]);
    if (first === 'closed') return done;
    pending = null;
    if (first.done) return done;
    let latest = first.value;
    const wait = lastEmit + intervalMs - Date.now();
    if (wait > 0) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), wait);
      });
      try {
        // Keep taking events until the window closes, so the emitted one is the newest.
        while (true) {
          const event = await Promise.race([(pending ??= source.next()), deadline, closing]);
          if (event === 'closed') return done;
          if (event === 'timeout') break;
          pending = null;
          if (event.done) return done;
          latest = event.value;
        }
      } finally {
        clearTimeout(timer);
      }
    }
    lastEmit = Date.now();
    return { done: false, value: latest };
  }

  return {
    next,
    async return() {
      if (!closed) {
        closed = true;
        wake?.();
        await source.return?.();
      }
      return done;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
