import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import yauzl from 'yauzl';
import { importOk } from '../support/api.js';
import { scorm12SinglePackage } from '../support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '../support/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (entry: yauzl.Entry) =>
      file.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        for await (const chunk of stream!) chunks.push(chunk as Buffer);
        entries.set(entry.fileName, Buffer.concat(chunks));
        file.readEntry();
      }),
    );
    file.on('end', resolve);
    file.readEntry();
  });
  return entries;
}

/**
 * A stand-in host LMS on another origin: a page with its own SCORM 1.2 `window.API` that records
 * every call, hosting the dispatch package's files in an iframe, as a real LMS would.
 */
function hostLmsPage(learnerId: string): string {
  return `<!doctype html><html><body>
<script>
  window.calls = [];
  var data = { 'cmi.core.student_id': '${learnerId}', 'cmi.core.student_name': 'Host, Learner', 'cmi.core.lesson_status': 'not attempted' };
  function record(name) { return function (a, b) { window.calls.push([name, a, b]); return name === 'LMSGetValue' ? (data[a] || '') : 'true'; }; }
  window.API = {
    LMSInitialize: record('LMSInitialize'), LMSFinish: record('LMSFinish'), LMSCommit: record('LMSCommit'),
    LMSGetValue: record('LMSGetValue'), LMSGetLastError: function () { return '0'; },
    LMSGetErrorString: function () { return ''; }, LMSGetDiagnostic: function () { return ''; },
    LMSSetValue: function (k, v) { window.calls.push(['LMSSetValue', k, v]); data[k] = v; return 'true'; },
  };
</script>
<iframe id="sco" src="/package/index.html" style="width:100%;height:600px"></iframe>
</body></html>`;
}

describe('a dispatch hosted by another LMS, in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let host: Server;
  let hostUrl: string;
  let files = new Map<string, Buffer>();
  let learnerId = 'host-learner-1';
  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    host = createServer((req, res) => {
      if (req.url === '/lms') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(hostLmsPage(learnerId));
        return;
      }
      const file = files.get((req.url ?? '').replace(/^\/package\//, ''));
      if (!file) return void res.writeHead(404).end();
      res
        .writeHead(200, {
          'content-type': req.url!.endsWith('.js') ? 'text/javascript' : 'text/html',
        })
        .end(file);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    // 127.0.0.1 against Courier's localhost: a different origin, as a real host LMS is.
    hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => host?.close(r));
    await courier?.stop();
  });

  it('plays to completion: both the host LMS and Courier record the result', async () => {
    const token = await courier.ownerToken();
    const courseId = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Dispatched', masteryScore: 80 }),
    );
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { dispatch { id } } }',
      { i: { courseId, recipientName: 'Host LMS', maxLaunches: 10 } },
      token,
    );
    const res = await fetch(
      `${courier.url}/api/dispatches/${createDispatch.dispatch.id}/package?format=scorm12`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    files = await unzip(Buffer.from(await res.arrayBuffer()));

    const page = await browser.newPage();
    await page.goto(`${hostUrl}/lms`);
    const content = page
      .frameLocator('#sco')
      .frameLocator('#courier-frame')
      .frameLocator('[data-testid=player-frame]');
    await content.locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.equal(await content.locator('#learner').textContent(), 'Host, Learner');
    await content.locator('#pass').click();
    await content.locator('#finish').click();

    const calls = await eventually(
      async () => {
        const recorded = (await page.evaluate('window.calls')) as Array<[string, string?, string?]>;
        return recorded.some(([name]) => name === 'LMSFinish') && recorded;
      },
      15_000,
      'the host LMS to be finished',
    );
    const set = Object.fromEntries(
      calls.filter(([name]) => name === 'LMSSetValue').map(([, k, v]) => [k, v]),
    );
    assert.equal(set['cmi.core.lesson_status'], 'passed');
    assert.equal(set['cmi.core.score.raw'], '90');
    assert.ok(calls.some(([name]) => name === 'LMSCommit'));

    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { launchCount completionCount launches { edges { node { learnerId status } } } } }',
      { id: createDispatch.dispatch.id },
      token,
    );
    assert.equal(dispatch.launchCount, 1);
    assert.equal(dispatch.completionCount, 1);
    assert.deepEqual(dispatch.launches.edges[0].node, {
      learnerId: 'host-learner-1',
      status: 'PASSED',
    });
    await page.close();
  });

  it('shows the learner a plain message and tells the host nothing false when the dispatch is revoked', async () => {
    const token = await courier.ownerToken();
    const courseId = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Revoked' }),
    );
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { dispatch { id } } }',
      { i: { courseId, recipientName: 'Host LMS' } },
      token,
    );
    await courier.gqlOk(
      'mutation($id: ID!) { revokeDispatch(id: $id) { active } }',
      { id: createDispatch.dispatch.id },
      token,
    );
    const res = await fetch(
      `${courier.url}/api/dispatches/${createDispatch.dispatch.id}/package?format=scorm12`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    files = await unzip(Buffer.from(await res.arrayBuffer()));
    learnerId = 'host-learner-2';
    const page = await browser.newPage();
    await page.goto(`${hostUrl}/lms`);
    await page
      .frameLocator('#sco')
      .locator('#courier-message')
      .filter({ hasText: 'no longer available' })
      .waitFor();
    const calls = (await page.evaluate('window.calls')) as Array<[string, string?, string?]>;
    const statuses = calls
      .filter(([name, key]) => name === 'LMSSetValue' && key === 'cmi.core.lesson_status')
      .map(([, , v]) => v);
    assert.deepEqual(statuses, ['incomplete']);
    assert.equal(
      calls.some(([name]) => name === 'LMSFinish'),
      false,
    );
    await page.close();
  });
});
