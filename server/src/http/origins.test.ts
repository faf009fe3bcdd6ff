import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12Package } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

describe('the dashboard and content origins', () => {
  let courier: TestCourier;
  let webDir: string;
  let token: string;
  let courseId: string;
  before(async () => {
    // Pages that say which one was served, so a test can tell the dashboard from the player.
    webDir = await mkdtemp(path.join(os.tmpdir(), 'courier-web-'));
    await mkdir(path.join(webDir, 'player'));
    await writeFile(path.join(webDir, 'index.html'), '<!doctype html><p>the dashboard</p>');
    await writeFile(path.join(webDir, 'player', 'index.html'), '<!doctype html><p>the player</p>');
    courier = await startTestCourier({ WEB_DIST_DIR: webDir });
    token = await courier.ownerToken();
    courseId = await importOk(courier, token, await scorm12Package());
  });
  after(async () => {
    await courier.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  async function gqlAt(
    origin: string,
    query: string,
    bearer: string,
    { headers = {}, variables = {} }: { headers?: object; variables?: object } = {},
  ) {
    const res = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${bearer}`,
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('defaults the content origin to the dashboard host with localhost and 127.0.0.1 swapped', () => {
    const dashboard = new URL(courier.url);
    const content = new URL(courier.contentUrl);
    assert.equal(dashboard.hostname, 'localhost');
    assert.equal(content.hostname, '127.0.0.1');
    assert.equal(content.port, dashboard.port, 'both follow the port actually bound');
    assert.equal(courier.config.contentUrl, courier.contentUrl);
  });

  it('sends the dashboard with a frame-ancestors policy, X-Frame-Options and nosniff', async () => {
    for (const res of [
      await fetch(`${courier.url}/`),
      await fetch(`${courier.url}/courses`),
      await fetch(`${courier.url}/healthz`),
      await fetch(`${courier.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ me { id } }' }),
      }),
    ]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'self'/, res.url);
      assert.match(csp, /default-src 'self'/, res.url);
      assert.match(csp, /script-src 'self'(;|$)/, res.url);
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', res.url);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', res.url);
      assert.equal(res.headers.get('referrer-policy'), 'same-origin', res.url);
    }
    assert.match(await (await fetch(`${courier.url}/`)).text(), /the dashboard/);
  });

  it('never serves course files or the player on the dashboard origin', async () => {
    const file = `/content/${courseId}/lesson1/index.html`;
    const onDashboard = await fetch(`${courier.url}${file}`);
    assert.equal(onDashboard.status, 404);
    assert.equal(((await onDashboard.json()) as any).error.code, 'NOT_FOUND');
    const onContent = await fetch(`${courier.contentUrl}${file}`);
    assert.equal(onContent.status, 200);
    assert.match(await onContent.text(), /<html/i);

    // Launch links handed out before keep working: the player moves, the fragment rides along.
    const player = await fetch(`${courier.url}/player/?lang=fr`, { redirect: 'manual' });
    assert.equal(player.status, 302);
    assert.equal(player.headers.get('location'), `${courier.contentUrl}/player/?lang=fr`);
    const followed = await fetch(`${courier.url}/player/`);
    assert.equal(followed.url, `${courier.contentUrl}/player/`);
    assert.match(await followed.text(), /the player/);
  });

  it('serves nothing of the dashboard or its admin routes on the content origin', async () => {
    const gets = ['/', '/courses', '/index.html', '/api/exports/registrations.csv', '/settings'];
    for (const p of gets) {
      const res = await fetch(`${courier.contentUrl}${p}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 404, p);
      assert.doesNotMatch(await res.text(), /the dashboard/, p);
    }
    const upload = await fetch(`${courier.contentUrl}/api/courses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
      body: await scorm12Package({ title: 'Smuggled in' }),
    });
    assert.equal(upload.status, 404);
    const { courses } = await courier.gqlOk('{ courses { title } }', {}, token);
    assert.equal(
      courses.some((c: { title: string }) => c.title === 'Smuggled in'),
      false,
      'nothing was imported',
    );
    const health = await fetch(`${courier.contentUrl}/healthz`);
    assert.equal(health.status, 200);
  });

  it('serves the player and course files framable, with nosniff', async () => {
    for (const p of ['/player/', `/content/${courseId}/lesson1/index.html`]) {
      const res = await fetch(`${courier.contentUrl}${p}`);
      assert.equal(res.status, 200, p);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      assert.equal(res.headers.get('x-frame-options'), null, p);
      assert.doesNotMatch(res.headers.get('content-security-policy') ?? '', /frame-ancestors/, p);
    }
  });

  it('hands out launch links on the content origin', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'origin-1' });
    assert.ok(
      launch.url.startsWith(`${courier.contentUrl}/player/#token=`),
      `launch url ${launch.url}`,
    );
  });

  it('refuses a session or API key on the content origin, and admits the launch token', async () => {
    const { createApiKey } = await courier.gqlOk(
      'mutation { createApiKey(name: "content-origin") { token } }',
      {},
      token,
    );
    for (const bearer of [token, createApiKey.token as string]) {
      const refused = await gqlAt(courier.contentUrl, '{ organizations { name } }', bearer);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.errors[0].extensions.code, 'FORBIDDEN');
      assert.equal(refused.body.data, undefined, 'nothing of the owner is answered');
      // Sent from a page on the content origin to the dashboard's API (CORS allows the call).
      const crossOrigin = await gqlAt(courier.url, '{ me { email } }', bearer, {
        headers: { origin: courier.contentUrl },
      });
      assert.equal(crossOrigin.status, 403);
      assert.equal(crossOrigin.body.errors[0].extensions.code, 'FORBIDDEN');
    }
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'origin-2' });
    const admitted = await gqlAt(
      courier.contentUrl,
      'mutation($i: CommitRuntimeInput!) { commitRuntime(input: $i) { accepted registration { status } } }',
      launch.token,
      {
        variables: {
          i: {
            attemptId: launch.attemptId,
            seq: 1,
            cmi: { 'cmi.core.lesson_status': 'completed' },
          },
        },
      },
    );
    assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
    assert.deepEqual(admitted.body.data.commitRuntime, {
      accepted: true,
      registration: { status: 'COMPLETED' },
    });
    // The dashboard's own origin still takes the session.
    const own = await gqlAt(courier.url, '{ me { email } }', token);
    assert.equal(own.status, 200);
    assert.ok(own.body.data.me.email);
  });

  it('opens no WebSocket on or from the content origin', async () => {
    const open = (url: string, origin?: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws', origin ? { origin } : {});
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        socket.on('error', () => resolve('error'));
      });
    const ws = (origin: string) => origin.replace(/^http/, 'ws') + '/graphql';
    assert.equal(await open(ws(courier.contentUrl), courier.contentUrl), 'refused 401');
    assert.equal(await open(ws(courier.contentUrl)), 'refused 401');
    assert.equal(await open(ws(courier.url), courier.contentUrl), 'refused 401');
    assert.equal(await open(ws(courier.url), courier.url), 'open');
  });
});

