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
    this.deliver = deliver;
    await this.connect();
  }

  /** The backend process id of the current LISTEN connection (for tests and diagnostics). */
  get listenerPid(): number | null {
    return (this.listener as unknown as { processID?: number } | null)?.processID ?? null;
  }

  private deliver: (origin: string, batch: Envelope[]) => void = () => {};
  private reconnecting = false;

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      // A superseded client that still hears something must not deliver it a second time.
      if (client !== this.listener || msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { o, e } = JSON.parse(msg.payload) as { o: string; e: Envelope[] };
        this.deliver(o, e);
      } catch (err) {
        this.onError(err);
      }
    });
    // 'error' and 'end' both come when the backend is terminated: only the first, and only for
    // the current client, starts the one reconnect loop.
    const lost = (err?: unknown) => {
      if (err) this.onError(err);
      if (client === this.listener) void this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.listener = client;
  }

  /** The single reconnect loop: ends the lost client, then retries with backoff until it listens. */
  private async reconnect(): Promise<void> {
    if (this.reconnecting || this.closed) return;
    this.reconnecting = true;
    const lost = this.listener;
    this.listener = null;
    // Not awaited: end() on a client whose backend is already gone may never settle.
    void lost?.end().catch(() => {});
    let delayMs = 100;
    try {
      while (!this.closed) {
        try {
          await this.connect();
          return;
        } catch (err) {
          this.onError(err);
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          delayMs = Math.min(delayMs * 2, 5_000);
        }
      }
    } finally {
      this.reconnecting = false;
    }
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
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
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
