/** One runtime commit as `commitRuntime` takes it. */
export interface RuntimeCommit {
  attemptId: string;
  seq: number;
  scoId: string;
  sessionId: string;
  cmi: Record<string, string>;
  finished?: boolean;
}

/** What the server said of a commit, as the player needs it. */
export interface CommitAck {
  accepted: boolean;
  registration: RegistrationSnapshot | null;
}

export interface RegistrationSnapshot {
  status: string;
  progress: number | null;
  score: {
    scaled: number | null;
    raw: number | null;
    min: number | null;
    max: number | null;
  } | null;
}

/** The storage the queue persists in: localStorage in the browser, a Map in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type SaveState = 'saved' | 'saving' | 'offline' | 'expired';

export interface QueueDeps {
  store: KeyValueStore;
  /** Sends one commit; throws `TransientError` for network trouble and 5xx, `AuthError` for an expired token. */
  send(commit: RuntimeCommit, token: string): Promise<CommitAck>;
  /** Gets a fresh token for the same attempt, or null when the old one cannot be renewed. */
  renew(token: string): Promise<{ token: string; expiresAt: string } | null>;
  onState?(state: SaveState, pending: number): void;
  onAck?(commit: RuntimeCommit, ack: CommitAck): void;
  /** Waits between retries; tests pass a fake clock. */
  sleep?(ms: number): Promise<void>;
  random?(): number;
}

export class TransientError extends Error {}
export class AuthError extends Error {}
/** The server refused the commit's content (BAD_USER_INPUT), naming the element when it can. */
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly element?: string,
  ) {
    super(message);
  }
}

/** Backoff before retry `attempt` (1-based): exponential from 1 s, capped at 30 s, with jitter. */
export function backoffMs(attempt: number, random = Math.random()): number {
  return Math.round(Math.min(30_000, 1000 * 2 ** (attempt - 1)) * (0.5 + random / 2));
}

/**
 * The player's commit queue. Every commit is written to durable storage before it is sent,
 * sent in order one at a time, and removed only when the server has answered for it; network
 * trouble retries with backoff forever, an expired token is renewed. Commits are idempotent by
 * (attemptId, seq), so re-sending after a reload or a beacon is always safe.
 */
export class CommitQueue {
  private pendingCommits: RuntimeCommit[];
  private running: Promise<void> | null = null;
  private rerun = false;
  private readonly key: string;
  private readonly seqKey: string;
  private readonly tokenKey: string;

  constructor(
    readonly attemptId: string,
    private token: string,
    private readonly deps: QueueDeps,
  ) {
    this.key = `courier.queue.${attemptId}`;
    this.seqKey = `courier.seq.${attemptId}`;
    this.tokenKey = `courier.token.${attemptId}`;
    this.pendingCommits = JSON.parse(deps.store.getItem(this.key) ?? '[]') as RuntimeCommit[];
    const stored = deps.store.getItem(this.tokenKey);
    if (stored) this.token = stored;
    // Kept beside the queue so a later launch can deliver what this one left behind.
    else deps.store.setItem(this.tokenKey, token);
  }

  /** The token in use (renewals replace it). */
  currentToken(): string {
    return this.token;
  }

  setToken(token: string): void {
    this.token = token;
    this.deps.store.setItem(this.tokenKey, token);
  }

  pending(): RuntimeCommit[] {
    return [...this.pendingCommits];
  }

  /** Records a commit durably with the next sequence number and starts sending. */
  enqueue(commit: Omit<RuntimeCommit, 'seq' | 'attemptId'>): RuntimeCommit {
    const seq = Number(this.deps.store.getItem(this.seqKey) ?? '0') + 1;
    this.deps.store.setItem(this.seqKey, String(seq));
    const full: RuntimeCommit = { ...commit, attemptId: this.attemptId, seq };
    this.pendingCommits.push(full);
    this.persist();
    void this.flush();
    return full;
  }

  /** Sends everything pending; resolves when the queue is empty. */
  flush(): Promise<void> {
    if (this.running) {
      // A drain that already found the queue empty may not have settled yet: a commit
      // enqueued in that gap would wait for the next flush, so drain once more after it.
      this.rerun = true;
      return this.running.then(() => this.running ?? undefined);
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.rerun) {
        this.rerun = false;
        void this.flush();
      }
    });
    return this.running;
  }

  private persist(): void {
    if (this.pendingCommits.length === 0) this.deps.store.removeItem(this.key);
    else this.deps.store.setItem(this.key, JSON.stringify(this.pendingCommits));
  }

  /** Attempts of earlier launches in this browser that still hold unsent commits. */
  static leftoverAttempts(
    store: KeyValueStore & { length?: number; key?(i: number): string | null },
    except: string,
  ): string[] {
    const attempts: string[] = [];
    for (let i = 0; i < (store.length ?? 0); i++) {
      const match = /^courier\.queue\.(.+)$/.exec(store.key?.(i) ?? '');
      if (match && match[1] !== except && store.getItem(`courier.token.${match[1]}`))
        attempts.push(match[1]!);
    }
    return attempts;
  }

  private async drain(): Promise<void> {
    let failures = 0;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    while (this.pendingCommits.length > 0) {
      const commit = this.pendingCommits[0]!;
      this.deps.onState?.('saving', this.pendingCommits.length);
      try {
        const ack = await this.deps.send(commit, this.token);
        this.pendingCommits.shift();
        this.persist();
        failures = 0;
        this.deps.onAck?.(commit, ack);
      } catch (err) {
        if (err instanceof RejectedError) {
          console.error(`Courier refused commit ${commit.seq}: ${err.message}`);
          // Drop only the refused value, so one odd element never costs the completion beside it.
          if (err.element && err.element in commit.cmi && Object.keys(commit.cmi).length > 1) {
            delete commit.cmi[err.element];
          } else {
            this.pendingCommits.shift();
          }
          this.persist();
          continue;
        }
        if (err instanceof AuthError) {
          const renewed = await this.deps.renew(this.token).catch(() => null);
          if (renewed) {
            this.setToken(renewed.token);
            continue;
          }
          this.deps.onState?.('expired', this.pendingCommits.length);
          return;
        }
        failures++;
        this.deps.onState?.('offline', this.pendingCommits.length);
        await sleep(backoffMs(failures, this.deps.random?.()));
      }
    }
    this.deps.onState?.('saved', 0);
  }
}

/** Splits commits into beacon bodies under `maxBytes` each (beacons and keepalive fetches cap at 64 KiB). */
export function beaconBodies(token: string, commits: RuntimeCommit[], maxBytes = 60_000): string[] {
  const bodies: string[] = [];
  let batch: RuntimeCommit[] = [];
  const size = (list: RuntimeCommit[]) => new Blob([JSON.stringify({ token, commits: list })]).size;
  for (const commit of commits) {
    if (batch.length > 0 && size([...batch, commit]) > maxBytes) {
      bodies.push(JSON.stringify({ token, commits: batch }));
      batch = [];
    }
    batch.push(commit);
  }
  if (batch.length > 0) bodies.push(JSON.stringify({ token, commits: batch }));
  return bodies;
}
