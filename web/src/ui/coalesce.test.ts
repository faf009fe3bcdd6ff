import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCoalescer } from './coalesce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('makeCoalescer', () => {
  it('hands a burst over as one batch per interval', () => {
    const batches: number[][] = [];
    const coalescer = makeCoalescer<number>((items) => batches.push(items), 250);
    for (let i = 0; i < 500; i++) coalescer.push(i);
    vi.advanceTimersByTime(0);
    expect(batches.length).toBe(1);
    expect(batches[0]!.length).toBe(500);
    coalescer.push(1);
    coalescer.push(2);
    vi.advanceTimersByTime(100);
    expect(batches.length).toBe(1);
    vi.advanceTimersByTime(200);
    expect(batches).toEqual([expect.any(Array), [1, 2]]);
  });
});
