import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coalesce } from './coalesce.js';

/** A source that yields what is pushed and records when it was released. */
function pushSource<T>() {
  const queue: T[] = [];
  let waiting: ((r: IteratorResult<T>) => void) | null = null;
  const source = {
    released: false,
    push(value: T) {
      if (waiting) {
        waiting({ done: false, value });
        waiting = null;
      } else queue.push(value);
    },
    next(): Promise<IteratorResult<T>> {
      const value = queue.shift();
      if (value !== undefined) return Promise.resolve({ done: false, value });
      return new Promise((resolve) => (waiting = resolve));
    },
    async return(): Promise<IteratorResult<T>> {
      source.released = true;
      waiting?.({ done: true, value: undefined });
      return { done: true, value: undefined };
    },
  };
  return source;
}

describe('coalesce', () => {
  it('yields the newest of what arrived within the window', async () => {
    const source = pushSource<number>();
    const out = coalesce(source, 50);
    source.push(1);
    assert.deepEqual(await out.next(), { done: false, value: 1 });
    const second = out.next();
    source.push(2);
    source.push(3);
    assert.deepEqual(await second, { done: false, value: 3 });
    await out.return?.();
  });

  it('releases its source as soon as the subscriber leaves, with no event pending', async () => {
    const source = pushSource<number>();
    const out = coalesce(source, 50);
    const waiting = out.next();
    await out.return?.();
    assert.equal(source.released, true);
    assert.deepEqual(await waiting, { done: true, value: undefined });
  });
});
