import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { loadConfig } from '@courier/server/config.js';
import { startCourier, type Courier } from '@courier/server/start.js';

export const OWNER_EMAIL = 'owner@courier.test';
export const OWNER_PASSWORD = 'owner-password-123';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

export interface TestCourier extends Courier {
  /** POSTs a GraphQL operation; `token` goes in as a bearer token. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns data. */
  gqlOk<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<T>;
  /** Drops this courier's test database (null for embedded ones, which vanish on stop). */
  dropDatabase: (() => Promise<void>) | null;
  /** Stops, keeping the database for another instance to take over (a restart). */
  stopKeepingDatabase(): Promise<void>;
  /** A session token for the owner created from ADMIN_EMAIL/ADMIN_PASSWORD. */
  ownerToken(): Promise<string>;
  /**
   * A user of the inviter's organization, made the way a person joins: invited by `inviterToken`
   * and accepted with `password`. Returns the new user's id and session token.
   */
  addUser(
    inviterToken: string,
    user: { email: string; password: string; role: 'ADMIN' | 'VIEWER' },
  ): Promise<{ id: string; token: string }>;
}

/**
 * A real Courier on a random port with a fresh database of its own: a new database on the
 * PostgreSQL server in DATABASE_URL (dropped at stop), or an in-memory embedded one.
 */
export async function startTestCourier(
  env: Record<string, string> = {},
  options: {
    shareDatabaseWith?: TestCourier;
    takeOverDatabase?: boolean;
    /** Sees what the server logs (silent otherwise). */
    logger?: Logger;
    /** Sees every statement the ORM sends and every message of the commit pool. */
    onQuery?: (sql: string, source: 'orm' | 'pool') => void;
  } = {},
): Promise<TestCourier> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-test-'));
  const adminUrl = process.env['DATABASE_URL'] || null;
  let databaseUrl: string | null = null;
  let dropDatabase: (() => Promise<void>) | null = null;
  const shared = options.shareDatabaseWith;
  if (shared) {
    // A second instance on the same database, as in a fleet: same secret, same data.
    databaseUrl = shared.config.databaseUrl;
    if (options.takeOverDatabase) dropDatabase = shared.dropDatabase;
    env = { JWT_SECRET: shared.config.jwtSecret, ...env };
  } else if (adminUrl) {
    const name = `courier_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withClient(adminUrl, async (c) => void (await c.query(`CREATE DATABASE ${name}`)));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () =>
      withClient(
        adminUrl,
        async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      );
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: OWNER_EMAIL,
    ADMIN_PASSWORD: OWNER_PASSWORD,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    ...env,
  });
  const courier = await startCourier(config, {
    embeddedInMemory: !databaseUrl,
    logger: options.logger ?? pino({ level: config.logLevel }),
    onQuery: options.onQuery,
  });
  let ownerToken: string | null = null;
  const gql = async <T>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = null,
  ) => {
    const res = await fetch(`${courier.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
  const testCourier: TestCourier = {
    ...courier,
    dropDatabase,
    gql,
    async gqlOk<T>(query: string, variables?: Record<string, unknown>, token?: string | null) {
      const result = await gql<T>(query, variables, token ?? null);
      if (result.errors?.length)
        throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async ownerToken() {
      if (ownerToken) return ownerToken;
      const data = await testCourier.gqlOk<{ login: { token: string } }>(
        'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
        { e: OWNER_EMAIL, p: OWNER_PASSWORD },
      );
      ownerToken = data.login.token;
      return ownerToken;
    },
    async addUser(inviterToken, { email, password, role }) {
      const { inviteUser } = await testCourier.gqlOk<{ inviteUser: { token: string } }>(
        'mutation($i: InviteUserInput!) { inviteUser(input: $i) { token } }',
        { i: { email, role } },
        inviterToken,
      );
      const { acceptInvitation } = await testCourier.gqlOk<{
        acceptInvitation: { token: string; user: { id: string } };
      }>(
        'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { id } } }',
        { t: inviteUser.token, p: password },
      );
      return { id: acceptInvitation.user.id, token: acceptInvitation.token };
    },
    async stop() {
      await courier.stop();
      await dropDatabase?.();
      await rm(dataDir, { recursive: true, force: true });
    },
    async stopKeepingDatabase() {
      await courier.stop();
      await rm(dataDir, { recursive: true, force: true });
      return undefined;
    },
  };
  return testCourier;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
