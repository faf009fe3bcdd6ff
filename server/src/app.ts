import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AppServices } from './app-services.js';
import { requireViewer } from './auth/authorize.js';
import { Role } from './auth/user.entity.js';
import { Course } from './courses/course.entity.js';
import { importCourse } from './courses/import-course.js';
import { serveContent } from './courses/serve-content.js';
import { Dispatch } from './dispatch/dispatch.entity.js';
import { buildDispatchPackage, parseDispatchPackageFormat } from './dispatch/dispatch-package.js';
import { BadUserInputError, DomainError, mapDriverError, NotFoundError } from './errors.js';
import {
  exportDispatchLaunchesCsv,
  exportInteractionsCsv,
  exportRegistrationsCsv,
} from './exports/export-csv.js';
import { buildContext, makeGraphQLHandler } from './graphql/http-handler.js';
import { attachWebSocketServer } from './graphql/ws-server.js';
import { commitBeacon } from './registrations/commit-beacon.js';
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
import { handleLti, isLtiPath, ltiDispatchConfiguration } from './lti/lti-routes.js';
import { serveWeb } from './http/serve-web.js';
import { buildCourierSchema } from './schema.js';

export interface App {
  server: Server;
  /** Stops taking work, drains HTTP and WebSockets. The caller closes the database afterwards. */
  close(): Promise<void>;
}

/** Builds the HTTP + GraphQL + WebSocket app around its services; it does not listen. */
export async function createApp(services: AppServices): Promise<App> {
  const schema = await buildCourierSchema();
  const graphql = await makeGraphQLHandler(schema, services);
  const server = createServer();
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
    if (pathname === '/healthz') {
      const ok = await services.orm.isConnected().catch(() => false);
      return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'database unavailable' });
    }
    if (pathname === '/api/courses' && method === 'POST') {
      const ctx = await buildContext(services, req);
      const viewer = requireViewer(ctx, Role.ADMIN);
      const type = String(req.headers['content-type'] ?? '');
      if (!/^application\/(zip|x-zip-compressed|octet-stream)/i.test(type)) {
        throw new DomainError(
          'INVALID_PACKAGE',
          'Send the SCORM package as the body with Content-Type: application/zip',
        );
      }
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      const course = await importCourse(ctx, {
        organizationId: viewer.organizationId,
        body: req,
        declaredLength: length,
        // With ?courseId=, the package is that course's next version.
        courseId: url.searchParams.get('courseId'),
      });
      return sendJson(res, 201, {
        id: course.id,
        title: course.title,
        scormVersion: course.scormVersion,
        version: course.version,
      });
    }
    if (pathname === '/api/runtime/commits') {
      setCors(res);
      if (method === 'OPTIONS') {
        res.writeHead(204).end();
        return;
      }
      if (method !== 'POST')
        return sendJson(res, 405, { error: { code: 'BAD_USER_INPUT', message: 'Use POST' } });
      return sendJson(res, 200, await commitBeacon(services, req));
    }
    const packageMatch = /^\/api\/dispatches\/([0-9a-f-]{36})\/package$/.exec(pathname);
    if (packageMatch && method === 'GET') {
      const ctx = await buildContext(services, req);
      const viewer = requireViewer(ctx, Role.ADMIN);
      // Over LTI 1.3 there is no file: the tool's URLs and the platform registered, as JSON.
      if (url.searchParams.get('format') === 'lti')
        return sendJson(
          res,
          200,
          await ltiDispatchConfiguration(ctx.em, services.config.publicUrl, {
            organizationId: viewer.organizationId,
            dispatchId: packageMatch[1]!,
          }),
        );
      const format = parseDispatchPackageFormat(url.searchParams.get('format'));
      const dispatch = await ctx.em.findOne(
        Dispatch,
        { id: packageMatch[1]!, organization: viewer.organizationId },
        { populate: ['course'] },
      );
      if (!dispatch) throw new NotFoundError('Dispatch', packageMatch[1]!);
      const zip = await buildDispatchPackage({
        format,
        serverUrl: services.config.contentUrl,
        key: dispatch.key,
        title: dispatch.course.title,
        dispatchId: dispatch.id,
      });
      const filename = `${dispatch.course.title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'course'}-${format}.zip`;
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': zip.length,
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      });
      res.end(zip);
      return;
    }
    if (pathname === '/api/exports/registrations.csv' && method === 'GET') {
      const ctx = await buildContext(services, req);
      const viewer = requireViewer(ctx);
      const q = url.searchParams;
      return exportRegistrationsCsv(ctx.em, res, {
        organizationId: viewer.organizationId,
        courseId: q.get('courseId'),
        status: q.get('status'),
        search: q.get('search'),
      });
    }
    if (pathname === '/api/exports/interactions.csv' && method === 'GET') {
      const ctx = await buildContext(services, req);
      const viewer = requireViewer(ctx);
      const courseId = url.searchParams.get('courseId') ?? '';
      if (!/^[0-9a-f-]{36}$/.test(courseId))
        throw new BadUserInputError('courseId must name one of your courses', {
          field: 'courseId',
        });
      const course = await ctx.em.findOne(Course, {
        id: courseId,
        organization: viewer.organizationId,
      });
      if (!course) throw new NotFoundError('Course', courseId);
      return exportInteractionsCsv(ctx.em, res, course);
    }
    const launchesCsv = /^\/api\/dispatches\/([0-9a-f-]{36})\/launches\.csv$/.exec(pathname);
    if (launchesCsv && method === 'GET') {
      const ctx = await buildContext(services, req);
      const viewer = requireViewer(ctx);
      const dispatch = await ctx.em.findOne(Dispatch, {
        id: launchesCsv[1]!,
        organization: viewer.organizationId,
      });
      if (!dispatch) throw new NotFoundError('Dispatch', launchesCsv[1]!);
      return exportDispatchLaunchesCsv(ctx.em, res, dispatch.id);
    }
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

/** Bearer tokens, not cookies, carry identity, so any origin may call the API. */
function setCors(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    'authorization, content-type, apollo-require-preflight, x-apollo-operation-name',
  );
  res.setHeader('access-control-max-age', '600');
}
