import type { IncomingMessage } from 'node:http';
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context } from './context.js';
import { LIMITS } from './limits.js';

/** The root fields whose operations may skip Apollo's pipeline: the player's hot path. */
const DIRECT_ROOT_FIELDS = new Set(['commitRuntime']);
const MAX_CACHED_QUERY_LENGTH = 8 * 1024;

/** A request body that `DirectExecution` may take: a plain POSTed JSON operation. */
interface OperationBody {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * The runtime commit, executed without Apollo's request pipeline. A player sends the same
 * mutation document many times a minute; Apollo would hash it, look it up, negotiate the
 * response type, copy the context and run its plugin hooks on every one, which costs about as
 * much as the commit's own work. Here a document is parsed and validated once (with the same
 * rules and limits), and executed with graphql-js directly.
 *
 * It takes only what it answers exactly as Apollo would: a JSON POST without extensions whose
 * response may be plain JSON, and a valid mutation whose every root field is a direct one.
 * Anything else, and any request that fails before a resolver runs (variables that don't
 * coerce, an unknown operation name), goes to Apollo, which then answers it; nothing has run.
 */
export class DirectExecution {
  private readonly documents = new Map<string, DocumentNode | null>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => unknown,
    private readonly maxEntries = 100,
  ) {}

  /** The document to execute directly, or null when Apollo should take the request. */
  accepts(req: IncomingMessage, body: unknown): DocumentNode | null {
    if (req.method !== 'POST' || typeof body !== 'object' || body === null) return null;
    const accept = req.headers.accept;
    if (accept !== undefined && accept !== '*/*' && accept !== 'application/json') return null;
    const { query, operationName, variables, extensions } = body as OperationBody & {
      extensions?: unknown;
    };
    if (typeof query !== 'string' || query.length > MAX_CACHED_QUERY_LENGTH) return null;
    if (extensions !== undefined) return null;
    if (operationName != null && typeof operationName !== 'string') return null;
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables)))
      return null;
    return this.document(query);
  }

  /**
   * Executes `document`; null when no resolver ran (a request error), so the caller hands the
   * request to Apollo for its answer. Otherwise the response body, ordered as Apollo orders it.
   */
  async execute(document: DocumentNode, body: unknown, context: Context): Promise<string | null> {
    const { operationName, variables } = body as OperationBody;
    const result = (await execute({
      schema: this.schema,
      document,
      operationName: operationName ?? null,
      variableValues: variables ?? null,
      contextValue: context,
    })) as ExecutionResult;
    if (!('data' in result) || result.data === undefined) return null;
    return (
      JSON.stringify({
        errors: result.errors?.map((error) => this.format(error)),
        data: result.data,
      }) + '\n'
    );
  }

  /** As Apollo does: a formatter that throws yields a bare internal error. */
  private format(error: GraphQLError): unknown {
    try {
      return this.formatError(enrich(error), error);
    } catch {
      return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
  }

  private document(query: string): DocumentNode | null {
    const known = this.documents.get(query);
    if (known !== undefined) return known;
    let document: DocumentNode | null = null;
    try {
      const parsed = parse(query, { maxTokens: LIMITS.maxTokens });
      if (isDirectMutation(parsed) && validate(this.schema, parsed, this.rules).length === 0)
        document = parsed;
    } catch {
      document = null;
    }
    if (this.documents.size >= this.maxEntries)
      this.documents.delete(this.documents.keys().next().value!);
    this.documents.set(query, document);
    return document;
  }
}

/** One mutation, every root selection a direct field (aliases and arguments as they like). */
function isDirectMutation(document: DocumentNode): boolean {
  if (document.definitions.length !== 1) return false;
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'mutation')
    return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind === Kind.FIELD && DIRECT_ROOT_FIELDS.has(s.name.value) && !s.directives?.length,
  );
}

/** What Apollo hands `formatError` first: the error's JSON with a code, never a stack. */
function enrich(error: GraphQLError): GraphQLFormattedError {
  return {
    ...error.toJSON(),
    extensions: { ...error.extensions, code: error.extensions['code'] ?? 'INTERNAL_SERVER_ERROR' },
  };
}
