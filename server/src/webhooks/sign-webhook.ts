import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'courier-signature';

/** HMAC-SHA256 over `<timestamp>.<body>` with the endpoint's secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * What a receiver runs: checks the signature and that the timestamp is recent (replay window),
 * comparing in constant time. Exported so tests verify exactly as integrators are told to.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((kv) => kv.split('=') as [string, string]),
  );
  const timestamp = Number(parts['t']);
  if (
    !Number.isFinite(timestamp) ||
    Math.abs(nowSeconds - timestamp) > toleranceSeconds ||
    !parts['v1']
  )
    return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts['v1'], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
