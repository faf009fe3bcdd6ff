import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import type { Role } from './user.entity.js';

/** A signed-in person acting in one organization. */
export interface SessionClaims {
  typ: 'session';
  userId: string;
  organizationId: string;
  role: Role;
  /** The user's session epoch when signed in; a session from an older epoch was signed out. */
  epoch?: number;
}

/** A player session: may commit runtime data for one registration's attempt, nothing else. */
export interface LaunchClaims {
  typ: 'launch';
  registrationId: string;
  attemptId: string;
  organizationId: string;
  /**
   * The registration's course (a registration never changes course), so a commit finds what it
   * needs of the course without reading the registration first. Tokens signed before it lack it.
   */
  courseId?: string;
}

export type TokenClaims = SessionClaims | LaunchClaims;

export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
/** Long enough for a sitting; the player renews it at half-life so longer sessions keep going. */
export const LAUNCH_TTL_SECONDS = 4 * 3600;

const ISSUER = 'courier';

/**
 * How long a verified token is taken on trust before its signature is checked again: a player
 * autocommits every 30 s, so a learner's token is checked once in 20 commits rather than every
 * other one (WebCrypto's HMAC check was 6% of the server's time under the live load).
 */
const VERIFIED_TTL_MS = 10 * 60_000;
const VERIFIED_MAX_ENTRIES = 20_000;

type VerifiedClaims = TokenClaims & { expiresAt: Date };

/**
 * Signs and verifies Courier's JWTs (HS256 with JWT_SECRET). A player sends its launch token
 * with every commit, so verified tokens are remembered for ten minutes (never past their expiry):
 * a token's validity depends only on its signature and expiry, so the answer cannot change.
 */
export class TokenSigner {
  private readonly key: Uint8Array;
  /** The key imported once: given raw bytes, jose would import them again for every token. */
  private cryptoKey: Promise<webcrypto.CryptoKey> | null = null;
  private readonly verified = new Map<string, { claims: VerifiedClaims; until: number }>();

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(
    claims: TokenClaims,
    ttlSeconds: number,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + ttlSeconds) * 1000);
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.importedKey());
    // The token is valid by construction: its first use (a launch's first commit) need not check it.
    this.remember(token, { ...claims, expiresAt }, Date.now());
    return { token, expiresAt };
  }

  /** The claims of a valid token, or null for anything expired, forged or malformed. */
  async verify(token: string): Promise<VerifiedClaims | null> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known) {
      if (now < known.until) return known.claims;
      this.verified.delete(token);
    }
    const claims = await this.verifySignature(token);
    if (claims) this.remember(token, claims, now);
    return claims;
  }

  private remember(token: string, claims: VerifiedClaims, now: number): void {
    if (this.verified.size >= VERIFIED_MAX_ENTRIES)
      this.verified.delete(this.verified.keys().next().value!);
    const until = Math.min(now + VERIFIED_TTL_MS, claims.expiresAt.getTime());
    this.verified.set(token, { claims, until });
  }

  private importedKey(): Promise<webcrypto.CryptoKey> {
    return (this.cryptoKey ??= webcrypto.subtle.importKey(
      'raw',
      this.key,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ));
  }

  private async verifySignature(token: string): Promise<VerifiedClaims | null> {
    try {
      const { payload } = await jwtVerify(token, await this.importedKey(), {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (payload['typ'] === 'session' || payload['typ'] === 'launch') {
        return {
          ...(payload as unknown as TokenClaims),
          expiresAt: new Date((payload.exp ?? 0) * 1000),
        };
      }
      return null;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null;
      throw err;
    }
  }
}

export const API_KEY_PREFIX = 'ck_';

/** A new integrator token: 256 random bits, prefixed so it is recognisable in a secret scanner. */
export function generateApiKeyToken(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export const INVITATION_TOKEN_PREFIX = 'ci_';

/** A one-time invitation link's secret: 256 random bits, only its hash is kept. */
export function generateInvitationToken(): string {
  return INVITATION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** High-entropy secrets (API keys, dispatch secrets) are stored as SHA-256: a KDF adds nothing there. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
