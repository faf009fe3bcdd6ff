import { randomUUID } from 'node:crypto';
import { webcrypto } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';

type CryptoKey = webcrypto.CryptoKey;
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretBox } from '../webhooks/secret-box.js';
import { LtiToolKey } from './lti.entity.js';

const DAY_MS = 86_400_000;

interface SigningKey {
  kid: string;
  key: CryptoKey;
  createdAt: Date;
}

/**
 * The tool's own key pairs: the newest signs deep-linking responses and AGS client assertions;
 * it is replaced once it is `rotationDays` old, and the one before stays published at the JWKS
 * URL for another period so platforms that cached it still verify. Private keys are kept sealed
 * in the database (SecretBox) and exist in the clear only in this process's memory.
 */
export class ToolKeys {
  private current: SigningKey | null = null;

  constructor(
    private readonly secrets: SecretBox,
    private readonly rotationDays: number,
  ) {}

  /** The key to sign with now, made (once across instances) when none is young enough. */
  async signingKey(em: EntityManager, now = new Date()): Promise<SigningKey> {
    if (this.current && now.getTime() - this.current.createdAt.getTime() < this.maxAgeMs())
      return this.current;
    const row = await em.transactional(async (tx) => {
      // Instances starting together make one key, not one each.
      await tx.execute(`SELECT pg_advisory_xact_lock(hashtextextended('lti-tool-keys', 0))`);
      const [newest] = await tx.find(LtiToolKey, {}, { orderBy: { createdAt: 'desc' }, limit: 1 });
      if (newest && now.getTime() - newest.createdAt.getTime() < this.maxAgeMs()) return newest;
      const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      const kid = randomUUID();
      const privateJwk = await exportJWK(pair.privateKey);
      const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
      const created = tx.create(LtiToolKey, {
        kid,
        privateKeySealed: this.secrets.seal(JSON.stringify(privateJwk)),
        publicJwk,
        createdAt: now,
      });
      await tx.flush();
      return created;
    });
    const jwk = JSON.parse(this.secrets.open(row.privateKeySealed)) as JWK;
    const key = (await importJWK(jwk, 'RS256')) as CryptoKey;
    this.current = { kid: row.kid, key, createdAt: row.createdAt };
    return this.current;
  }

  /** The public keys platforms may see signatures from: the current one and its predecessor. */
  async jwks(em: EntityManager, now = new Date()): Promise<{ keys: JWK[] }> {
    await this.signingKey(em, now);
    const rows = await em.find(
      LtiToolKey,
      { createdAt: { $gt: new Date(now.getTime() - 2 * this.maxAgeMs()) } },
      { orderBy: { createdAt: 'desc' }, limit: 3 },
    );
    return { keys: rows.map((r) => r.publicJwk as JWK) };
  }

  /** A JWT signed with the current key, its kid in the header. */
  async sign(
    em: EntityManager,
    payload: JWTPayload,
    lifetimeSeconds: number,
    now = new Date(),
  ): Promise<string> {
    const { kid, key } = await this.signingKey(em, now);
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSeconds)
      .setJti(randomUUID())
      .sign(key);
  }

  private maxAgeMs(): number {
    return this.rotationDays * DAY_MS;
  }
}
