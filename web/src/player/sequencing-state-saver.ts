import { AuthError, backoffMs, type KeyValueStore } from './commit-queue.js';

/** Sends one save; throws `AuthError` when the token is refused, anything else is transient. */
export type SendState = (
  input: { attemptId: string; seq: number; state: Record<string, unknown> },
  token: string,
) => Promise<boolean>;

/**
 * Keeps the server's copy of the sequencing engine's state in step with the player's: only the
 * latest state matters, so saves coalesce (one in flight, the newest waiting), failures retry
 * with backoff, and each save carries a counter that survives a reload of the same launch, so a
 * late retry never replaces a newer state.
 */
export class SequencingStateSaver {
  private latest: Record<string, unknown> | null = null;
  private running: Promise<boolean> | null = null;

  constructor(
    private readonly attemptId: string,
    private readonly deps: {
      store: KeyValueStore;
      send: SendState;
      token(): string;
      sleep?(ms: number): Promise<void>;
      /** Gives up after this many failed sends in a row (the next save tries again). */
      maxTries?: number;
    },
  ) {}

  /** Queues `state` (the engine's serialized state) to be kept on the server. */
  save(state: string): void {
    try {
      this.latest = JSON.parse(state) as Record<string, unknown>;
    } catch {
      return;
    }
    void this.flush();
  }

  /** Resolves once the newest state is on the server (true), or sending it gave up (false). */
  flush(): Promise<boolean> {
    this.running ??= this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<boolean> {
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let failures = 0;
    while (this.latest) {
      const state = this.latest;
      this.latest = null;
      try {
        await this.deps.send(
          { attemptId: this.attemptId, seq: this.nextSeq(), state },
          this.deps.token(),
        );
        failures = 0;
      } catch (err) {
        this.latest ??= state;
        if (err instanceof AuthError || ++failures >= (this.deps.maxTries ?? 6)) return false;
        await sleep(backoffMs(failures));
      }
    }
    return true;
  }

  private nextSeq(): number {
    const key = `courier.seqstate.${this.attemptId}`;
    const seq = Number(this.deps.store.getItem(key) ?? '0') + 1;
    this.deps.store.setItem(key, String(seq));
    return seq;
  }
}
