import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  OWNER_EMAIL,
  startTestCourier,
  type TestCourier,
} from '@courier/tests/support/test-courier.js';

const LOGIN =
  'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { email role organization { id name } } } }';

describe('sign-in, roles and organizations', () => {
  let courier: TestCourier;
  before(async () => {
    courier = await startTestCourier();
  });
  after(async () => {
    await courier.stop();
  });

  it('creates the owner from ADMIN_EMAIL and signs in with the right password only', async () => {
    const ok = await courier.gqlOk(LOGIN, {
      e: OWNER_EMAIL.toUpperCase(),
      p: 'owner-password-123',
    });
    assert.equal(ok.login.user.email, OWNER_EMAIL);
    assert.equal(ok.login.user.role, 'OWNER');
    const wrong = await courier.gql(LOGIN, { e: OWNER_EMAIL, p: 'not-the-password' });
    assert.equal(wrong.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const unknown = await courier.gql(LOGIN, { e: 'nobody@courier.test', p: 'whatever-1234' });
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('answers me and organization for a session, and UNAUTHENTICATED without one', async () => {
    const token = await courier.ownerToken();
    const data = await courier.gqlOk(
      '{ me { email } organization { name stats { total completionRate averageProgress } } }',
      {},
      token,
    );
    assert.equal(data.me.email, OWNER_EMAIL);
    assert.deepEqual(data.organization.stats, {
      total: 0,
      completionRate: 0,
      averageProgress: null,
    });
    const anonymous = await courier.gql('{ organization { id } }');
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const forged = await courier.gql('{ organization { id } }', {}, token.slice(0, -4) + 'AAAA');
    assert.equal(forged.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('lets the owner create an organization whose admin sees only their own', async () => {
    const owner = await courier.ownerToken();
    const created = await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id name } }',
      {
        i: {
          name: 'Acme Learning',
          adminEmail: 'admin@acme.test',
          adminPassword: 'acme-password-1',
        },
      },
      owner,
    );
    const admin = await courier.gqlOk(LOGIN, { e: 'admin@acme.test', p: 'acme-password-1' });
    assert.equal(admin.login.user.role, 'ADMIN');
    assert.equal(admin.login.user.organization.id, created.createOrganization.id);
    const refused = await courier.gql(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      { i: { name: 'Sneaky', adminEmail: 'x@sneaky.test', adminPassword: 'sneaky-password' } },
      admin.login.token,
    );
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const orgs = await courier.gql('{ organizations { id } }', {}, admin.login.token);
    assert.equal(orgs.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const all = await courier.gqlOk('{ organizations { name } }', {}, owner);
    assert.deepEqual(all.organizations.map((o: { name: string }) => o.name).sort(), [
      'Acme Learning',
      'Courier',
    ]);
  });

  it('gives viewers read access and refuses them writes', async () => {
    const owner = await courier.ownerToken();
    await courier.addUser(owner, {
      email: 'viewer@courier.test',
      password: 'viewer-password',
      role: 'VIEWER',
    });
    const viewer = (await courier.gqlOk(LOGIN, { e: 'viewer@courier.test', p: 'viewer-password' }))
      .login.token;
    const read = await courier.gqlOk('{ courses { id } organization { name } }', {}, viewer);
    assert.deepEqual(read.courses, []);
    const write = await courier.gql('mutation { createApiKey(name: "x") { token } }', {}, viewer);
    assert.equal(write.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('issues an API key once, which then authenticates until revoked', async () => {
    const owner = await courier.ownerToken();
    const { createApiKey } = await courier.gqlOk(
      'mutation { createApiKey(name: "HR sync") { id name token } }',
      {},
      owner,
    );
    assert.match(createApiKey.token, /^ck_/);
    const asKey = await courier.gqlOk(
      '{ organization { name } me { id } }',
      {},
      createApiKey.token,
    );
    assert.equal(asKey.organization.name, 'Courier');
    assert.equal(asKey.me, null);
    const listed = await courier.gqlOk('{ apiKeys { id name lastUsedAt } }', {}, owner);
    assert.equal(
      JSON.stringify(listed).includes(createApiKey.token),
      false,
      'the token is never shown again',
    );
    await courier.gqlOk(
      'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }',
      { id: createApiKey.id },
      owner,
    );
    const revoked = await courier.gql('{ organization { name } }', {}, createApiKey.token);
    assert.equal(revoked.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('rate-limits repeated failed sign-ins for one account', async () => {
    let last;
    for (let i = 0; i < 11; i++)
      last = await courier.gql(LOGIN, { e: 'victim@courier.test', p: `guess-${i}-abcdef` });
    assert.equal(last?.errors?.[0]?.extensions?.code, 'RATE_LIMITED');
  });

  it('refuses a WebSocket without a valid token and accepts one with it', async () => {
    const wsUrl = courier.url.replace('http', 'ws') + '/graphql';
    const refused = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: 'Bearer nope' },
    });
    const closeCode = await new Promise<number>((resolve) =>
      refused.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    assert.equal(closeCode, 4403);
    await refused.dispose();

    const token = await courier.ownerToken();
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: '{ organization { name } }' },
        { next: resolve, error: reject, complete: () => {} },
      );
    });
    assert.deepEqual(result, { data: { organization: { name: 'Courier' } } });
    await client.dispose();
  });
});
