import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { sameStatement } from './statement-index.js';
import { XapiInvalid, type JsonObject } from './validate-statement.js';

const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/**
 * Checks a signed statement's JWS (xAPI Data 2.6): RS256/384/512, a payload that is the
 * statement itself (by the statement comparison rules, the attachments aside), and, when the
 * header carries an x5c certificate chain, a signature its first certificate verifies.
 */
export async function checkSignature(statement: JsonObject, jws: string): Promise<void> {
  const segments = jws.trim().split('.');
  if (segments.length !== 3) throw new XapiInvalid('The signature is not a JWS in compact form');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jws.trim());
    payload = JSON.parse(Buffer.from(segments[1]!, 'base64url').toString('utf8'));
  } catch {
    throw new XapiInvalid('The signature is not a readable JWS');
  }
  if (!ALGORITHMS.has(String(header.alg)))
    throw new XapiInvalid('A statement signature must use RS256, RS384 or RS512');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw new XapiInvalid('The signature payload is not a statement');
  const { attachments: _a, ...signed } = payload as JsonObject;
  const { attachments: _b, ...sent } = statement;
  const signedId =
    typeof signed['id'] === 'string' ? signed : { ...signed, id: sent['id'] ?? null };
  if (!sameStatement(signedId, sent))
    throw new XapiInvalid('The signature payload does not match the statement');
  if (Array.isArray(header.x5c) && header.x5c.length > 0) {
    try {
      const pem = `-----BEGIN CERTIFICATE-----\n${header.x5c[0]}\n-----END CERTIFICATE-----`;
      const key = await importX509(pem, String(header.alg));
      await compactVerify(jws.trim(), key);
    } catch {
      throw new XapiInvalid('The statement signature does not verify against its x5c certificate');
    }
  }
}
