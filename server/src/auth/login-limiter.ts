/** How many sign-in attempts are allowed in a sliding window, and by what. */
export interface LoginLimits {
  /** Attempts from one address, on any accounts. */
  perAddress: number;
  /** Attempts on one account from one address. */
  perAccountAddress: number;
  /**
   * Attempts on one account from addresses it has never signed in from: bounds a guesser
   * spread over many addresses, while the owner's own addresses stay open to them.
   */
  perAccount: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddress: 20,
  perAccountAddress: 10,
  perAccount: 50,
  windowMs: 15 * 60 * 1000,
};

/** An attempt counted by `begin`, to settle once the password has been checked. */
export interface LoginAttempt {
  account: string;
  address: string;
  keys: string[];
  at: number;
}

const MAX_KEYS = 100_000;
const MAX_KNOWN_ADDRESSES_PER_ACCOUNT = 20;

/**
 * Counts sign-in attempts per address, per account and address, and per account from unknown
 * addresses. An attempt is counted before its password is checked (in the same synchronous
 * step as the limit is read), so a burst of concurrent guesses gets no more checks than the
 * limit; a successful one is refunded. Kept in memory: each instance limits on its own, which
 * bounds guessing to (instances × limit) per window.
 */
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();
  /** Per account, the addresses it has signed in from: they are never refused for the account's sake. */
  private readonly knownAddresses = new Map<string, Set<string>>();

  constructor(private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {}

  /** Counts an attempt, or refuses it with the seconds until one is allowed. */
  begin(
    account: string,
    address: string,
    now = Date.now(),
  ): { attempt: LoginAttempt } | { retryAfterSeconds: number } {
    const checks: Array<[string, number]> = [
      [`address:${address}`, this.limits.perAddress],
      [`pair:${account}\n${address}`, this.limits.perAccountAddress],
    ];
    if (!this.knownAddresses.get(account)?.has(address))
      checks.push([`account:${account}`, this.limits.perAccount]);
    let wait = 0;
    for (const [key, limit] of checks) {
      const recent = this.recent(key, now);
      if (recent.length >= limit)
        wait = Math.max(wait, Math.ceil((recent[0]! + this.limits.windowMs - now) / 1000));
    }
    if (wait > 0) return { retryAfterSeconds: Math.max(1, wait) };
    for (const [key] of checks) {
      const recent = this.recent(key, now);
      recent.push(now);
      this.attempts.set(key, recent);
    }
    if (this.attempts.size > MAX_KEYS) this.prune(now);
    return { attempt: { account, address, keys: checks.map(([key]) => key), at: now } };
  }

  /** The password was right: the attempt no longer counts, and its address is the account's. */
  succeeded(attempt: LoginAttempt): void {
    for (const key of attempt.keys) {
      const times = this.attempts.get(key);
      const index = times?.lastIndexOf(attempt.at) ?? -1;
      if (times && index >= 0) times.splice(index, 1);
    }
    let known = this.knownAddresses.get(attempt.account);
    if (!known) {
      if (this.knownAddresses.size >= MAX_KEYS)
        this.knownAddresses.delete(this.knownAddresses.keys().next().value!);
      this.knownAddresses.set(attempt.account, (known = new Set()));
    }
    if (known.size >= MAX_KNOWN_ADDRESSES_PER_ACCOUNT) known.delete(known.values().next().value!);
    known.add(attempt.address);
  }

  private recent(key: string, now: number): number[] {
    return (this.attempts.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts) {
      if (!times.some((t) => t > now - this.limits.windowMs)) this.attempts.delete(key);
    }
  }
}
