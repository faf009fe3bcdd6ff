import { createServer } from 'node:http';
import pg from 'pg';

/**
 * The raw baseline for commit ingest: plain Node http + pg doing the same essential work as a
 * commit (one row UPDATE and a NOTIFY in a transaction), with none of Courier's checks.
 */
const pool = new pg.Pool({ connectionString: process.env['DATABASE_URL'], max: 10 });
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const { registrationId, location } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    registrationId: string;
    location: string;
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'UPDATE registrations SET resume_point = $1, last_activity_at = now() WHERE id = $2',
      [location, registrationId],
    );
    await client.query("SELECT pg_notify('baseline', $1)", [registrationId]);
    await client.query('COMMIT');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    res.writeHead(500).end(String(err));
  } finally {
    client.release();
  }
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
