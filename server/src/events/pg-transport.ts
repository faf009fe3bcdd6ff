import pg from 'pg';
import type { Transport } from './event-bus.js';
import type { Envelope } from './topics.js';

const CHANNEL = 'courier_events';
/** NOTIFY payloads must stay under 8,000 bytes; leave room for the origin and framing. */
const MAX_PAYLOAD_BYTES = 7_500;

/**
 * Events between instances over PostgreSQL LISTEN/NOTIFY: no new infrastructure. Each batch is
 * split into as few notifications as fit the payload limit.
 */
export class PgTransport implements Transport {
  private listener: pg.Client | null = null;
  private readonly sender: pg.Pool;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onError: (err: unknown) => void,
  ) {
    this.sender = new pg.Pool({ connectionString: url, max: 2 });
    this.sender.on('error', onError);
  }

  async start(deliver: (origin: string, batch: Envelope[]) => void): Promise<void> {
    const connect = async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return;
        try {
          const { o, e } = JSON.parse(msg.payload) as { o: string; e: Envelope[] };
          deliver(o, e);
        } catch (err) {
          this.onError(err);
        }
      });
      client.on('error', (err) => {
        this.onError(err);
        if (!this.closed) setTimeout(() => void reconnect(), 500);
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.listener = client;
    };
    const reconnect = async () => {
      await this.listener?.end().catch(() => {});
      this.listener = null;
      if (this.closed) return;
      try {
        await connect();
      } catch (err) {
        this.onError(err);
        setTimeout(() => void reconnect(), 1000);
      }
    };
    await connect();
  }

  async send(origin: string, batch: Envelope[]): Promise<void> {
    for (const chunk of chunkByBytes(batch, MAX_PAYLOAD_BYTES - origin.length - 20)) {
      await this.sender.query('SELECT pg_notify($1, $2)', [
        CHANNEL,
        JSON.stringify({ o: origin, e: chunk }),
      ]);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => {});
    await this.sender.end();
  }
}

/** Splits envelopes into groups whose JSON stays under `maxBytes`. */
export function chunkByBytes(batch: Envelope[], maxBytes: number): Envelope[][] {
  const chunks: Envelope[][] = [];
  let current: Envelope[] = [];
  let size = 2;
  for (const envelope of batch) {
    const bytes = Buffer.byteLength(JSON.stringify(envelope)) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
    }
    current.push(envelope);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
