import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../auth/user.entity.js';
import type { AppServices } from '../app-services.js';

/** Who is asking: a person signed in to one organization, or an integrator's API key. */
export interface Viewer {
  kind: 'user' | 'apiKey';
  /** The user, or the API key's id. */
  id: string;
  organizationId: string;
  role: Role;
}

/** A player holding a launch token. */
export interface LaunchPrincipal {
  registrationId: string;
  attemptId: string;
  organizationId: string;
  token: string;
  expiresAt: Date;
}

/** Per-request context for resolvers: a forked EntityManager and the caller. */
export interface Context {
  em: EntityManager;
  services: AppServices;
  viewer: Viewer | null;
  launch: LaunchPrincipal | null;
  /** The raw `Authorization` header, for resolvers that take other schemes (dispatch Basic auth). */
  authorization: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Request-scoped memo for batched loads (e.g. course stats in a list). */
  memo: Map<string, unknown>;
}
