import {
  AuthError,
  beaconBodies,
  CommitQueue,
  type CommitAck,
  type RefusedCommit,
  type RuntimeCommit,
  type SaveState,
} from './commit-queue.js';
import { persistLaunchToken, type LaunchParams } from './launch-params.js';
import {
  renewLaunch,
  reportRuntimeProblem,
  sendCommit,
  type PlayerItem,
  type PlayerSession,
} from './player-api.js';
import { showRefused, showSaveState, showSessionEnded } from './player-view.js';
import { safeStorage } from './safe-storage.js';

const durable = safeStorage('localStorage');

/** What the player hears from the saving side. */
export interface ProgressSyncHooks {
  /** The server has a commit; `ack` is what it made of the registration. */
  onAck(commit: RuntimeCommit, ack: CommitAck): void;
  onState(state: SaveState): void;
  /** The page is going away: commit what the content set, so it leaves with the rest. */
  beforeLeave(): void;
}

/**
 * Gets every commit of this launch to the server: the durable queue, the launch token's
 * renewal, refused commits reported to the admin, and a beacon when the page goes away.
 */
export class ProgressSync {
  private readonly queue: CommitQueue;
  /** Set from pagehide until the page shows again: commits made meanwhile go out by beacon. */
  private leaving = false;
  private savedAt: Date | null = null;

  constructor(
    private readonly session: PlayerSession,
    private readonly params: LaunchParams,
    private readonly hooks: ProgressSyncHooks,
  ) {
    this.queue = new CommitQueue(session.attemptId, params.token, {
      store: durable,
      send: sendCommit,
      renew: async (token) => {
        const renewed = await renewLaunch(token);
        if (renewed) persistLaunchToken(params, renewed.token);
        return renewed;
      },
      onState: (state, pending) => {
        showSaveState(state, pending, this.savedAt);
        if (state === 'expired') showSessionEnded();
        hooks.onState(state);
      },
      onAck: (commit, ack) => {
        this.savedAt = new Date();
        hooks.onAck(commit, ack);
      },
      onRefused: (refused) => {
        showRefused(refused);
        void this.report(refused, 3);
      },
      parkAfterMs: session.parkAfterSeconds * 1000,
    });
  }

  /** Sends what earlier pages left, keeps the token fresh and flushes when the page goes. */
  start(): void {
    this.scheduleRenewal(new Date(this.session.tokenExpiresAt));
    // Leftovers of an earlier page of this attempt go first, then those of earlier launches.
    void this.queue.flush();
    for (const attemptId of CommitQueue.leftoverAttempts(
      durable as Storage,
      this.session.attemptId,
    )) {
      void new CommitQueue(attemptId, '', {
        store: durable,
        send: sendCommit,
        renew: renewLaunch,
      }).flush();
    }
    window.addEventListener('pagehide', () => {
      this.leaving = true;
      this.flushOnExit();
    });
    window.addEventListener('pageshow', () => (this.leaving = false));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flushOnExit();
    });
  }

  /** Queues what the content of `item` set in session `sessionId`. */
  enqueue(
    item: PlayerItem,
    sessionId: string,
    values: Record<string, string>,
    finished: boolean,
  ): void {
    this.queue.enqueue({
      scoId: item.id,
      sessionId,
      cmi: values,
      ...(finished ? { finished: true } : {}),
    });
    // Content often finishes from its own unload handler, after ours ran: send that by beacon too.
    if (this.leaving) this.beaconPending();
  }

  /** The launch token now in use (renewals replace it). */
  currentToken(): string {
    return this.queue.currentToken();
  }

  pending(): number {
    return this.queue.pending().length;
  }

  flush(): Promise<void> {
    return this.queue.flush();
  }

  private scheduleRenewal(expiresAt: Date): void {
    const half = Math.max(10_000, (expiresAt.getTime() - Date.now()) / 2);
    setTimeout(async () => {
      let renewed: Awaited<ReturnType<typeof renewLaunch>>;
      try {
        renewed = await renewLaunch(this.queue.currentToken());
      } catch {
        // Unreachable is not refused: try again in a minute.
        return this.scheduleRenewal(new Date(Date.now() + 120_000));
      }
      if (!renewed) return showSessionEnded();
      this.queue.setToken(renewed.token);
      persistLaunchToken(this.params, renewed.token);
      this.scheduleRenewal(new Date(renewed.expiresAt));
    }, half);
  }

  /** Records a refused commit for the admin, retrying a little; the learner was already told. */
  private async report(refused: RefusedCommit, tries: number): Promise<void> {
    try {
      await reportRuntimeProblem(refused, this.queue.currentToken());
    } catch (err) {
      if (tries > 1 && !(err instanceof AuthError)) {
        await new Promise((r) => setTimeout(r, 5_000));
        return this.report(refused, tries - 1);
      }
      console.error(`Courier could not record a refused commit: ${String(err)}`);
    }
  }

  /** On the way out: commit what the content set, then beacon everything pending. */
  private flushOnExit(): void {
    // While leaving, enqueue beacons by itself.
    this.hooks.beforeLeave();
    if (!this.leaving || this.queue.pending().length > 0) this.beaconPending();
  }

  private beaconPending(): void {
    const pending = this.queue.pending();
    if (pending.length === 0) return;
    for (const body of beaconBodies(this.queue.currentToken(), pending)) {
      const sent = navigator.sendBeacon?.(
        '/api/runtime/commits',
        new Blob([body], { type: 'text/plain' }),
      );
      if (!sent) {
        void fetch('/api/runtime/commits', {
          method: 'POST',
          body,
          keepalive: true,
          headers: { 'content-type': 'text/plain' },
        }).catch(() => {});
      }
    }
  }
}
