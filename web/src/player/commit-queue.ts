/** One runtime commit as `commitRuntime` takes it. */
export interface RuntimeCommit {
  attemptId: string;
  seq: number;
  scoId: string;
  sessionId: string;
  cmi: Record<string, string>;
  finished?: boolean;
}

/** A commit in the queue, with when it was set aside after failing too long (see `parkAfterMs`). */
interface QueuedCommit extends RuntimeCommit {
  parkedAt?: number;
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

/**
 * What the learner is told: `saved` (everything sent), `saving` (sending), `offline` (a send
 * failed and is being retried), `unsaved` (failing past the bound: progress is not saved,
 * retries go on), `expired` (the token cannot be renewed).
 */
export type SaveState = 'saved' | 'saving' | 'offline' | 'unsaved' | 'expired';

/** A commit, or one element of it, that the server refused for its content and that was set aside. */
export interface RefusedCommit {
  commit: RuntimeCommit;
  element: string | null;
  message: string;
  code: string;
  at: Date;
}

export interface QueueDeps {
  store: KeyValueStore;
  /** Sends one commit; throws `TransientError` for network trouble and 5xx, `AuthError` for an expired token. */
  send(commit: RuntimeCommit, token: string): Promise<CommitAck>;
  /** Gets a fresh token for the same attempt, or null when the old one cannot be renewed. */
  renew(token: string): Promise<{ token: string; expiresAt: string } | null>;
  onState?(state: SaveState, pending: number): void;
  onAck?(commit: RuntimeCommit, ack: CommitAck): void;
  /** A commit (or one element of it) the server refused for its content was set aside. */
  onRefused?(refused: RefusedCommit): void;
  /** How long a commit may fail before the learner is told it is not saved; default 60 s. */
  parkAfterMs?: number;
  now?(): number;
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
    readonly code = 'BAD_USER_INPUT',
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
  private pendingCommits: QueuedCommit[];
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
    this.pendingCommits = JSON.parse(deps.store.getItem(this.key) ?? '[]') as QueuedCommit[];
    const stored = deps.store.getItem(this.tokenKey);
    if (stored) this.token = stored;
  }

  /** The token in use (renewals replace it). */
  currentToken(): string {
    return this.token;
  }

  setToken(token: string): void {
    this.token = token;
    this.persist();
  }

  pending(): RuntimeCommit[] {
    return this.pendingCommits.map(stripQueueFields);
  }

