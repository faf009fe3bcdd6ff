import {
  defaultFieldResolver,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { BadUserInputError } from '../errors.js';

/** Every id Courier hands out is a UUID; anything else cannot name a row. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any string argument or input field not named below: far above any real name or identifier. */
export const DEFAULT_MAX_STRING_LENGTH = 1000;

interface StringRule {
  maxLength: number;
  /** A shape the value must have, with what to call it in the refusal. */
  format?: { pattern: RegExp; description: string };
}

const INVITATION_TOKEN_RULE: StringRule = {
  maxLength: 64,
  format: { pattern: /^ci_[A-Za-z0-9_-]{43}$/, description: 'an invitation token (ci_…)' },
};

/** Rules by argument (`Type.field.arg`) or input field (`Input.field`), checked first. */
const RULES_BY_PATH: Record<string, StringRule> = {
  'Mutation.launchDispatch.key': {
    maxLength: 64,
    format: { pattern: /^dk_[A-Za-z0-9_-]{8,61}$/, description: 'a dispatch key (dk_…)' },
  },
  'Query.invitation.token': INVITATION_TOKEN_RULE,
  'Mutation.acceptInvitation.token': INVITATION_TOKEN_RULE,
};

/** Rules by the argument's or field's own name, wherever it appears. */
const RULES_BY_NAME: Array<[RegExp, StringRule]> = [
  // RFC 5321 caps a path at 256 octets; 320 is the conventional local@domain maximum.
  [/email$/i, { maxLength: 320 }],
  [/^(name|recipientName|search|title)$/, { maxLength: 200 }],
  [/password$/i, { maxLength: 200 }],
];

/**
 * Checks every argument of every field before its resolver (or subscribe) runs: ids must be
 * UUIDs and strings bounded (and some shaped), nested input objects and lists included. One
 * place for the whole schema, so no resolver hands the ORM or a hash a huge or malformed string;
 * the refusals name the argument but never echo its value.
 */
export function applyInputBounds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length > 0) guardField(`${type.name}.${field.name}`, field);
    }
  }
  return schema;
}

function guardField(path: string, field: GraphQLField<unknown, unknown>): void {
  const check = (args: Record<string, unknown>) => {
    for (const arg of field.args) checkArgument(path, arg, args[arg.name]);
  };
  const resolve = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    check(args);
    return resolve(source, args, context, info);
  };
  const subscribe = field.subscribe;
  if (subscribe) {
    field.subscribe = (source, args, context, info) => {
      check(args);
      return subscribe(source, args, context, info);
    };
  }
}

function checkArgument(fieldPath: string, arg: GraphQLArgument, value: unknown): void {
  checkValue(arg.type, value, arg.name, RULES_BY_PATH[`${fieldPath}.${arg.name}`]);
}

function checkValue(
  type: GraphQLInputType,
  value: unknown,
  name: string,
  rule: StringRule | undefined,
): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, name, rule);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const item of value) checkValue(type.ofType, item, name, rule);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const field of Object.values(fields)) {
      const given = (value as Record<string, unknown>)[field.name];
      checkValue(field.type, given, field.name, RULES_BY_PATH[`${type.name}.${field.name}`]);
    }
    return;
  }
  if (type === GraphQLID) {
    if (typeof value !== 'string' || !UUID.test(value))
      throw new BadUserInputError(`${name} is not a valid id`, { field: name });
    return;
  }
  if (type === GraphQLString && typeof value === 'string') {
    const bound = rule ?? RULES_BY_NAME.find(([pattern]) => pattern.test(name))?.[1];
    const maxLength = bound?.maxLength ?? DEFAULT_MAX_STRING_LENGTH;
    if (value.length > maxLength)
      throw new BadUserInputError(`${name} is longer than ${maxLength} characters`, {
        field: name,
        maxLength,
      });
    if (bound?.format && !bound.format.pattern.test(value))
      throw new BadUserInputError(`${name} is not ${bound.format.description}`, { field: name });
  }
}
