import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12Package } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { GRAPHQL_BODY_LIMIT_BYTES } from './http-handler.js';

const MiB = 1024 * 1024;

/** The attack of issue 13, run in a child process; prints each answer's status, code and size. */
const ATTACKER = `
const url = process.argv[1];
const MiB = 1024 * 1024;
const send = async (query, variables) => {
  const res = await fetch(url + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text);
  return { status: res.status, code: body.errors?.[0]?.extensions?.code, length: text.length };
};
const login = 'mutation($e: String!) { login(email: $e, password: "whatever-123") { token } }';
const answers = await Promise.all([
  send('mutation($k: String!) { launchDispatch(key: $k, learner: { id: "l" }) { url } }', {
    k: 'dk_' + 'a'.repeat(4 * MiB),
  }),
  ...Array.from({ length: 40 }, () => send(login, { e: 'a'.repeat(3 * MiB) + '@x.test' })),
  ...Array.from({ length: 40 }, () => send(login, { e: 'a'.repeat(200_000) + '@x.test' })),
]);
process.stdout.write(JSON.stringify(answers));
`;

interface Answer {
  status: number;
  ms: number;
  text: string;
  code: string | undefined;
  message: string | undefined;
}

describe('bounds on what a caller may send', () => {
  let courier: TestCourier;

  /** POSTs a GraphQL body and times the whole answer. */
  const post = async (
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<Answer> => {
    const started = performance.now();
    const res = await fetch(`${courier.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as {
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
      error?: { code: string; message: string };
    };
    return {
      status: res.status,
      ms: performance.now() - started,
      text,
      code: body.errors?.[0]?.extensions?.code ?? body.error?.code,
      message: body.errors?.[0]?.message ?? body.error?.message,
    };
  };

  /** Answers of /healthz taken one after another until `until` settles, each timed. */
  const probeHealth = async (until: Promise<unknown>): Promise<number[]> => {
    let done = false;
    void until.finally(() => (done = true));
    const times: number[] = [];
    while (!done) {
      const started = performance.now();
      const res = await fetch(`${courier.url}/healthz`);
      assert.equal(res.status, 200);
      await res.text();
      times.push(performance.now() - started);
    }
    return times;
  };

  before(async () => {
    courier = await startTestCourier();
  });
  after(async () => {
    await courier.stop();
  });

  it('refuses a 4 MiB dispatch key and 80 concurrent huge emails fast, with /healthz answering alongside', async () => {
    // The attacker is another process, as it would be: the server's event loop is what is
    // measured, not the test's own JSON building and uploading.
    const attacker = spawn(process.execPath, ['--input-type=module', '-e', ATTACKER, courier.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    attacker.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => attacker.on('exit', resolve));
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const health = await probeHealth(exited);
    loop.disable();
    assert.equal(await exited, 0);
    const answers = JSON.parse(out) as Array<{ status: number; code: string; length: number }>;
    assert.equal(answers.length, 81);
    for (const [i, answer] of answers.entries()) {
      // The 4 MiB key and the 3 MiB emails exceed the body limit; the 200 KB emails fit it and
      // are refused by the email bound before any lookup.
      const expected = i < 41 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT';
      assert.equal(answer.code, expected, JSON.stringify(answer));
      assert.ok(answer.length < 1000, 'the answer does not echo the input');
    }
    assert.ok(health.length > 0);
    // Before the bounds this froze the server for minutes (seconds per request). The server's
    // event loop (this process's) never stalls for long, and /healthz, which also waits on the
    // database, keeps answering; the bounds leave room for a CI machine running other test files.
    const stalledMs = loop.max / 1e6;
    assert.ok(stalledMs < 5000, `the event loop stalled for ${Math.round(stalledMs)} ms`);
    assert.ok(Math.max(...health) < 5000, `/healthz took ${Math.round(Math.max(...health))} ms`);
  });

  it('refuses oversized and malformed values that fit the body, naming the argument, never echoing it', async () => {
    const big = 'x'.repeat(100_000);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'mutation($k: String!) { launchDispatch(key: $k, learner: { id: "l" }) { url } }',
        { k: big },
        'key',
      ],
      [
        'mutation($k: String!) { launchDispatch(key: $k, learner: { id: "l" }) { url } }',
        { k: 'no-such-shape' },
        'key',
      ],
      [
        'mutation($e: String!) { login(email: $e, password: "whatever-123") { token } }',
        { e: big + '@x.test' },
        'email',
      ],
      [
        'mutation($k: String!, $l: LearnerInput!) { launchDispatch(key: $k, learner: $l) { url } }',
        { k: 'dk_AAAAAAAAAAAAAAAA', l: { id: 'l', email: big } },
        'email',
      ],
      ['query($id: ID!) { registration(id: $id) { id } }', { id: big }, 'id'],
      ['query($id: ID!) { course(id: $id) { id } }', { id: 'not-a-uuid' }, 'id'],
      ['query($s: String) { registrations(search: $s) { totalCount } }', { s: big }, 'search'],
    ];
    const owner = await courier.ownerToken();
    for (const [query, variables, field] of cases) {
      const answer = await post(query, variables, owner);
      assert.equal(answer.code, 'BAD_USER_INPUT', `${field}: ${answer.text.slice(0, 300)}`);
      assert.match(answer.message ?? '', new RegExp(`^${field} `));
      assert.ok(answer.text.length < 1000, `${field}: the answer does not echo the input`);
    }
    const literal = await post('{ course(id: "nope") { id } }', {}, owner);
    assert.equal(literal.code, 'BAD_USER_INPUT');
  });

  it('shortens graphql-js coercion messages that quote a large value', async () => {
    const answer = await post(
      'mutation($e: String!) { login(email: $e, password: "p") { token } }',
      {
        e: Array.from({ length: 20_000 }, (_, i) => i),
      },
    );
    assert.equal(answer.code, 'BAD_USER_INPUT');
    assert.ok((answer.message ?? '').length <= 300, answer.message);
  });

  it('keeps the large body for a launch token’s commit only', async () => {
    const owner = await courier.ownerToken();
    const courseId = await importOk(courier, owner, await scorm12Package());
    const launch = await registerAndLaunch(courier, owner, courseId, { id: 'big-suspender' });
    const suspend = 'S'.repeat(MiB);
    const committed = await commit(courier, launch, 1, { 'cmi.suspend_data': suspend });
    assert.equal(committed.errors, undefined);
    assert.equal(committed.data?.['commitRuntime'].accepted, true);
    const padded = 'x'.repeat(GRAPHQL_BODY_LIMIT_BYTES);
    for (const token of [owner, launch.token]) {
      const answer = await post('query($p: String) { courses { id } }', { p: padded }, token);
      assert.equal(answer.code, 'PAYLOAD_TOO_LARGE');
    }
  });
});