describe('two host names on one port', () => {
  let courier: TestCourier;
  before(async () => {
    courier = await startTestCourier({
      PUBLIC_URL: 'https://courier.example.test',
      CONTENT_URL: 'https://content.example.test',
      TRUST_PROXY: 'true',
    });
  });
  after(async () => {
    await courier.stop();
  });

  /** A GET as a proxy in front would send it: its own Host, or the original in X-Forwarded-Host. */
  function getAs(headers: Record<string, string>, pathname: string) {
    return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      request(
        { host: '127.0.0.1', port: new URL(courier.url).port, path: pathname, headers },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        },
      )
        .on('error', reject)
        .end();
    });
  }

  it('routes by Host, or by X-Forwarded-Host behind a trusted proxy', async () => {
    const token = await courier.ownerToken();
    const launch = await registerAndLaunch(
      courier,
      token,
      await importOk(courier, token, await scorm12Package()),
      { id: 'two-hosts' },
    );
    assert.ok(launch.url.startsWith('https://content.example.test/player/#token='), launch.url);
    for (const host of [
      { host: 'content.example.test' } as Record<string, string>,
      { host: 'internal:8080', 'x-forwarded-host': 'content.example.test' },
    ]) {
      const dashboard = await getAs(host, '/');
      assert.equal(dashboard.status, 404, JSON.stringify(host));
      assert.equal(dashboard.headers['x-frame-options'], undefined);
      assert.equal((await getAs(host, '/healthz')).status, 200);
    }
    for (const host of [
      { host: 'courier.example.test' } as Record<string, string>,
      { host: 'internal:8080', 'x-forwarded-host': 'courier.example.test' },
    ]) {
      const player = await getAs(host, '/player/');
      assert.equal(player.status, 302, JSON.stringify(host));
      assert.equal(player.headers['location'], 'https://content.example.test/player/');
      assert.equal((await getAs(host, '/healthz')).headers['x-frame-options'], 'SAMEORIGIN');
    }
  });
});
