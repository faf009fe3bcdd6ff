import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { serverAudits } from 'graphql-http';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

describe('the GraphQL endpoint', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  async function post(body: unknown, headers: Record<string, string> = {}) {
    return fetch(`${courier.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function stillAnswers() {
    const res = await post({ query: '{ organization { name } }' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { data: { organization: { name: 'Courier' } } });
  }

  it('passes every MUST of the graphql-http audit suite', async () => {
    // Apollo's CSRF prevention wants a preflight-forcing header on GETs; non-browser clients send it.
    const fetchFn: typeof fetch = (input, init) =>
      fetch(input, {
        ...init,
        headers: {
          ...Object.fromEntries(new Headers(init?.headers)),
          'apollo-require-preflight': 'true',
        },
      });
    const audits = serverAudits({ url: `${courier.url}/graphql`, fetchFn });
    const failures: string[] = [];
    for (const audit of audits) {
      if (!audit.name.startsWith('MUST')) continue;
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    assert.deepEqual(failures, []);
  });

  it('refuses a deeply nested document', async () => {
    let selection = 'name';
    for (let i = 0; i < 20; i++) selection = `ofType { ${selection} }`;
    const res = await post({ query: `{ __schema { types { ${selection} } } }` });
    const body = (await res.json()) as { errors?: Array<{ message: string }> };
    assert.match(body.errors?.[0]?.message ?? '', /depth/i);
    await stillAnswers();
  });

  it('answers the standard introspection query that GraphiQL and codegen send', async () => {
    const res = await post({ query: getIntrospectionQuery({ descriptions: true, oneOf: true }) });
    const body = (await res.json()) as { data?: IntrospectionQuery; errors?: unknown };
    assert.equal(body.errors, undefined);
    assert.ok(body.data?.__schema.types.some((t) => t.name === 'DispatchLaunch'));
  });

  it('refuses a costly document naming the cost limit, not as a syntax error', async () => {
    const node = 'id learnerId status progress launchedAt completedAt ipAddress userAgent';
    const res = await post({
      query: `{ dispatches { launches(first: 200) { edges { node { ${node} } } } } }`,
    });
    const body = (await res.json()) as {
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
    assert.equal(res.status, 400);
    assert.match(body.errors?.[0]?.message ?? '', /over the limit of 10000 \(maxCost\)/);
    assert.doesNotMatch(body.errors?.[0]?.message ?? '', /syntax/i);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'GRAPHQL_VALIDATION_FAILED');
    await stillAnswers();
  });

  it('refuses a document with too many aliases', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: organization { name }`).join(' ');
    const body = (await (await post({ query: `{ ${aliases} }` })).json()) as {
      errors?: Array<{ message: string }>;
    };
    assert.match(body.errors?.[0]?.message ?? '', /alias/i);
    await stillAnswers();
  });

  it('refuses a huge document before validating it', async () => {
    const fields = Array.from({ length: 5000 }, () => '__typename').join(' ');
    const res = await post({ query: `{ ${fields} }` });
    const body = (await res.json()) as { errors?: Array<{ message: string }> };
    assert.equal(res.status, 400);
    assert.match(body.errors?.[0]?.message ?? '', /token/i);
    await stillAnswers();
  });

  it('refuses a body over the size limit', async () => {
    const res = await post({
      query: '{ __typename }',
      variables: { pad: 'x'.repeat(5 * 1024 * 1024) },
    });
    assert.equal(res.status, 413);
    await stillAnswers();
  });

  it('refuses batched operations', async () => {
    const res = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    assert.equal(res.status, 400);
    await stillAnswers();
  });

  it('refuses a text/plain POST (a CSRF-able simple request)', async () => {
    const res = await post(
      JSON.stringify({ query: 'mutation { createApiKey(name: "csrf") { token } }' }),
      {
        'content-type': 'text/plain',
      },
    );
    assert.equal(res.status, 400);
    const keys = await courier.gqlOk('{ apiKeys { name } }', {}, token);
    assert.deepEqual(keys.apiKeys, []);
  });

  it('refuses a mutation over GET', async () => {
    const query = encodeURIComponent('mutation { createApiKey(name: "get") { token } }');
    const res = await fetch(`${courier.url}/graphql?query=${query}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    assert.equal(res.status, 405);
    const keys = await courier.gqlOk('{ apiKeys { name } }', {}, token);
    assert.deepEqual(keys.apiKeys, []);
  });

  it('masks unexpected errors and never shows a stack', async () => {
    const res = await post({ query: '{ registrations(first: 0) { totalCount } }' });
    const body = (await res.json()) as {
      errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    };
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal(JSON.stringify(body).includes('stacktrace'), false);
  });

  it('answers /healthz while the database answers', async () => {
    const res = await fetch(`${courier.url}/healthz`);
    assert.equal(res.status, 200);
  });
});
