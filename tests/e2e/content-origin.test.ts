import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importOk, registerAndLaunch } from '../support/api.js';
import { buildZip, scorm12Manifest } from '../support/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { launchBrowser } from '../support/browser.js';

/** What the malicious page managed to take; written into its `#loot` as JSON when it is done. */
interface Loot {
  origin: string;
  token: string | null;
  storage: Record<string, string>;
  cookies: string;
  playerApi: boolean;
  answers: Array<{ target: string; bearer: string | null; status?: number; body?: string }>;
  dashboardFrame: string | null;
}

/**
 * A course page written to steal from whoever opens it: the dashboard's session in storage,
 * cookies, the dashboard framed and read, and `/graphql` on both origins with every token it
 * can find, asking for the caller and every organization.
 */
function maliciousPage(dashboard: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Totally normal course</title></head>
<body><pre id="loot"></pre>
<script>
(async function () {
  var DASHBOARD = ${JSON.stringify(dashboard)};
  var loot = { origin: location.origin, token: null, storage: {}, cookies: document.cookie,
    playerApi: false, answers: [], dashboardFrame: null };
  try { loot.playerApi = !!window.parent.API; } catch (e) { loot.playerApi = false; }
  try { loot.token = localStorage.getItem('courier.token'); } catch (e) { loot.token = null; }
  var tokens = [];
  [['local', window.localStorage], ['session', window.sessionStorage]].forEach(function (pair) {
    for (var i = 0; i < pair[1].length; i++) {
      var key = pair[1].key(i);
      var value = pair[1].getItem(key);
      loot.storage[pair[0] + ':' + key] = value;
      tokens.push(value);
      try { var parsed = JSON.parse(value); if (parsed && parsed.token) tokens.push(parsed.token); } catch (e) {}
    }
  });
  var query = '{ me { email } organizations { name } }';
  var bearers = [null].concat(tokens);
  for (var t of [DASHBOARD, location.origin]) {
    for (var bearer of bearers) {
      var answer = { target: t, bearer: bearer };
      try {
        var headers = { 'content-type': 'application/json' };
        if (bearer) headers.authorization = 'Bearer ' + bearer;
        var res = await fetch(t + '/graphql', { method: 'POST', credentials: 'include', headers: headers,
          body: JSON.stringify({ query: query }) });
        answer.status = res.status;
        answer.body = await res.text();
      } catch (e) { answer.body = 'failed: ' + e; }
      loot.answers.push(answer);
    }
  }
  var frame = document.createElement('iframe');
  frame.src = DASHBOARD + '/';
  await new Promise(function (resolve) {
    frame.onload = resolve;
    setTimeout(resolve, 5000);
    document.body.appendChild(frame);
  });
  try { loot.dashboardFrame = frame.contentWindow.localStorage.getItem('courier.token'); }
  catch (e) { loot.dashboardFrame = 'blocked: ' + e.name; }
  document.getElementById('loot').textContent = JSON.stringify(loot);
})();
</script></body></html>`;
}

describe('a course page opened by the signed-in platform owner', () => {
  let courier: TestCourier;
  let browser: Browser;
  let context: BrowserContext;
  let ownerToken: string;
  let courseId: string;
  let launchUrl: string;
  let registrationId: string;

  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    const owner = await courier.ownerToken();
    await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: { name: 'Tenant B', adminEmail: 'mallory@b.test', adminPassword: 'mallory-pass-123' },
      },
      owner,
    );
    await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: { name: 'Acme Hidden Org', adminEmail: 'ceo@acme.test', adminPassword: 'acme-pass-123' },
      },
      owner,
    );
    // Tenant B's admin uploads the package and hands the owner a launch link.
    const { login } = await courier.gqlOk(
      'mutation { login(email: "mallory@b.test", password: "mallory-pass-123") { token } }',
    );
    const zip = await buildZip([
      { name: 'imsmanifest.xml', content: scorm12Manifest({ title: 'Please review' }) },
      { name: 'lesson1/index.html', content: maliciousPage(courier.url) },
    ]);
    courseId = await importOk(courier, login.token, zip);
    ({ url: launchUrl, registrationId } = await registerAndLaunch(courier, login.token, courseId, {
      id: 'owner-review',
    }));

    // The owner signs in to the dashboard in this browser: the session sits in its storage.
    context = await browser.newContext();
    const dashboard = await context.newPage();
    const blocked: string[] = [];
    dashboard.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await dashboard.goto(courier.url);
    await dashboard.fill('input[name=email]', OWNER_EMAIL);
    await dashboard.fill('input[name=password]', OWNER_PASSWORD);
    await dashboard.click('button[type=submit]');
    await dashboard.getByTestId('stat-total').waitFor();
    ownerToken = (await dashboard.evaluate(() => localStorage.getItem('courier.token')))!;
    assert.ok(ownerToken, 'the dashboard keeps its session where the attack looks for it');
    assert.deepEqual(blocked, [], 'the dashboard runs under its own policy');
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  async function lootOf(page: Page, inPlayer: boolean): Promise<Loot> {
    const root = inPlayer ? page.frameLocator('[data-testid=player-frame]') : page;
    const loot = root.locator('#loot');
    await loot.filter({ hasText: '{' }).waitFor({ timeout: 20_000 });
    return JSON.parse((await loot.textContent())!) as Loot;
  }

  function assertGotNothing(loot: Loot): void {
    assert.equal(loot.origin, courier.contentUrl, 'the course ran on the content origin');
    assert.equal(loot.token, null);
    assert.equal(loot.cookies, '');
    assert.match(loot.dashboardFrame ?? '', /^blocked/);
    const text = JSON.stringify(loot);
    assert.equal(text.includes(ownerToken), false, 'the owner session was read');
    assert.equal(text.includes(OWNER_EMAIL), false, "the owner's email was answered");
    assert.equal(text.includes('Acme Hidden Org'), false, 'organizations were listed');
    assert.ok(loot.answers.length >= 2, 'the page asked both origins');
    for (const answer of loot.answers) {
      const body = answer.body?.startsWith('{') ? JSON.parse(answer.body) : {};
      assert.equal(body.data?.me ?? null, null, `${answer.target} told who is asking`);
      assert.equal(body.data?.organizations ?? null, null, `${answer.target} listed organizations`);
    }
  }

  it('gets nothing through the launch link', async () => {
    assert.ok(launchUrl.startsWith(`${courier.contentUrl}/player/#token=`));
    const page = await context.newPage();
    await page.goto(launchUrl);
    const loot = await lootOf(page, true);
    assert.equal(loot.playerApi, true, 'the player still hosts the course with its SCORM API');
    assertGotNothing(loot);
    // What the player keeps is its own launch, which acts on this registration only.
    const found = loot.answers.flatMap((a) =>
      a.bearer && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(a.bearer) ? [a.bearer] : [],
    );
    assert.ok(found.length > 0, "the page found the player's launch token");
    for (const bearer of found) {
      const claims = JSON.parse(Buffer.from(bearer.split('.')[1] ?? '', 'base64url').toString());
      assert.equal(claims.typ, 'launch');
      assert.equal(claims.registrationId, registrationId);
    }
    await page.close();
  });

  it('gets nothing through a launch link on the dashboard host', async () => {
    const page = await context.newPage();
    await page.goto(launchUrl.replace(courier.contentUrl, courier.url));
    const loot = await lootOf(page, true);
    assert.ok(page.url().startsWith(`${courier.contentUrl}/player/`), page.url());
    assertGotNothing(loot);
    await page.close();
  });

  it("gets nothing through the file's URL", async () => {
    const page = await context.newPage();
    await page.goto(`${courier.contentUrl}/content/${courseId}/lesson1/index.html`);
    assertGotNothing(await lootOf(page, false));

    // On the dashboard's origin the file is not there at all, so nothing of it runs.
    const onDashboard = await page.goto(`${courier.url}/content/${courseId}/lesson1/index.html`);
    assert.equal(onDashboard?.status(), 404);
    assert.equal(await page.locator('#loot').count(), 0);
    await page.close();
  });
});
