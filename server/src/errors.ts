import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  DriverException,
  ForeignKeyConstraintViolationException,
  NotFoundError as OrmNotFoundError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';

/** Every error code a client may see in `extensions.code` (see shared/contract.md). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'DISPATCH_EXPIRED'
  | 'DISPATCH_REVOKED'
  | 'DISPATCH_LIMIT_REACHED'
  | 'INVALID_PACKAGE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR';

/** HTTP status that the REST routes answer for each code. */
export const httpStatusOf: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  DISPATCH_EXPIRED: 410,
  DISPATCH_REVOKED: 403,
  DISPATCH_LIMIT_REACHED: 409,
  INVALID_PACKAGE: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
};

/** A refusal the user can act on: its message is shown as is, its code is in the contract. */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'DomainError';
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first: this needs a valid token') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this') {
    super('FORBIDDEN', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} was not found`);
  }
}

export class BadUserInputError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('BAD_USER_INPUT', message, details);
  }
}

/** A SCORM package that cannot be imported; nothing of it is kept. */
export class InvalidPackageError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_PACKAGE', message, details);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super('PAYLOAD_TOO_LARGE', `The upload is larger than the limit of ${limitBytes} bytes`, {
      limitBytes,
    });
  }
}

/**
 * What a PostgreSQL error (SQLSTATE) says to the client, for the classes a request's input can
 * cause: data it cannot store or a limit it passes. The message names the problem, never the
 * SQL or the value.
 */
const DRIVER_ERRORS: Record<string, string> = {
  '22P05': 'A value holds a character the database cannot store',
  '22021': 'A value holds a character the database cannot store',
  '22P02': 'A value is not of the expected type',
  '22001': 'A value is longer than its field allows',
  '22003': 'A number is out of range',
  '22007': 'A date or time is not valid',
  '22008': 'A date or time is out of range',
  '54000': 'A value is larger than the database can store',
  '23502': 'A required value is missing',
  '23505': 'That already exists',
  '23503': 'That refers to something that does not exist or is still in use',
  '23514': 'A value is not allowed here',
};

/**
 * A database driver error (pg's, or MikroORM's wrapping of it) as the domain error the client
 * should see, or null when it is not one the input caused (those stay internal).
 */
export function mapDriverError(err: unknown): DomainError | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, sqlState } = err as { code?: unknown; sqlState?: unknown };
  const state = typeof sqlState === 'string' ? sqlState : code;
  if (typeof state !== 'string') return null;
  const message = DRIVER_ERRORS[state];
  return message ? new BadUserInputError(message) : null;
}

/**
 * The one boundary map from thrown errors to what clients see. Domain errors pass through;
 * constraint violations and input-caused driver errors (`mapDriverError`) become
 * BAD_USER_INPUT; Apollo's own request errors (parse, validation, bad variables) keep their codes; everything else is masked so no stack,
 * SQL or other organization's data leaks, and is logged once.
 */
export function makeFormatError(log: (err: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // A domain error may also arrive wrapped by validation or variable coercion.
    const domain = findDomainError(error);
    if (domain) {
      return {
        ...formatted,
        message: shortened(domain.message),
        extensions: domain.extensions,
      };
    }
    if (
      original instanceof DriverException &&
      BAD_VALUE_SQLSTATES.has(String((original as { code?: unknown }).code))
    ) {
      // A value the column cannot take (a malformed uuid, too long a string) is the caller's
      // mistake; it is not logged, since the value may be a learner's data.
      return {
        ...formatted,
        message: 'A value is malformed or too long',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    if (original instanceof UniqueConstraintViolationException) {
      return {
        ...formatted,
        message: 'That already exists',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    if (original instanceof ForeignKeyConstraintViolationException) {
      return {
        ...formatted,
        message: 'That refers to something that does not exist or is still in use',
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    if (original instanceof OrmNotFoundError) {
      return { ...formatted, message: 'Not found', extensions: { code: 'NOT_FOUND' } };
    }
    const mapped = mapDriverError(original);
    if (mapped) return { ...formatted, message: mapped.message, extensions: mapped.extensions };
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      // graphql-js's coercion messages quote the offending value, however large.
      return { ...formatted, message: shortened(formatted.message), extensions };
    }
    log(original);
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** invalid_text_representation, string_data_right_truncation, numeric_value_out_of_range. */
const BAD_VALUE_SQLSTATES = new Set(['22P02', '22001', '22003']);

/** Messages past this length are cut in the middle, where graphql-js quotes the value. */
const MAX_MESSAGE_LENGTH = 300;

/** A message short enough to never echo a large input: its start and end, which say what and why. */
export function shortened(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  const half = Math.floor((MAX_MESSAGE_LENGTH - 1) / 2);
  return `${message.slice(0, half)}…${message.slice(-half)}`;
}

/** The first DomainError in an error's chain of original errors. */
function findDomainError(error: unknown): DomainError | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return null;
}
