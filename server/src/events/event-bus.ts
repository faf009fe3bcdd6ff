import { randomUUID } from 'node:crypto';
import type { Envelope, Topic, TopicPayloads } from './topics.js';

/** Carries envelopes to the other instances; in-process buses have none. */
export interface Transport {
  /** Sends a batch published by this instance. */
  send(origin: string, batch: Envelope[]): Promise<void>;
  /** Starts receiving; `deliver` gets batches published by any instance, this one included. */
  start(deliver: (origin: string, batch: Envelope[]) => void): Promise<void>;
  close(): Promise<void>;
}

type Listener = (envelope: Envelope) => void;

/** How long outgoing events wait to share one cross-instance message. */
const FLUSH_DELAY_MS = 10;

/**
 * The one seam events travel through. Local subscribers get an event at once; other instances
 * get it through the transport in batches, so a burst of commits costs one NOTIFY or PUBLISH.
 */
export class EventBus {
  readonly origin = randomUUID();
  /** Per topic, per organization (null: every organization), so an event reaches only its own. */
  private readonly listeners = new Map<Topic, Map<string | null, Set<Listener>>>();
  private outgoing: Envelope[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly transport: Transport | null = null,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async start(): Promise<void> {
    await this.transport?.start((origin, batch) => {
      if (origin === this.origin) return;
      for (const envelope of batch) this.deliver(envelope);
    });
  }

  publish<T extends Topic>(topic: T, payload: TopicPayloads[T]): void {
    const envelope = { topic, payload } as Envelope;
    this.deliver(envelope);
    if (!this.transport) return;
    this.outgoing.push(envelope);
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  /**
   * An async iterator of the topic's events that pass `filter`. It ends when `signal` aborts or
   * the consumer returns; events wait in a queue while the consumer is busy.
   */
  subscribe<T extends Topic>(
    topic: T,
    filter: (payload: TopicPayloads[T]) => boolean = () => true,
    /** Only this organization's events: with many subscribers, each event meets only its own. */
    organizationId: string | null = null,
  ): AsyncIterableIterator<TopicPayloads[T]> {
    const queue: TopicPayloads[T][] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const listener: Listener = (envelope) => {
      const payload = envelope.payload as TopicPayloads[T];
      if (!filter(payload)) return;
      queue.push(payload);
      wake?.();
    };
    const byOrganization = this.listeners.get(topic) ?? new Map<string | null, Set<Listener>>();
    this.listeners.set(topic, byOrganization);
    const set = byOrganization.get(organizationId) ?? new Set();
    byOrganization.set(organizationId, set);
    set.add(listener);
    const stop = () => {
      done = true;
      set.delete(listener);
      if (set.size === 0 && byOrganization.get(organizationId) === set)
        byOrganization.delete(organizationId);
      wake?.();
    };
    const iterator: AsyncIterableIterator<TopicPayloads[T]> = {
      async next() {
        while (!done && queue.length === 0) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
        if (done) return { done: true, value: undefined };
        return { done: false, value: queue.shift()! };
      },
      async return() {
        stop();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  listenerCount(topic: Topic): number {
    let count = 0;
    for (const set of this.listeners.get(topic)?.values() ?? []) count += set.size;
    return count;
  }

  /** Sends what is waiting, then stops the transport. */
  async close(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flush();
    await this.flushing;
    await this.transport?.close();
  }

  private deliver(envelope: Envelope): void {
    const byOrganization = this.listeners.get(envelope.topic);
    if (!byOrganization) return;
    for (const listener of byOrganization.get(envelope.payload.organizationId) ?? [])
      listener(envelope);
    for (const listener of byOrganization.get(null) ?? []) listener(envelope);
  }

  private flush(): void {
    this.flushTimer = null;
    if (!this.transport || this.outgoing.length === 0) return;
    const batch = this.outgoing;
    this.outgoing = [];
    const transport = this.transport;
    this.flushing = this.flushing
      .then(() => transport.send(this.origin, batch))
      .catch(this.onError);
  }
}
