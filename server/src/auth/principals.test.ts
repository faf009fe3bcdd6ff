import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { WsCloseCode } from '../graphql/ws-server.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { Role } from './user.entity.js';

const LOGIN =
  'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id } } }';
const CREATE_KEY =
  'mutation($n: String!, $s: [ApiKeyScope!]) { createApiKey(name: $n, scopes: $s) { id token } }';

/** A deferred promise: settled from outside, awaited by the test. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Rejects when `promise` has not settled by the deadline, naming what was awaited. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

interface OpenSocket {
  client: Client;
  closed: Promise<number>;
  /** Runs one operation; resolves with its first result or the error it ended with. */
  run(query: string, variables?: Record<string, unknown>): Promise<unknown>;
  /** Starts a subscription; `ended` settles when the server completes or errors it. */
  subscribe(query: string): { ended: Promise<unknown> };
}

function openSocket(courier: TestCourier, token: string): OpenSocket {
  const closed = deferred<number>();
  const client = createClient({
    url: courier.url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    // The close is what several tests wait for; graphql-ws would print it to the console.
    onNonLazyError: () => {},
    connectionParams: { authorization: `Bearer ${token}` },
    on: { closed: (event) => closed.resolve((event as { code: number }).code) },
  });
  return {
    client,
    closed: closed.promise,
    run(query, variables = {}) {
      return new Promise((resolve) => {
        client.subscribe(
          { query, variables },
          { next: resolve, error: resolve, complete: () => resolve('complete') },
        );
      });
    },
    subscribe(query) {
      const ended = deferred<unknown>();
      client.subscribe(
        { query },
        { next: () => {}, error: ended.resolve, complete: () => ended.resolve('complete') },
      );
      return { ended: ended.promise };
    },
  };
}

/** A socket that has answered one operation, so its connection is acknowledged. */
async function openReadySocket(courier: TestCourier, token: string): Promise<OpenSocket> {
  const socket = openSocket(courier, token);
  assert.deepEqual(await socket.run('{ organization { name } }'), {
    data: { organization: { name: 'Courier' } },
  });
  return socket;
}

/** graphql-ws reports a closed socket to a sink as the close event itself. */
function isCloseEvent(result: unknown): boolean {
  return typeof result === 'object' && result !== null && 'code' in result && 'reason' in result;
}

function codeOf(result: unknown): unknown {
  const errors = (result as { errors?: Array<{ extensions?: { code?: string } }> }).errors;
  return errors?.[0]?.extensions?.code;
}

