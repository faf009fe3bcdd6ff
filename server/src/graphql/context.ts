import type { EntityManager } from '@mikro-orm/postgresql';
import type { LaunchPrincipal, Viewer } from '../auth/principal.js';
import type { AppServices } from '../app-services.js';

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
