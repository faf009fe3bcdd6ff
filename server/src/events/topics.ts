/** The vocabulary of events on the bus: small payloads of ids; subscribers load what they show. */
export interface TopicPayloads {
  /** An accepted commit (or a new registration) changed this registration. */
  REGISTRATION_UPDATED: { organizationId: string; courseId: string; registrationId: string };
  /** A figure in the organization's stats moved. Subscribers coalesce these. */
  STATS_CHANGED: { organizationId: string; courseId: string };
  /** A dispatch's launches, completions or settings changed. */
  DISPATCH_UPDATED: { organizationId: string; dispatchId: string };
  /** A course got a new version: every instance forgets what it cached of the old one. */
  COURSE_UPDATED: { organizationId: string; courseId: string };
  /** A webhook delivery was attempted: delivered, or failed and rescheduled or given up. */
  WEBHOOK_DELIVERY_UPDATED: { organizationId: string; endpointId: string; deliveryId: string };
}

export type Topic = keyof TopicPayloads;

export const TOPICS: readonly Topic[] = [
  'REGISTRATION_UPDATED',
  'STATS_CHANGED',
  'DISPATCH_UPDATED',
  'COURSE_UPDATED',
  'WEBHOOK_DELIVERY_UPDATED',
];

/** One event as it crosses instances. */
export interface Envelope<T extends Topic = Topic> {
  topic: T;
  payload: TopicPayloads[T];
}
