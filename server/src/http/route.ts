import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppServices } from '../app-services.js';

/** One REST request as a route sees it. */
export interface RouteRequest {
  services: AppServices;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path pattern's groups, in order. */
  params: string[];
}

/**
 * One REST endpoint, declared beside its feature (`courses/upload-course.route.ts`…); createApp
 * only composes them. A route validates, authorizes, calls its command and answers; errors it
 * throws are answered `{ error: { code, message } }` by the app.
 */
export interface Route {
  method: 'GET' | 'POST';
  /** The path exactly, or a pattern whose groups become `params`. */
  path: string | RegExp;
  /**
   * Called from other origins with a bearer token (the player's beacon): CORS headers are set,
   * the preflight answered, and another method refused with 405 rather than left to 404.
   */
  crossOrigin?: boolean;
  handle(request: RouteRequest): Promise<void>;
}

/** The route serving `pathname` (whatever the method) and its params, if any. */
export function findRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (typeof route.path === 'string') {
      if (route.path === pathname) return { route, params: [] };
      continue;
    }
    const match = route.path.exec(pathname);
    if (match) return { route, params: match.slice(1).map((group) => group ?? '') };
  }
  return null;
}

/** Bearer tokens, not cookies, carry identity, so any origin may call the API. */
export function setCors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    'authorization, content-type, apollo-require-preflight, x-apollo-operation-name',
  );
  res.setHeader('access-control-max-age', '600');
}
