import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import {
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
  validate,
  type DocumentNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { buildCourierSchema } from '../schema.js';
import { allValidationRules, LIMITS } from './limits.js';

const repo = new URL('../../../', import.meta.url);

/** The dashboard's documents, as the client preset generated them. */
export async function webDocuments(): Promise<Map<string, DocumentNode>> {
  const source = await readFile(new URL('web/src/gql/graphql.ts', repo), 'utf8');
  const documents = new Map<string, DocumentNode>();
  for (const match of source.matchAll(
    /^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode</gm,
  )) {
    documents.set(match[1]!, JSON.parse(match[2]!) as DocumentNode);
  }
  return documents;
}

/** Every fenced ```graphql block of docs/*.md, by file and position. */
export async function documentedExamples(): Promise<Map<string, string>> {
  const examples = new Map<string, string>();
  const dir = new URL('docs/', repo);
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()) {
    const text = await readFile(new URL(file, dir), 'utf8');
    let n = 0;
    for (const match of text.matchAll(/^```graphql\n([\s\S]*?)^```/gm)) {
      examples.set(`${file} #${++n}`, match[1]!);
    }
  }
  return examples;
}

/** A query for a 100-row page of one connection, with every scalar field of its nodes. */
function pageQuery(schema: GraphQLSchema, path: GraphQLField<unknown, unknown>[]): string {
  const variables: string[] = [];
  const selectAll = (type: GraphQLObjectType, depth: number): string =>
    Object.values(type.getFields())
      .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
      .map((f) => {
        const named = getNamedType(f.type);
        if (isLeafType(named)) return f.name;
        // Objects hanging off a node (course, learner, score) with their scalars; no lists.
        if (depth > 0 && isObjectType(named) && !isListType(getNullableType(f.type)))
          return `${f.name} { ${selectAll(named, depth - 1)} }`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
  let inner = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const field = path[i]!;
    const args = field.args
      .filter((a) => isNonNullType(a.type) || a.name === 'first')
      .map((a) => {
        if (a.name === 'first') return 'first: 100';
        variables.push(`$${field.name}_${a.name}: ${String(a.type)}`);
        return `${a.name}: $${field.name}_${a.name}`;
      });
    const node = getNamedType(
      (getNamedType(field.type) as GraphQLObjectType).getFields()['edges']?.type ?? field.type,
    ) as GraphQLObjectType;
    const body =
      i === path.length - 1
        ? `totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${selectAll(
            getNamedType(node.getFields()['node']!.type) as GraphQLObjectType,
            1,
          )} } }`
        : inner;
    inner = `${field.name}${args.length ? `(${args.join(', ')})` : ''} { ${body} }`;
  }
  void schema;
  return `query Page${variables.length ? `(${variables.join(', ')})` : ''} { ${inner} }`;
}

/**
 * Each connection field reachable from Query through single objects (as an integrator pages one
 * dispatch's launches), with the shortest such path. Under an unpaged list a page costs the
 * list's assumed length times more, as it should.
 */
function connectionPaths(schema: GraphQLSchema): GraphQLField<unknown, unknown>[][] {
  const paths: GraphQLField<unknown, unknown>[][] = [];
  const seen = new Set<string>();
  const queue: Array<{ type: GraphQLObjectType; path: GraphQLField<unknown, unknown>[] }> = [
    { type: schema.getQueryType()!, path: [] },
  ];
  while (queue.length) {
    const { type, path } = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (!isObjectType(named) || isListType(getNullableType(field.type))) continue;
      if (named.name.endsWith('Connection')) paths.push([...path, field]);
      else queue.push({ type: named, path: [...path, field] });
    }
  }
  return paths;
}

describe('the GraphQL limits', () => {
  let schema: GraphQLSchema;
  before(async () => {
    schema = await buildCourierSchema();
  });

  const errorsOf = (document: DocumentNode | string) =>
    validate(
      schema,
      typeof document === 'string' ? parse(document) : document,
      allValidationRules(),
    ).map((e) => e.message);

  it('admit every document the dashboard sends', async () => {
    const documents = await webDocuments();
    assert.ok(documents.has('DispatchDetail'), 'the generated documents were found');
    for (const [name, document] of documents) assert.deepEqual(errorsOf(document), [], name);
  });

  it('admit every example in docs/', async () => {
    const examples = await documentedExamples();
    assert.ok(examples.size > 5, 'the examples were found');
    for (const [name, example] of examples) assert.deepEqual(errorsOf(example), [], name);
  });

  it('admit the standard introspection query, with every option on', () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    assert.deepEqual(errorsOf(query), []);
    assert.deepEqual(errorsOf(getIntrospectionQuery()), []);
  });

  it('admit a 100-row page of every connection with all its scalar fields', () => {
    const paths = connectionPaths(schema);
    const names = paths.map((p) => p.map((f) => f.name).join('.'));
    assert.ok(names.includes('registrations'), names.join());
    assert.ok(names.includes('dispatch.launches'), names.join());
    for (const path of paths) {
      const query = pageQuery(schema, path);
      assert.deepEqual(errorsOf(query), [], query);
    }
  });

  it('refuse a costly document, naming the cost limit and without calling it a syntax error', () => {
    const node = 'id learnerId status progress score { scaled raw } launchedAt completedAt';
    const errors = errorsOf(
      `{ dispatches { launches(first: 200) { edges { node { ${node} } } } } }`,
    );
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /Query cost is \d+, over the limit of 10000 \(maxCost\)/);
    assert.doesNotMatch(errors[0]!, /syntax/i);
  });

  it('count a page size given as a variable as a 100-row page', () => {
    const node = 'id learnerId status progress launchedAt completedAt ipAddress userAgent';
    const query = (first: string) =>
      `query${first === '$n' ? '($n: Int)' : ''} { dispatches { launches(first: ${first}) { edges { node { ${node} } } } } }`;
    assert.match(errorsOf(query('$n'))[0] ?? '', /maxCost/);
    assert.deepEqual(errorsOf(query('2')), []);
  });

  it('measure a fragment as often as it is spread', () => {
    const fields = 'id learnerId status progress launchedAt completedAt ipAddress userAgent';
    const spreads = Array.from({ length: 8 }, () => '...L').join(' ');
    const query = `{ dispatches { launches(first: 100) { edges { node { ${spreads} } } } } }
      fragment L on DispatchLaunch { ${fields} }`;
    assert.match(errorsOf(query)[0] ?? '', /maxCost/);
  });

  it('refuse deep nesting and many aliases, naming each limit', () => {
    let selection = 'name';
    for (let i = 0; i < 20; i++) selection = `ofType { ${selection} }`;
    assert.match(
      errorsOf(`{ __schema { types { ${selection} } } }`)[0] ?? '',
      new RegExp(`over the limit of ${LIMITS.maxIntrospectionDepth} \\(maxIntrospectionDepth\\)`),
    );
    // Our schema has no cycle deep enough, so unknown fields (refused too) build the depth.
    let own = 'id';
    for (let i = 0; i < 13; i++) own = `nested { ${own} }`;
    assert.ok(
      errorsOf(`{ ${own} }`).some((e) =>
        /Query depth is 14, over the limit of 12 \(maxDepth\)/.test(e),
      ),
    );
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ');
    assert.match(errorsOf(`{ ${aliases} }`)[0] ?? '', /Alias count is 16.*\(maxAliases\)/);
  });
});