  /** Records a commit durably with the next sequence number and starts sending. */
  enqueue(commit: Omit<RuntimeCommit, 'seq' | 'attemptId'>): RuntimeCommit {
    const full: RuntimeCommit = { ...commit, attemptId: this.attemptId, seq: this.nextSeq() };
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

  /**
   * Unsent commits are kept with their token, so a later launch in this browser can deliver them;
   * once none wait, the token goes too. Every course shares the content origin, so a token left
   * in storage is one that another course's pages could read.
   */
  private persist(): void {
    if (this.pendingCommits.length === 0) {
      this.deps.store.removeItem(this.key);
      this.deps.store.removeItem(this.tokenKey);
    } else {
      this.deps.store.setItem(this.key, JSON.stringify(this.pendingCommits));
      this.deps.store.setItem(this.tokenKey, this.token);
    }
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

  private nextSeq(): number {
    const seq = Number(this.deps.store.getItem(this.seqKey) ?? '0') + 1;
    this.deps.store.setItem(this.seqKey, String(seq));
    return seq;
  }

  private async drain(): Promise<void> {
    let failures = 0;
    let failingSince: number | null = null;
    const now = this.deps.now ?? Date.now;
    const parkAfter = this.deps.parkAfterMs ?? 60_000;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const pastBound = () => failingSince !== null && now() - failingSince >= parkAfter;
    while (this.pendingCommits.length > 0) {
      const commit = this.pendingCommits[0]!;
      const parked = this.pendingCommits.some((c) => c.parkedAt !== undefined);
      this.deps.onState?.(
        parked || pastBound() ? 'unsaved' : failures > 0 ? 'offline' : 'saving',
        this.pendingCommits.length,
      );
      try {
        const ack = await this.deps.send(stripQueueFields(commit), this.token);
        this.pendingCommits.shift();
        this.persist();
        failures = 0;
        failingSince = null;
        this.deps.onAck?.(commit, ack);
      } catch (err) {
        if (err instanceof RejectedError) {
          this.setAside(commit, err, now());
          continue;
        }
        if (err instanceof AuthError) {
          // A renewal lost in transit is a transient failure like any other (retried below);
          // only the server's own refusal (null) means the launch has ended.
          const renewed = await this.deps.renew(this.token).catch(() => undefined);
          if (renewed) {
            this.setToken(renewed.token);
            continue;
          }
          if (renewed === null) {
            this.deps.onState?.('expired', this.pendingCommits.length);
            return;
          }
        }
        failures++;
        failingSince ??= now();
        // Past the bound, a commit that fails while the next one goes through is failing for
        // itself (content the server chokes on): it moves behind the others, so it holds back
        // nothing, and keeps being retried there.
        if (pastBound() && (await this.parkIfAlone())) {
          failures = 0;
          failingSince = null;
          continue;
        }
        this.deps.onState?.(pastBound() ? 'unsaved' : 'offline', this.pendingCommits.length);
        await sleep(backoffMs(failures, this.deps.random?.()));
      }
    }
    this.deps.onState?.('saved', 0);
  }

  /**
   * The server refused `commit` for its content. Only the element it named is dropped when the
   * commit carries more (one odd value never costs the completion beside it); otherwise the
   * whole commit is set aside. Either way it is reported, and the queue goes on.
   */
  private setAside(commit: QueuedCommit, err: RejectedError, at: number): void {
    const element = err.element && err.element in commit.cmi ? err.element : null;
    this.deps.onRefused?.({
      commit: { ...stripQueueFields(commit), cmi: { ...commit.cmi } },
      element,
      message: err.message,
      code: err.code,
      at: new Date(at),
    });
    const verdict = verdictOf(commit.cmi);
    if (element && (Object.keys(commit.cmi).length > 1 || commit.finished))
      delete commit.cmi[element];
    else if (
      !element &&
      Object.keys(verdict).length > 0 &&
      Object.keys(verdict).length < Object.keys(commit.cmi).length
    )
      // Refused as a whole (past the runtime data cap): the runtime sends a value only when it
      // changes, so the status, score and place beside the bulk would never come again.
      commit.cmi = verdict;
    else this.pendingCommits.shift();
    this.persist();
  }

  /**
   * Sends the commit behind the failing head. When it is accepted the head alone is failing:
   * its values that no later commit replaced go to the back of the queue under a new seq (the
   * server applies only seqs above the last one applied), marked parked. Answers whether it did.
   */
  private async parkIfAlone(): Promise<boolean> {
    const [head, next] = this.pendingCommits;
    if (!head || !next) return false;
    let ack: CommitAck;
    try {
      ack = await this.deps.send(stripQueueFields(next), this.token);
    } catch {
      return false;
    }
    this.pendingCommits.splice(0, 2);
    const later = [next, ...this.pendingCommits].filter((c) => c.scoId === head.scoId);
    const cmi = Object.fromEntries(
      Object.entries(head.cmi).filter(([element]) => !later.some((c) => element in c.cmi)),
    );
    if (Object.keys(cmi).length > 0 || head.finished) {
      this.pendingCommits.push({
        ...head,
        cmi,
        seq: this.nextSeq(),
        parkedAt: head.parkedAt ?? (this.deps.now ?? Date.now)(),
      });
    }
    this.persist();
    this.deps.onAck?.(next, ack);
    return true;
  }
}

/** Elements that carry the learner's standing (status, score, place, time), never bulk. */
const VERDICT_ELEMENT =
  /^cmi\.(core\.(lesson_status|lesson_location|exit|session_time|score\.(raw|min|max))|completion_status|success_status|progress_measure|location|exit|session_time|score\.(scaled|raw|min|max)|objectives\.\d+\.(id|status|completion_status|success_status|progress_measure|score\.(scaled|raw|min|max)))$/;

/** The part of a commit's values that says where the learner stands. */
function verdictOf(cmi: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cmi).filter(([element]) => VERDICT_ELEMENT.test(element)),
  );
}

/** The commit as the server takes it, without the queue's own bookkeeping. */
function stripQueueFields(commit: QueuedCommit): RuntimeCommit {
  const { parkedAt: _parkedAt, ...sent } = commit;
  return sent;
}

/** The most commits the server applies from one beacon body (its BEACON_MAX_COMMITS). */
export const BEACON_MAX_COMMITS = 50;

/**
 * Splits commits into beacon bodies under `maxBytes` each (beacons and keepalive fetches cap at
 * 64 KiB) and of at most BEACON_MAX_COMMITS commits, since the server refuses a larger batch whole.
 */
export function beaconBodies(token: string, commits: RuntimeCommit[], maxBytes = 60_000): string[] {
  const bodies: string[] = [];
  let batch: RuntimeCommit[] = [];
  const size = (list: RuntimeCommit[]) => new Blob([JSON.stringify({ token, commits: list })]).size;
  for (const commit of commits) {
    if (
      batch.length > 0 &&
      (batch.length === BEACON_MAX_COMMITS || size([...batch, commit]) > maxBytes)
    ) {
      bodies.push(JSON.stringify({ token, commits: batch }));
      batch = [];
    }
    batch.push(commit);
  }
  if (batch.length > 0) bodies.push(JSON.stringify({ token, commits: batch }));
  return bodies;
}