describe('principals that can be taken back', () => {
  let courier: TestCourier;
  let owner: string;
  before(async () => {
    courier = await startTestCourier({
      PRINCIPAL_RECHECK_MS: '200',
      WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3',
      WS_MAX_SOCKETS_PER_PRINCIPAL: '2',
    });
    owner = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  it('closes a revoked API key’s socket and ends its subscription within seconds', async () => {
    const { createApiKey: key } = await courier.gqlOk(CREATE_KEY, { n: 'leaky' }, owner);
    const socket = await openReadySocket(courier, key.token);
    const { ended } = socket.subscribe('subscription { registrationUpdated { id } }');
    await courier.gqlOk(
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: key.id },
      owner,
    );
    assert.equal(
      await within(socket.closed, 5000, 'socket closed'),
      WsCloseCode.CredentialsRevoked,
    );
    await within(ended, 5000, 'subscription ended');
    await socket.client.dispose();
    const http = await courier.gql('{ organization { name } }', {}, key.token);
    assert.equal(http.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('refuses the next operation on a socket whose key another instance revoked', async (t) => {
    if (!process.env['DATABASE_URL'])
      return t.skip('needs DATABASE_URL: embedded PostgreSQL serves one instance');
    const other = await startTestCourier(
      { PRINCIPAL_RECHECK_MS: '200' },
      { shareDatabaseWith: courier },
    );
    try {
      const { createApiKey: key } = await courier.gqlOk(
        CREATE_KEY,
        { n: 'provisioning', s: ['READ', 'WRITE', 'ADMIN'] },
        owner,
      );
      const socket = await openReadySocket(courier, key.token);
      const minted = await socket.run('mutation { createApiKey(name: "before") { token } }');
      assert.match(JSON.stringify(minted), /"token":"ck_/);
      // Revoked on another instance: only the database carries the news.
      await other.gqlOk(
        'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
        { id: key.id },
        owner,
      );
      // Within the re-check window the socket may still answer; poll a harmless read until it
      // is refused, by the operation's own check or by the socket's close.
      const deadline = Date.now() + 5000;
      let read: unknown;
      do read = await socket.run('{ organization { name } }');
      while (codeOf(read) !== 'UNAUTHENTICATED' && !isCloseEvent(read) && Date.now() < deadline);
      assert.ok(Date.now() < deadline, 'refused within seconds');
      const after = await socket.run('mutation { createApiKey(name: "after") { token } }');
      assert.doesNotMatch(JSON.stringify(after ?? null), /ck_/);
      assert.equal(
        await within(socket.closed, 5000, 'socket closed'),
        WsCloseCode.CredentialsRevoked,
      );
      await socket.client.dispose();
      const keys = await courier.gqlOk('{ apiKeys { name } }', {}, owner);
      assert.equal(
        keys.apiKeys.filter((k: { name: string }) => k.name === 'after').length,
        0,
        'no key was minted after the revocation',
      );
    } finally {
      await other.stopKeepingDatabase();
    }
  });

  it('gives the default key no way to mint keys or invite users, and a scoped one only what it has', async () => {
    const { createApiKey: integrator } = await courier.gqlOk(CREATE_KEY, { n: 'hr' }, owner);
    const mint = await courier.gql(CREATE_KEY, { n: 'escape' }, integrator.token);
    assert.equal(mint.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const invite = await courier.gql(
      'mutation($i: InviteUserInput!) { inviteUser(input: $i) { token } }',
      { i: { email: 'mallory@courier.test', role: 'ADMIN' } },
      integrator.token,
    );
    assert.equal(invite.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const users = await courier.gqlOk('{ users { email } }', {}, owner);
    assert.equal(
      users.users.some((u: { email: string }) => u.email === 'mallory@courier.test'),
      false,
    );
    const rename = await courier.gql(
      'mutation { renameOrganization(name: "Taken over") { name } }',
      {},
      integrator.token,
    );
    assert.equal(rename.errors?.[0]?.extensions?.code, 'FORBIDDEN', 'nor manage the organization');
    // Integrator writes still work.
    const writes = await courier.gql(
      'mutation { createRegistration(courseId: "00000000-0000-4000-8000-000000000000", learner: { id: "l1" }) { id } }',
      {},
      integrator.token,
    );
    assert.equal(writes.errors?.[0]?.extensions?.code, 'NOT_FOUND');

    const { createApiKey: reader } = await courier.gqlOk(
      CREATE_KEY,
      { n: 'bi', s: ['READ'] },
      owner,
    );
    const read = await courier.gqlOk('{ courses { id } }', {}, reader.token);
    assert.deepEqual(read.courses, []);
    const write = await courier.gql(
      'mutation { createRegistration(courseId: "00000000-0000-4000-8000-000000000000", learner: { id: "l1" }) { id } }',
      {},
      reader.token,
    );
    assert.equal(write.errors?.[0]?.extensions?.code, 'FORBIDDEN');

    const { createApiKey: admin } = await courier.gqlOk(
      CREATE_KEY,
      { n: 'provisioning', s: ['READ', 'WRITE', 'ADMIN'] },
      owner,
    );
    const listed = await courier.gqlOk('{ apiKeys { id scopes } }', {}, owner);
    assert.deepEqual(listed.apiKeys.find((k: { id: string }) => k.id === admin.id).scopes, [
      'READ',
      'WRITE',
      'ADMIN',
    ]);
    const child = await courier.gqlOk(CREATE_KEY, { n: 'child' }, admin.token);
    assert.match(child.createApiKey.token, /^ck_/);
    const { createApiKey: narrow } = await courier.gqlOk(
      CREATE_KEY,
      { n: 'narrow', s: ['READ'] },
      owner,
    );
    const widen = await courier.gql(CREATE_KEY, { n: 'wide', s: ['WRITE'] }, narrow.token);
    assert.equal(widen.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('signs out everywhere: HTTP and open sockets of every session stop within seconds', async () => {
    await courier.addUser(owner, {
      email: 'alice@courier.test',
      password: 'alice-password-1',
      role: 'ADMIN',
    });
    const first = (await courier.gqlOk(LOGIN, { e: 'alice@courier.test', p: 'alice-password-1' }))
      .login.token;
    const second = (await courier.gqlOk(LOGIN, { e: 'alice@courier.test', p: 'alice-password-1' }))
      .login.token;
    const socket = await openReadySocket(courier, first);
    const { ended } = socket.subscribe('subscription { organizationStatsUpdated { total } }');
    assert.deepEqual(await courier.gqlOk('mutation { signOutEverywhere }', {}, second), {
      signOutEverywhere: true,
    });
    for (const token of [first, second]) {
      const after = await courier.gql('{ organization { name } }', {}, token);
      assert.equal(after.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    }
    assert.equal(
      await within(socket.closed, 5000, 'socket closed'),
      WsCloseCode.CredentialsRevoked,
    );
    await within(ended, 5000, 'subscription ended');
    await socket.client.dispose();
    const again = await courier.gqlOk(LOGIN, { e: 'alice@courier.test', p: 'alice-password-1' });
    const fresh = await courier.gqlOk('{ me { email } }', {}, again.login.token);
    assert.equal(fresh.me.email, 'alice@courier.test');
  });

  it('ends a disabled user’s sessions and refuses their sign-in until enabled', async () => {
    const invited = await courier.addUser(owner, {
      email: 'bob@courier.test',
      password: 'bob-password-12',
      role: 'VIEWER',
    });
    const token = (await courier.gqlOk(LOGIN, { e: 'bob@courier.test', p: 'bob-password-12' }))
      .login.token;
    const socket = await openReadySocket(courier, token);
    await courier.gqlOk(
      'mutation($id: ID!) { disableUser(id: $id) { disabledAt } }',
      { id: invited.id },
      owner,
    );
    assert.equal(
      await within(socket.closed, 5000, 'socket closed'),
      WsCloseCode.CredentialsRevoked,
    );
    await socket.client.dispose();
    const refused = await courier.gql(LOGIN, { e: 'bob@courier.test', p: 'bob-password-12' });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    await courier.gqlOk(
      'mutation($id: ID!) { enableUser(id: $id) { id } }',
      { id: invited.id },
      owner,
    );
    await courier.gqlOk(LOGIN, { e: 'bob@courier.test', p: 'bob-password-12' });
  });

  it('closes a socket when its session expires', async () => {
    const me = (await courier.gqlOk('{ me { id organization { id } } }', {}, owner)).me;
    const { token } = await courier.services.tokens.sign(
      { typ: 'session', userId: me.id, organizationId: me.organization.id, role: Role.OWNER },
      2,
    );
    const socket = await openReadySocket(courier, token);
    assert.equal(
      await within(socket.closed, 8000, 'socket closed'),
      WsCloseCode.CredentialsRevoked,
    );
    await socket.client.dispose();
  });

  it('runs at most the configured number of operations on one socket', async () => {
    const socket = await openReadySocket(courier, owner);
    for (let i = 0; i < 3; i++) socket.subscribe('subscription { registrationUpdated { id } }');
    const refused = await socket.run('subscription { organizationStatsUpdated { total } }');
    assert.equal(
      (refused as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code,
      'RATE_LIMITED',
    );
    await socket.client.dispose();
  });

  it('keeps the first operations of a burst and refuses only those past the limit', async () => {
    const socket = await openReadySocket(courier, owner);
    const limit = courier.config.wsMaxSubscriptionsPerSocket;
    const answers = Array.from({ length: limit * 2 }, () =>
      socket.run('subscription { registrationUpdated { id } }'),
    );
    const refusals: unknown[] = [];
    for (const answer of answers) void answer.then((r) => refusals.push(r));
    await within(
      (async () => {
        while (refusals.length < limit) await new Promise((r) => setImmediate(r));
      })(),
      5000,
      'the refusals past the limit',
    );
    // An operation refused before it starts ends with graphql-ws's list of errors.
    const refusedCode = (r: unknown) =>
      (r as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code;
    for (const refused of refusals) assert.equal(refusedCode(refused), 'RATE_LIMITED');
    // The first `limit` subscriptions are live: one more operation is still past the limit.
    assert.equal(refusedCode(await socket.run('{ organization { name } }')), 'RATE_LIMITED');
    await socket.client.dispose();
  });

  it('opens at most the configured number of sockets per principal', async () => {
    const one = await openReadySocket(courier, owner);
    const two = await openReadySocket(courier, owner);
    const three = openSocket(courier, owner);
    assert.equal(await within(three.closed, 5000, 'third closed'), WsCloseCode.TooManySockets);
    await three.client.dispose();
    await one.client.dispose();
    await within(one.closed, 5000, 'first closed');
    // The server counts the close once it sees it: a new socket gets in soon after.
    const deadline = Date.now() + 5000;
    let fourth: OpenSocket;
    let code: number | 'open';
    do {
      fourth = openSocket(courier, owner);
      code = await Promise.race([
        fourth.closed,
        fourth.run('{ organization { name } }').then(() => 'open' as const),
      ]);
      if (code !== 'open') await fourth.client.dispose();
    } while (code !== 'open' && Date.now() < deadline);
    assert.equal(code, 'open');
    await fourth.client.dispose();
    await two.client.dispose();
  });
});
