import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AppServices } from './app-services.js';
import { serveContent } from './courses/serve-content.js';
import { DomainError, mapDriverError } from './errors.js';
import {
  dispatchLaunchesCsvRoute,
  interactionsCsvRoute,
  registrationsCsvRoute,
} from './exports/export-csv.route.js';
import { makeGraphQLHandler } from './graphql/http-handler.js';
import { attachWebSocketServer } from './graphql/ws-server.js';
import { sendError, sendJson } from './http/respond.js';
import {
  holdsDashboardCredential,
  isFromContent,
  redirectToContentSite,
  refuseDashboardCredential,
  servedOnContentSite,
  setContentHeaders,
  setDashboardHeaders,
  siteOf,
} from './http/origins.js';
import { findRoute, setCors, type Route } from './http/route.js';
import { handleLti, isLtiPath } from './lti/lti-routes.js';
import { serveWeb } from './http/serve-web.js';
import { commitBeaconRoute } from './registrations/commit-beacon.route.js';
import { uploadCourseRoute } from './courses/upload-course.route.js';
import { dispatchPackageRoute } from './dispatch/dispatch-package.route.js';
import { buildCourierSchema } from './schema.js';
import { handleXapi } from './xapi/xapi-router.js';

/** The REST API, each route declared beside its feature. */
const ROUTES: readonly Route[] = [
  uploadCourseRoute,
  commitBeaconRoute,
  dispatchPackageRoute,
  registrationsCsvRoute,
  interactionsCsvRoute,
  dispatchLaunchesCsvRoute,
];

export interface App {
  server: Server;
  /** Stops taking work, drains HTTP and WebSockets. The caller closes the database afterwards. */
  close(): Promise<void>;
}

/**
 * Builds the HTTP + GraphQL + WebSocket app around its services on `server`; it does not listen
 * (startCourier does).
 */
export async function createApp(services: AppServices, server: Server): Promise<App> {
  const schema = await buildCourierSchema();
  const graphql = await makeGraphQLHandler(schema, services);
  const ws = attachWebSocketServer(server, schema, services);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    const method = req.method ?? 'GET';
    const site = siteOf(req, services.config);
    if (site === 'content') {
      setContentHeaders(res);
      if (!servedOnContentSite(pathname)) {
        return sendJson(res, 404, {
          error: { code: 'NOT_FOUND', message: `${pathname} is not served on the content origin` },
        });
      }
    } else if (isLtiPath(pathname)) {
      // Shown inside the platform's frame, with headers of their own.
      return handleLti(services, req, res, url);
    } else {
      setDashboardHeaders(res, services.config);
      if (pathname === '/player' || pathname.startsWith('/player/')) {
        return redirectToContentSite(res, services.config, url);
      }
    }
    if (pathname === '/graphql') {
      setCors(res);
      if (method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (isFromContent(req, services.config) && (await holdsDashboardCredential(services, req)))
        return refuseDashboardCredential(res);
      return graphql.handle(req, res, url);
    }
    if (pathname === '/xapi' || pathname.startsWith('/xapi/'))
      return handleXapi(services, req, res, url);
    if (pathname === '/healthz') {
      const ok = await services.orm.isConnected().catch(() => false);
      return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'database unavailable' });
    }
    const found = findRoute(ROUTES, pathname);
    if (found?.route.crossOrigin) {
      setCors(res);
      if (method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (method !== found.route.method)
        return sendJson(res, 405, {
          error: { code: 'BAD_USER_INPUT', message: `Use ${found.route.method}` },
        });
    }
    if (found && method === found.route.method)
      return found.route.handle({ services, req, res, url, params: found.params });
    if (pathname.startsWith('/content/')) {
      if (site === 'content' && (method === 'GET' || method === 'HEAD'))
        return serveContent(services.storage, req, res, pathname);
      // Never on the dashboard's origin: a course page there could read the dashboard's session.
      return sendJson(res, 404, {
        error: { code: 'NOT_FOUND', message: 'Course files are served on the content origin only' },
      });
    }
    if (pathname.startsWith('/api/')) {
      return sendJson(res, 404, {
        error: { code: 'NOT_FOUND', message: `No route ${method} ${pathname}` },
      });
    }
    if (method === 'GET' || method === 'HEAD')
      return serveWeb(services.config.webDistDir, req, res, pathname);
    return sendJson(res, 405, {
      error: { code: 'BAD_USER_INPUT', message: `${method} is not allowed here` },
    });
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      // A refused upload may still be streaming in: answer, then stop reading it.
      if (res.headersSent) return void res.destroy();
      const refusal = err instanceof DomainError ? err : mapDriverError(err);
      if (refusal) sendError(res, refusal);
      else {
        services.logger.error({ err, url: req.url }, 'unexpected error');
        sendJson(res, 500, {
          error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' },
        });
      }
      if (!req.complete) req.resume();
    });
  });

  return {
    server,
    async close() {
      await ws.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await graphql.stop();
    },
  };
}
