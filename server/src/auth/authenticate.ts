import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, ApiKeyScope } from './api-key.entity.js';
import { API_KEY_PREFIX, hashSecret } from './tokens.js';
import { Role } from './user.entity.js';
import type { AppServices } from '../app-services.js';
import type { Principal } from './principal.js';

const NOBODY: Principal = { viewer: null, launch: null };

/**
 * Turns a bearer token into who is asking: a session JWT, a launch JWT or an API key.
 * Anything unknown, expired or revoked (a revoked key, a signed-out session, a disabled user) is
 * nobody; resolvers then refuse with UNAUTHENTICATED.
 */
export async function authenticate(
  services: AppServices,
  /** Only API keys need the database; JWTs are checked in memory, so no fork is made for them. */
  getEm: () => EntityManager,
  token: string | null,
): Promise<Principal> {
  if (!token) return NOBODY;
  if (token.startsWith(API_KEY_PREFIX)) {
    const em = getEm();
    const key = await em.findOne(ApiKey, { tokenHash: hashSecret(token), revokedAt: null });
    if (!key) return NOBODY;
    // Last use is informational: write it at most once a minute to keep reads cheap.
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: new Date() });
    }
    return {
      viewer: {
        kind: 'apiKey',
        id: key.id,
        organizationId: key.organization.id,
        // A key without WRITE reads like a viewer; ADMIN-scoped actions check the scope itself.
        role: key.scopes.includes(ApiKeyScope.WRITE) ? Role.ADMIN : Role.VIEWER,
        scopes: key.scopes,
        expiresAt: null,
        sessionEpoch: null,
      },
      launch: null,
    };
  }
  const claims = await services.tokens.verify(token);
  if (!claims) return NOBODY;
  if (claims.typ === 'launch') {
    return {
      viewer: null,
      launch: {
        registrationId: claims.registrationId,
        attemptId: claims.attemptId,
        organizationId: claims.organizationId,
        ...(claims.courseId ? { courseId: claims.courseId } : {}),
        token,
        expiresAt: claims.expiresAt,
      },
    };
  }
  // Signature and expiry are not enough: the user may have signed out everywhere or been
  // disabled since, on any instance.
  const epoch = claims.epoch ?? 0;
  if ((await services.principals.sessionEpoch(claims.userId)) !== epoch) return NOBODY;
  return {
    viewer: {
      kind: 'user',
      id: claims.userId,
      organizationId: claims.organizationId,
      role: claims.role,
      scopes: null,
      expiresAt: claims.expiresAt,
      sessionEpoch: epoch,
    },
    launch: null,
  };
}
