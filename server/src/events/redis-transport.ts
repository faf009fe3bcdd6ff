import { Redis } from 'ioredis';
import type { Transport } from './event-bus.js';
import type { Envelope } from './topics.js';

const CHANNEL = 'courier:events';

/** Events between instances over Redis pub/sub, for fleets whose fan-out outgrows NOTIFY. */
export class RedisTransport implements Transport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(url: string, onError: (err: unknown) => void) {
    this.publisher = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.subscriber = new Redis(url, { lazyConnect: true });
    this.publisher.on('error', onError);
    this.subscriber.on('error', onError);
  }

  async start(deliver: (origin: string, batch: Envelope[]) => void): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== CHANNEL) return;
      const { o, e } = JSON.parse(message) as { o: string; e: Envelope[] };
      deliver(o, e);
    });
    await this.subscriber.subscribe(CHANNEL);
  }

  async send(origin: string, batch: Envelope[]): Promise<void> {
    await this.publisher.publish(CHANNEL, JSON.stringify({ o: origin, e: batch }));
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    await this.publisher.quit().catch(() => this.publisher.disconnect());
  }
}
