import type { IncomingMessage, Server } from 'node:http';
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { DomainError } from '../errors.js';
import type { AppServices } from '../app-services.js';
import { bearerToken } from '../http/respond.js';
import { authenticate } from '../auth/authenticate.js';
import { RequestContext, type Context } from './context.js';
import { allValidationRules, LIMITS } from './limits.js';

/** Close codes this server uses besides graphql-ws's own. */
export const WsCloseCode = {
  /** The socket's session expired or was signed out, its user disabled or its key revoked. */
  CredentialsRevoked: 4401,
  /** The principal already has as many open sockets as it may. */
  TooManySockets: 4429,
} as const;

/**
 * graphql-ws on the same path and port as HTTP. Apollo's plugins don't run here, so the same
 * token limit and validation rules are applied in onSubscribe; sockets need a valid session or
 * API key in connection_init, and browsers an allowed Origin. A socket's principal is checked
 * again before every operation and every few seconds while it is open, so a revoked key or an
 * ended session loses its sockets (and their subscriptions) within seconds.
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
  const documents = new DocumentCache(schema, rules);
  const { wsMaxSocketsPerPrincipal, wsMaxSubscriptionsPerSocket, principalRecheckMs } =
    services.config;
  /** Every acknowledged socket and its caller, for the periodic re-check. */
  const open = new Map<WebSocket, RequestContext>();
  const socketsPerPrincipal = new Map<string, number>();
  const principalKey = (context: RequestContext) => `${context.viewer!.kind}:${context.viewer!.id}`;
  const revoke = (socket: WebSocket) =>
    socket.close(WsCloseCode.CredentialsRevoked, 'Credentials expired or revoked');
  const recheck = async () => {
    const now = Date.now();
    await Promise.all(
      [...open].map(async ([socket, context]) => {
        const valid = await services.principals.stillValid(context.viewer!, now).catch(() => true);
        if (!valid) revoke(socket);
      }),
    );
  };
  let rechecking: Promise<void> | null = null;
  const timer = setInterval(() => {
    // One sweep at a time: a slow database must not pile sweeps up.
    rechecking ??= recheck().finally(() => (rechecking = null));
  }, principalRecheckMs);
  timer.unref();
  const disposable = useServer<Record<string, unknown>, { context?: RequestContext }>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const token = bearerToken(String(ctx.connectionParams?.['authorization'] ?? ''));
        const context = new RequestContext(
          services,
          null,
          ctx.extra.request.socket.remoteAddress ?? null,
          ctx.extra.request.headers['user-agent'] ?? null,
        );
        const principal = await authenticate(services, () => context.em, token);
        if (!principal.viewer) return false;
        context.viewer = principal.viewer;
        context.launch = principal.launch;
        const socket = ctx.extra.socket;
        const key = principalKey(context);
        const count = socketsPerPrincipal.get(key) ?? 0;
        if (count >= wsMaxSocketsPerPrincipal) {
          socket.close(
            WsCloseCode.TooManySockets,
            `At most ${wsMaxSocketsPerPrincipal} open WebSockets per user or API key`,
          );
          return false;
        }
        socketsPerPrincipal.set(key, count + 1);
        open.set(socket, context);
        socket.once('close', () => {
          open.delete(socket);
          const left = (socketsPerPrincipal.get(key) ?? 1) - 1;
          if (left > 0) socketsPerPrincipal.set(key, left);
          else socketsPerPrincipal.delete(key);
        });
        ctx.extra.context = context;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const context = ctx.extra.context!;
        // graphql-ws has registered this operation already, so it is counted here, before any
        // await: a burst of Subscribe messages is counted one by one, in the order it came.
        if (Object.keys(ctx.subscriptions).length > wsMaxSubscriptionsPerSocket) {
          return [
            new DomainError(
              'RATE_LIMITED',
              `At most ${wsMaxSubscriptionsPerSocket} operations at once on one WebSocket`,
              { limit: wsMaxSubscriptionsPerSocket },
            ),
          ];
        }
        if (!(await services.principals.stillValid(context.viewer!))) {
          revoke(ctx.extra.socket);
          return [
            new DomainError(
              'UNAUTHENTICATED',
              'This session or API key has expired or was revoked',
            ),
          ];
        }
        const document = documents.get(payload.query);
        if (!('kind' in document)) return [...document];
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          // Each operation gets its own context (and EntityManager, forked on first use).
          contextValue: context.forOperation(),
        };
        return args;
      },
      subscribe: subscribeShared,
      onError: (_ctx, _id, _payload, errors) => {
        services.logger.debug({ errors }, 'subscription error');
      },
    },
    wss,
  );
  return {
    wss,
    async close() {
      clearInterval(timer);
      for (const client of wss.clients) client.close(1001, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Longer documents are parsed each time, so the cache's memory stays small. */
const MAX_CACHED_QUERY_LENGTH = 8 * 1024;

/**
 * Parsed and validated subscription documents by their text: a thousand dashboards send the
 * same few, and each would otherwise be parsed and validated once per socket. The same document
 * object for the same text is also what lets `subscribeShared` share results.
 */
class DocumentCache {
  private readonly entries = new Map<string, DocumentNode | readonly GraphQLError[]>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: ReturnType<typeof allValidationRules>,
    private readonly maxEntries = 200,
  ) {}

  get(query: string): DocumentNode | readonly GraphQLError[] {
    const known = query.length <= MAX_CACHED_QUERY_LENGTH ? this.entries.get(query) : undefined;
    if (known) return known;
    let result: DocumentNode | readonly GraphQLError[];
    try {
      const document = parse(query, { maxTokens: LIMITS.maxTokens });
      const errors = validate(this.schema, document, this.rules);
      result = errors.length > 0 ? errors : document;
    } catch (err) {
      result = [
        err instanceof GraphQLError ? err : new GraphQLError('Could not parse the document'),
      ];
    }
    if (query.length > MAX_CACHED_QUERY_LENGTH) return result;
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(query, result);
    return result;
  }
}

/** Results per event, by who asks and what: see `subscribeShared`. */
const sharedResults = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
/** A stable id per cached document object, for the sharing key. */
const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;

/**
 * graphql-js's `subscribe`, except that an event's result is computed once for every subscriber
 * with the same caller, document, operation and variables, and shared among them: every local
 * subscriber receives the same event object from the bus, so that object keys the results. With
 * a thousand dashboards over fifty organizations this turns twenty executions per commit into
 * one. Results depend only on the caller and the operation, so sharing changes no answer.
 */
export async function subscribeShared(
  args: ExecutionArgs,
): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!isAsyncIterable(stream)) return stream as ExecutionResult;
  const context = args.contextValue as Context;
  let documentId = documentIds.get(args.document);
  if (documentId === undefined) documentIds.set(args.document, (documentId = nextDocumentId++));
  const viewer = context.viewer;
  const key = JSON.stringify([
    viewer?.kind,
    viewer?.id,
    viewer?.organizationId,
    viewer?.role,
    documentId,
    args.operationName ?? null,
    args.variableValues ?? null,
  ]);
  const run = (event: unknown): Promise<ExecutionResult> => {
    const execution = async () => (await execute({ ...args, rootValue: event })) as ExecutionResult;
    if (typeof event !== 'object' || event === null) return execution();
    let results = sharedResults.get(event);
    if (!results) sharedResults.set(event, (results = new Map()));
    let result = results.get(key);
    if (!result) results.set(key, (result = execution()));
    return result;
  };
  return mapEvents(stream[Symbol.asyncIterator](), run);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';
}

/**
 * Maps a source stream like graphql-js does: `return()` reaches the source at once, even while
 * a `next()` is pending, so a completed subscription leaves the bus without waiting for an event.
 */
function mapEvents<T, R>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<R>,
): AsyncGenerator<R> {
  const iterator: AsyncGenerator<R> = {
    async next() {
      const item = await source.next();
      if (item.done) return { done: true, value: undefined };
      return { done: false, value: await map(item.value) };
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(err: unknown) {
      await source.return?.();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  } as AsyncGenerator<R>;
  return iterator;
}

/**
 * Browsers must come from our own origin or an allowed one; non-browser clients send none.
 * Nothing opens a socket on or from the content origin.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  host: string | undefined,
  services: AppServices,
): boolean {
  // Course content's origin never opens a socket: a dashboard token there would act in full.
  const content = new URL(services.config.contentUrl);
  if (origin === content.origin || host?.toLowerCase() === content.host) return false;
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
