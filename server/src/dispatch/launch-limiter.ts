/**
 * Counts dispatch launches (first launches and relaunches alike) per dispatch key and per client
 * address in fixed one-minute windows. The key is public (it sits in the package), so without
 * this anyone holding a package could fill its cap with invented learners or mint attempts
 * without end. Kept in memory: each instance limits on its own.
 */
export class LaunchLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perKey: number,
    private readonly perAddress: number,
    private readonly windowMs = 60_000,
  ) {}

  /**
   * Counts one launch when both its key and its address have room, and answers 0; otherwise
   * counts nothing and answers the seconds until the fuller window starts over.
   */
  take(key: string, address: string | null, now = Date.now()): number {
    const buckets: Array<[string, number]> = [[`k:${key}`, this.perKey]];
    if (address) buckets.push([`a:${address}`, this.perAddress]);
    let wait = 0;
    for (const [bucket, limit] of buckets) {
      const window = this.current(bucket, now);
      if (window.count >= limit)
        wait = Math.max(wait, Math.ceil((window.start + this.windowMs - now) / 1000));
    }
    if (wait > 0) return wait;
    for (const [bucket] of buckets) this.current(bucket, now).count++;
    if (this.windows.size > 100_000) this.prune(now);
    return 0;
  }

  private current(bucket: string, now: number): { start: number; count: number } {
    let window = this.windows.get(bucket);
    if (!window || window.start + this.windowMs <= now) {
      window = { start: now, count: 0 };
      this.windows.set(bucket, window);
    }
    return window;
  }

  private prune(now: number): void {
    for (const [bucket, window] of this.windows)
      if (window.start + this.windowMs <= now) this.windows.delete(bucket);
  }
}
