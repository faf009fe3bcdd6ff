import type { TopicPayloads } from '../events/topics.js';

type RegistrationEvent = TopicPayloads['REGISTRATION_UPDATED'];

/**
 * The registration row a commit just wrote, beside the event it published. Local subscribers
 * receive that very event object, so they can show the row without reading it back; events from
 * other instances carry ids only and are loaded as before.
 */
const rows = new WeakMap<RegistrationEvent, Record<string, unknown>>();

export function rememberCommittedRow(event: RegistrationEvent, row: Record<string, unknown>): void {
  rows.set(event, row);
}

/** The row behind a locally published event, if a commit published it. */
export function committedRowOf(event: RegistrationEvent): Record<string, unknown> | undefined {
  return rows.get(event);
}
