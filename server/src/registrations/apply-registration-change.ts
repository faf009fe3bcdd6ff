import type { AppServices } from '../app-services.js';
import { query, type Batch, type Results, type SqlTransaction } from '../db/sql-batch.js';
import { sql, type Sql } from '../db/sql.js';
import { dispatchCompletionStatement } from '../dispatch/record-dispatch-completion.js';
import { agsScoreChanged, agsScoreStatement } from '../lti/ags-score.js';
import { webhookEventStatement } from '../webhooks/enqueue-webhook-event.js';
import { registrationWebhookData } from '../webhooks/webhook-payloads.js';
import { rememberCommittedRow } from './committed-rows.js';
import {
  changedSummary,
  registrationRowOf,
  registrationStateOf,
  summaryUpdate,
  type RegistrationState,
  type RegistrationSummary,
} from './registration-columns.js';
import { statsStatement } from './registration-stats.js';

/** What a writer decided, given the locked row: the summary after, and what rides along. */
export interface RegistrationDecision {
  /** The summary columns that change (the rest stay as locked). */
  summary: Partial<RegistrationSummary>;
  /** The row was created by this change (its `before` is nothing: the counters add it). */
  created?: boolean;
  /** Queue `registration.updated` (and `registration.completed` on a first completion). */
  webhooks: boolean;
  /** The writer's own statements, sent in the same batch ahead of the registration's writes. */
  statements?: Sql[];
}

/** A registration write, as it committed: what the one publisher turns into events. */
export interface RegistrationChange {
  before: RegistrationState;
  after: RegistrationState;
  /** `after` as a row (the shape the commit pool reads), for local subscribers. */
  row: Record<string, unknown>;
  statsChanged: boolean;
  /** Webhook deliveries queued by the change. */
  queued: number;
  /** LTI scores (AGS) queued by the change. */
  scoresQueued: number;
}

/**
 * Every write of a registration row goes through here, in the caller's transaction: lock the
 * row, let the writer decide the summary after from the locked one (by the pure rules), then in
 * one batch write the writer's statements, the summary's changed columns, the counters, the
 * outbox and, on a dispatch learner's first completion, the dispatch's completion. `withLock`
 * statements share the lock's round trip: `before` ahead of it (a gate, an upsert), `after`
 * behind it (reads of state the decision needs, which see what the previous holder wrote).
 * The transaction commits with the writes (`last`). Returns null when the writer decided nothing
 * changes (the caller ends the transaction), else the change to publish after commit.
 */
export async function applyRegistrationChange<B extends Batch, A extends Batch>(
  tx: SqlTransaction,
  spec: {
    /** The row to lock: by id, or by its natural key (a row an upsert in `before` just wrote). */
    where: { id: string } | { courseId: string; scope: string; learnerId: string };
    before?: B;
    after?: A;
    /** The error when the row does not exist. */
    missing: () => Error;
    decide(
      locked: RegistrationState,
      /** The results of the `before` and `after` statements, by their names. */
      reads: Results<B> & Results<A>,
    ): RegistrationDecision | null;
    now: Date;
  },
): Promise<RegistrationChange | null> {
  const where =
    'id' in spec.where
      ? sql`id = ${spec.where.id}`
      : sql`course_id = ${spec.where.courseId} AND scope = ${spec.where.scope} AND learner_id = ${spec.where.learnerId}`;
  const before = (spec.before ?? {}) as B;
  const after = (spec.after ?? {}) as A;
  const first = await tx.run({
    ...before,
    lock: query<Record<string, unknown>>(
      sql`SELECT * FROM registrations WHERE ${where} FOR UPDATE`,
    ),
    ...after,
  });
  const lockedRow = first['lock'].rows[0];
  if (!lockedRow) throw spec.missing();
  const locked = registrationStateOf(lockedRow);
  const decision = spec.decide(locked, first);
  if (!decision) return null;
  const next: RegistrationState = { ...locked, ...decision.summary };
  const columns = changedSummary(locked, next);
  const stats = statsStatement(
    { organizationId: next.organizationId, courseId: next.courseId, registrationId: next.id },
    decision.created ? null : { status: locked.status, progress: locked.progress },
    { status: next.status, progress: next.progress },
  );
  const firstCompletion = locked.completedAt === null && next.completedAt !== null;
  const outbox: Sql[] = [];
  const writesAfter: Sql[] = [];
  if (decision.webhooks) {
    const base = {
      organizationId: next.organizationId,
      orderingKey: next.id,
      data: registrationWebhookData(next),
    };
    outbox.push(webhookEventStatement({ ...base, type: 'registration.updated' }, spec.now));
    if (firstCompletion)
      outbox.push(webhookEventStatement({ ...base, type: 'registration.completed' }, spec.now));
  }
  // A dispatch learner's completion counts on the dispatch (once: the statement checks).
  if (next.scope !== '' && firstCompletion)
    outbox.push(dispatchCompletionStatement(next, next.completedAt!));
  // A dispatch learner launched over LTI: the platform's gradebook gets what changed (AGS).
  const agsScore = next.scope !== '' && agsScoreChanged(locked, next);
  if (agsScore) writesAfter.push(agsScoreStatement(next, spec.now));
  const writes: Batch = {};
  (decision.statements ?? []).forEach((s, i) => (writes[`own${i}`] = query(s)));
  if (columns.length > 0) writes['update'] = query(summaryUpdate(next, columns));
  if (stats) writes['stats'] = query(stats);
  outbox.forEach((s, i) => (writes[`outbox${i}`] = query(s)));
  writesAfter.forEach((s, i) => (writes[`ags${i}`] = query(s)));
  const written = await tx.run(writes, { last: true });
  const queued = outbox.reduce((sum, _, i) => sum + (written[`outbox${i}`]?.rowCount ?? 0), 0);
  return {
    before: locked,
    after: next,
    row: { ...lockedRow, ...registrationRowOf(next) },
    statsChanged: stats !== null,
    queued,
    scoresQueued: writesAfter.reduce((sum, _, i) => sum + (written[`ags${i}`]?.rowCount ?? 0), 0),
  };
}

/**
 * The one publisher of registration changes, after their transaction committed: the
 * registration's watchers, the stats' (only when a counter moved), the dispatch's (a dispatch
 * learner's registration shows in its launches) and the webhook worker (when something was
 * queued).
 */
export function publishRegistrationChange(services: AppServices, change: RegistrationChange): void {
  const { after } = change;
  const key = { organizationId: after.organizationId, courseId: after.courseId };
  const event = { ...key, registrationId: after.id };
  rememberCommittedRow(event, change.row);
  services.events.publish('REGISTRATION_UPDATED', event);
  if (change.statsChanged) services.events.publish('STATS_CHANGED', key);
  if (after.scope !== '')
    services.events.publish('DISPATCH_UPDATED', {
      organizationId: after.organizationId,
      dispatchId: after.scope,
    });
  if (change.queued > 0) services.webhooks.poke();
  if (change.scoresQueued > 0) services.lti.scores.poke();
}
