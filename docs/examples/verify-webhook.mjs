import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `header` (the Courier-Signature header) signs `rawBody` (the request body exactly as
 * received, before any JSON parsing) with your endpoint's secret, and is at most five minutes
 * old, so a captured request cannot be replayed later.
 */
export function verifyCourierSignature(secret, header, rawBody, now = Date.now()) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const timestamp = Number(t);
  if (!Number.isFinite(timestamp) || !v1) return false;
  if (Math.abs(now / 1000 - timestamp) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
