import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  specifiedRules,
  type GraphQLError,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Limits on what one operation may ask, the same over HTTP and WebSocket. */
export const LIMITS = {
  /** Deep enough for introspection's type-of-type chains and our own nesting. */
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 20,
  maxCost: 5000,
  /** Tokens per document, enforced by the parser before anything else runs. */
  maxTokens: 2000,
  /** Request body for POST /graphql: a commit can carry large suspend data. */
  maxBodyBytes: 4 * 1024 * 1024,
  /** One WebSocket message: subscriptions are small documents. */
  maxWsPayloadBytes: 64 * 1024,
};

/** Validation rules that refuse hostile documents (depth, aliases, directives, cost). */
export function limitRules(): ValidationRule[] {
  // Report a refusal as a validation error (a 400 the client can read) rather than throwing
  // out of validation, which servers would take for a crash.
  const common = {
    propagateOnRejection: false,
    exposeLimits: true,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => context?.reportError(error),
    ],
  };
  return [
    maxDepthRule({
      n: LIMITS.maxDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      ...common,
    }),
    maxAliasesRule({ n: LIMITS.maxAliases, allowList: [], ...common }),
    maxDirectivesRule({ n: LIMITS.maxDirectives, ...common }),
    costLimitRule({ maxCost: LIMITS.maxCost, ignoreIntrospection: true, ...common }),
  ] as unknown as ValidationRule[];
}

/** graphql-js's own rules followed by ours: what graphql-ws must validate with. */
export function allValidationRules(): ValidationRule[] {
  return [...specifiedRules, ...limitRules()];
}
