import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { specifiedRules, type GraphQLSchema } from 'graphql';
import type { AppServices } from '../app-services.js';
import {
  DomainError,
  httpStatusOf,
  makeFormatError,
  mapDriverError,
  PayloadTooLargeError,
} from '../errors.js';
import { bearerToken, clientIp, readBody, sendJson } from '../http/respond.js';
import { API_KEY_PREFIX } from '../auth/tokens.js';
import { authenticate } from '../auth/authenticate.js';
import { RequestContext, type Context } from './context.js';
import { DirectExecution } from './direct-execution.js';
import { LIMITS, limitRules } from './limits.js';

/**
 * A GraphQL request body for anything but the runtime commit: far above any dashboard or
 * integrator operation, small enough that no anonymous caller can make the server parse, coerce
 * and hold megabytes.
 */
export const GRAPHQL_BODY_LIMIT_BYTES = 256 * 1024;

/** The most of a refused body that is read and dropped so the client can read the refusal. */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/** Apollo Server on our own HTTP server: limits, CSRF prevention and one error map. */
export async function makeGraphQLHandler(schema: GraphQLSchema, services: AppServices) {
  const formatError = makeFormatError((err) =>
    services.logger.error({ err }, 'unexpected error in GraphQL'),
  );
  const direct = new DirectExecution(schema, [...specifiedRules, ...limitRules()], formatError);
  const apollo = new ApolloServer<Context>({
    schema,
    validationRules: limitRules(),
    parseOptions: { maxTokens: LIMITS.maxTokens },
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: true,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    logger: services.logger,
    // Nothing here is HTTP-cacheable (every answer depends on the token), and the cache-control
    // plugin would otherwise wrap every field resolver of every request.
    // Apollo's landing page loads from a CDN (blank offline); browsers go to our bundled
    // explorer instead (see `handle`).
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (isBrowserVisit(req, url)) {
      res.writeHead(302, { location: '/explorer/', 'cache-control': 'no-store' }).end();
      return;
    }
    let body: unknown = undefined;
    let bodyBytes = 0;
    if (req.method === 'POST') {
      // Only a player's commit carries megabytes (suspend data), and only with a launch token:
      // everyone else's body is cut off at the small limit before it is read on.
      const raw = await readBody(
        req,
        (await holdsLaunchToken(services, req)) ? LIMITS.maxBodyBytes : GRAPHQL_BODY_LIMIT_BYTES,
      );
      bodyBytes = raw.length;
      const type = String(req.headers['content-type'] ?? '');
      if (/^application\/(graphql-response\+)?json/i.test(type)) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              errors: [
                { message: 'The body is not valid JSON', extensions: { code: 'BAD_REQUEST' } },
              ],
            }),
          );
          return;
        }
      } else {
        body = raw.toString('utf8');
      }
    }
    const document = direct.accepts(req, body);
    if (!document && bodyBytes > GRAPHQL_BODY_LIMIT_BYTES)
      throw new PayloadTooLargeError(GRAPHQL_BODY_LIMIT_BYTES);
    if (document) {
      const answer = await direct.execute(document, body, await buildContext(services, req));
      if (answer !== null) {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(answer),
        });
        res.end(answer);
        return;
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => buildContext(services, req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return {
    handle: async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      try {
        await handle(req, res, url);
      } catch (err) {
        const refusal = err instanceof DomainError ? err : mapDriverError(err);
        if (refusal) {
          // A refused body may still be streaming in. Reading a few megabytes to drop them lets
          // the client read the answer (most clients fail on a connection closed mid-upload);
          // past that, close rather than drain.
          const declared = Number(req.headers['content-length'] ?? NaN);
          const drain = !req.complete && declared <= MAX_DRAINED_BYTES;
          if (!req.complete && !drain) res.setHeader('connection', 'close');
          // GraphQL's own shape, so GraphQL clients read the code where they look for it.
          sendJson(res, httpStatusOf[refusal.code], {
            errors: [{ message: refusal.message, extensions: refusal.extensions }],
          });
          if (drain) req.resume();
          return;
        }
        throw err;
      }
    },
    stop: () => apollo.stop(),
  };
}

/** Whether the request's bearer token is a valid launch token (a player, which may commit). */
async function holdsLaunchToken(services: AppServices, req: IncomingMessage): Promise<boolean> {
  const token = bearerToken(req.headers.authorization ?? null);
  if (!token || token.startsWith(API_KEY_PREFIX)) return false;
  return (await services.tokens.verify(token))?.typ === 'launch';
}

/** A person opening /graphql in a browser (a page load, not a GraphQL request). */
function isBrowserVisit(req: IncomingMessage, url: URL): boolean {
  return (
    req.method === 'GET' &&
    !url.searchParams.has('query') &&
    /text\/html/i.test(String(req.headers.accept ?? ''))
  );
}

/** The caller of one HTTP request. */
async function buildContext(services: AppServices, req: IncomingMessage): Promise<Context> {
  const authorization = req.headers.authorization ?? null;
  const context = new RequestContext(
    services,
    authorization,
    clientIp(req, services.config.trustProxy),
    req.headers['user-agent'] ?? null,
  );
  const principal = await authenticate(services, () => context.em, bearerToken(authorization));
  context.viewer = principal.viewer;
  context.launch = principal.launch;
  return context;
}
