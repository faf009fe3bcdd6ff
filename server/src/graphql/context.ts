import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiKeyScope } from '../auth/api-key.entity.js';
import type { Role } from '../auth/user.entity.js';
import type { AppServices } from '../app-services.js';

/** Who is asking: a person signed in to one organization, or an integrator's API key. */
export interface Viewer {
  kind: 'user' | 'apiKey';
  /** The user, or the API key's id. */
  id: string;
  organizationId: string;
  role: Role;
  /** An API key's scopes; null for a signed-in user (whose role decides). */
  scopes: ApiKeyScope[] | null;
  /** When the session ends; null for API keys, which last until revoked. */
  expiresAt: Date | null;
  /** The session's epoch (see User.sessionEpoch); null for API keys. */
  sessionEpoch: number | null;
}

/** A player holding a launch token. */
export interface LaunchPrincipal {
  registrationId: string;
  attemptId: string;
  organizationId: string;
  /** The registration's course, from the token (absent from tokens signed before it carried one). */
  courseId?: string;
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

/**
 * The caller and an EntityManager forked on first use, for one HTTP request or one WebSocket:
 * a player's commit runs on its own pool and most sockets' resolvers fork their own per event,
 * so neither needs one. The getter lives on the prototype: Apollo copies the context's own
 * properties per operation, which would otherwise read (and so fork) it.
 */
export class RequestContext implements Context {
  viewer: Viewer | null = null;
  launch: LaunchPrincipal | null = null;
  memo = new Map<string, unknown>();
  private forked: EntityManager | null = null;

  constructor(
    readonly services: AppServices,
    readonly authorization: string | null,
    readonly ip: string | null,
    readonly userAgent: string | null,
  ) {}

  get em(): EntityManager {
    return (this.forked ??= this.services.orm.em.fork());
  }

  /** The same caller for one operation, with its own memo and EntityManager. */
  forOperation(): RequestContext {
    const context = new RequestContext(this.services, this.authorization, this.ip, this.userAgent);
    context.viewer = this.viewer;
    context.launch = this.launch;
    return context;
  }
}
