import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../app-services.js';
import { bearerToken } from '../http/respond.js';
import { authenticate } from './authenticate.js';
import type { Context } from './context.js';
import { allValidationRules, LIMITS } from './limits.js';

/**
 * graphql-ws on the same path and port as HTTP. Apollo's plugins don't run here, so the same
 * token limit and validation rules are applied in onSubscribe; sockets need a valid session or
 * API key in connection_init, and browsers an allowed Origin.
 */
export function attachWebSocketServer(
  httpServer: Server,
  schema: GraphQLSchema,
  services: AppServices,
) {
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: LIMITS.maxWsPayloadBytes,
    verifyClient: ({ origin, req }: { origin: string | undefined; req: IncomingMessage }) =>
      isAllowedOrigin(origin, req.headers.host, services),
  });
  const rules = allValidationRules();
  const disposable = useServer<Record<string, unknown>, { context?: Context }>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const token = bearerToken(String(ctx.connectionParams?.['authorization'] ?? ''));
        const em = services.orm.em.fork();
        const principal = await authenticate(services, () => em, token);
        if (!principal.viewer) return false;
        ctx.extra.context = {
          em,
          services,
          ...principal,
          authorization: null,
          ip: ctx.extra.request.socket.remoteAddress ?? null,
          userAgent: ctx.extra.request.headers['user-agent'] ?? null,
          memo: new Map(),
        };
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: LIMITS.maxTokens });
        } catch (err) {
          return [
            err instanceof GraphQLError ? err : new GraphQLError('Could not parse the document'),
          ];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          // Each operation gets its own EntityManager; resolvers fork again per event.
          contextValue: { ...ctx.extra.context!, em: services.orm.em.fork(), memo: new Map() },
        };
        return args;
      },
      onError: (_ctx, _id, _payload, errors) => {
        services.logger.debug({ errors }, 'subscription error');
      },
    },
    wss,
  );
  return {
    wss,
    async close() {
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Browsers must come from our own origin or an allowed one; non-browser clients send none. */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  services: AppServices,
): boolean {
  if (!origin) return true;
  const allowed = new Set([
    new URL(services.config.publicUrl).origin,
    ...services.config.allowedOrigins,
  ]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  return allowed.has(origin);
}
