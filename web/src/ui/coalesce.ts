/**
 * Collects items and hands them over in batches at most every `intervalMs`, so a burst of
 * hundreds of live events a second costs a few renders, not hundreds.
 */
export function makeCoalescer<T>(flush: (items: T[]) => void, intervalMs = 250) {
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  const run = () => {
    timer = null;
    last = Date.now();
    const items = pending;
    pending = [];
    if (items.length > 0) flush(items);
  };
  return {
    push(item: T) {
      pending.push(item);
      if (timer) return;
      timer = setTimeout(run, Math.max(0, last + intervalMs - Date.now()));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = [];
    },
  };
}
