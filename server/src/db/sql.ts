import pg from 'pg';

/**
 * SQL that is safe by construction: a statement is written as a tagged template, and each
 * `${value}` fills a slot of its own. The text between slots is the author's, never scanned or
 * rewritten (a jsonb `?` or a `'?'` literal means what it says); a value is rendered by its type
 * or refused, so a Buffer, an undefined or an arbitrary object never turns into SQL silently.
 */
export class Sql {
  /** @internal */
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/** A value bound for a jsonb slot, rendered as JSON text cast to jsonb. */
class JsonValue {
  constructor(readonly value: unknown) {}
}

/** A column or table name chosen by code (never by input), checked to be a plain identifier. */
class Identifier {
  constructor(readonly name: string) {}
}

/** Writes a statement or a fragment of one; fragments nest as values. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql([...strings], values);
}

/** A value to store in a jsonb slot. */
sql.json = (value: unknown): JsonValue => new JsonValue(value);

/** A plain lower-case SQL name, for column lists derived from a declaration in code. */
sql.identifier = (name: string): Identifier => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new TypeError(`Not a plain SQL identifier: ${name}`);
  return new Identifier(name);
};

/** Fragments joined by a separator that is itself SQL text (`, ` or `;\n`). */
sql.join = (parts: readonly Sql[], separator: string): Sql => {
  if (parts.length === 0) return sql``;
  const strings = ['', ...parts.slice(1).map(() => separator), ''];
  return new Sql(strings, [...parts]);
};

/**
 * One value as an SQL literal. Strings go through the driver's escaping (which also handles
 * backslashes); numbers must be finite; a negative number is parenthesized so it can never meet
 * an operator before it (`- -1`). Anything else is refused.
 */
function literalOf(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Not a finite number: ${value}`);
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'bigint') return value < 0n ? `(${value})` : String(value);
  if (typeof value === 'string') {
    if (value.includes('\0')) throw new TypeError('SQL text cannot hold U+0000');
    return pg.escapeLiteral(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('Not a valid date');
    return `${pg.escapeLiteral(value.toISOString())}::timestamptz`;
  }
  if (value instanceof JsonValue) {
    const text = JSON.stringify(value.value);
    if (text === undefined) throw new TypeError('Not a JSON value');
    return `${pg.escapeLiteral(text)}::jsonb`;
  }
  if (value instanceof Identifier) return `"${value.name}"`;
  const kind = value === undefined ? 'undefined' : (value?.constructor?.name ?? typeof value);
  throw new TypeError(`An SQL value must be null, a boolean, number, string or Date; got ${kind}`);
}

/**
 * The statement as text with every value inlined as a literal, for the simple query protocol:
 * the only one that carries several statements in one message (one round trip), and it takes
 * no parameters.
 */
export function toSimpleQuery(statement: Sql): string {
  let text = statement.strings[0]!;
  statement.values.forEach((value, i) => {
    text += value instanceof Sql ? toSimpleQuery(value) : literalOf(value);
    text += statement.strings[i + 1]!;
  });
  return text;
}

/**
 * The statement with `$n` parameters, for the extended protocol (one statement, plans cached
 * by the server). Names and jsonb values stay typed in the text.
 */
export function toParameterized(statement: Sql): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const render = (s: Sql): string => {
    let text = s.strings[0]!;
    s.values.forEach((value, i) => {
      if (value instanceof Sql) text += render(value);
      else if (value instanceof Identifier) text += literalOf(value);
      else if (value instanceof JsonValue) {
        literalOf(value);
        values.push(JSON.stringify(value.value));
        text += `$${values.length}::jsonb`;
      } else {
        literalOf(value);
        values.push(value);
        text += `$${values.length}`;
      }
      text += s.strings[i + 1]!;
    });
    return text;
  };
  return { text: render(statement), values };
}
