import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient } from 'graphql-ws';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { importOk, registerAndLaunch } from '../support/api.js';
import { scorm12SinglePackage } from '../support/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

/** Seconds of the player's own commit clock and of its "not saved" bound, short for the tests. */
const AUTOCOMMIT_SECONDS = 2;
const PARK_SECONDS = 3;

const REGISTRATION = `query($id: ID!) { registration(id: $id) {
  status canResume resumePoint score { raw }
  activities { cmi }
  runtimeProblems { scoId element code message seq } } }`;

interface Api12 {
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: string): string;
}

describe('the player keeps the dashboard live and its queue moving (issue 14)', () => {
  let courier: TestCourier;
  let browser: Browser;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier({
      PLAYER_AUTOCOMMIT_SECONDS: String(AUTOCOMMIT_SECONDS),
      PLAYER_PARK_SECONDS: String(PARK_SECONDS),
    });
    token = await courier.ownerToken();
    browser = await launchBrowser();
    courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Golf' }));
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  const registration = async (id: string) =>
    (await courier.gqlOk(REGISTRATION, { id }, token)).registration;
  const sco = (page: Page) => page.frameLocator('[data-testid=player-frame]');
  const badge = (page: Page) => page.getByTestId('save-status');
  /** Sets a value through the SCO's own runtime API, without committing. */
  const setValue = (page: Page, element: string, value: string) =>
    page.evaluate(
      ([e, v]) => (window as unknown as { API: Api12 }).API.LMSSetValue(e!, v!),
      [element, value],
    );
  const commit = (page: Page) =>
    page.evaluate(() => (window as unknown as { API: Api12 }).API.LMSCommit(''));
  const openPlayer = async (learner: string) => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: learner });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    return { launch, page };
  };
  const signIn = async (): Promise<BrowserContext> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(courier.url);
    await page.fill('input[name=email]', OWNER_EMAIL);
    await page.fill('input[name=password]', OWNER_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByTestId('stat-total').waitFor();
    await page.close();
    return context;
  };

  it('sends what a SCO set and never committed: row, learner page and subscription show it within 10 s', async () => {
    const { launch, page } = await openPlayer('golf-learner');
    const dashboard = await signIn();
    const table = await dashboard.newPage();
    await table.goto(`${courier.url}/registrations`);
    const row = table.getByTestId(`registration-row-${launch.registrationId}`);
    await row.waitFor();
    const detail = await dashboard.newPage();
    await detail.goto(`${courier.url}/registrations/${launch.registrationId}`);
    await detail.getByTestId('registration-detail').waitFor();
    const events: Array<{ resumePoint: string | null; status: string }> = [];
    const client = createClient({
      url: courier.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const subscribed = new Promise<void>((resolve) => client.on('connected', () => resolve()));
    client.subscribe(
      { query: 'subscription { registrationUpdated { id resumePoint status } }' },
      {
        next: (value) => void events.push((value.data as any).registrationUpdated),
        error: () => {},
        complete: () => {},
      },
    );
    const commits: string[] = [];
    page.on('request', (r) => {
      if (r.postData()?.includes('commitRuntime')) commits.push(r.postData()!);
    });
    try {
      await subscribed;
      // Like golf's Run-time Basic Calls: the location changes on every page, no commit.
      await sco(page).locator('#location-input').fill('golf-page-5');
      await sco(page).locator('#set-location').click();
      await eventually(
        async () => events.some((e) => e.resumePoint === 'golf-page-5'),
        10_000,
        'the subscription to carry the location',
      );
      await row.getByText('Resumable').waitFor({ timeout: 10_000 });
      await detail.getByText('golf-page-5').first().waitFor({ timeout: 10_000 });
      assert.equal(page.isClosed(), false);
      assert.equal(await sco(page).locator('#log li', { hasText: 'LMSCommit' }).count(), 0);
      await badge(page)
        .filter({ hasText: /^Saved at \d\d:\d\d$/ })
        .waitFor();

      // Status and score move the same way.
      await sco(page).locator('#pass').click();
      await row.getByTestId('status-badge').filter({ hasText: 'Passed' }).waitFor({
        timeout: 10_000,
      });
      await detail.getByTestId('status-badge').filter({ hasText: 'Passed' }).waitFor({
        timeout: 10_000,
      });
      assert.equal((await registration(launch.registrationId)).score.raw, 90);

      // Nothing changed: nothing is sent, however many clock ticks pass.
      await badge(page).filter({ hasText: 'Saved at' }).waitFor();
      const sent = commits.length;
      const since = Date.now();
      await page.waitForFunction(
        ([t, ms]) => Date.now() - t! >= ms!,
        [since, AUTOCOMMIT_SECONDS * 2500],
      );
      assert.equal(commits.length, sent, 'no commit without a change');
    } finally {
      await client.dispose();
      await dashboard.close();
      await page.close();
    }
  });

  it('sets a refused commit aside, tells the learner and the admin, and sends the next ones', async () => {
    const { launch, page } = await openPlayer('poisoned');
    try {
      // scorm-again takes a 5-digit-hour latency; the server's data model refuses it.
      assert.equal(await setValue(page, 'cmi.interactions.0.latency', '12345:00:00'), 'true');
      await commit(page);
      await setValue(page, 'cmi.core.lesson_location', 'after-poison');
      await commit(page);
      await page
        .getByTestId('data-problem')
        .filter({ hasText: 'cmi.interactions.0.latency' })
        .waitFor();
      const after = await eventually(
        async () => {
          const r = await registration(launch.registrationId);
          return r.resumePoint === 'after-poison' && r.runtimeProblems.length > 0 && r;
        },
        10_000,
        'the next commit and the report',
      );
      assert.equal(after.runtimeProblems.length, 1);
      assert.equal(after.runtimeProblems[0].element, 'cmi.interactions.0.latency');
      assert.equal(after.runtimeProblems[0].code, 'BAD_USER_INPUT');
      assert.equal(after.runtimeProblems[0].scoId, 'item_1');
      await badge(page).filter({ hasText: 'Saved at' }).waitFor();

      const dashboard = await signIn();
      const detail = await dashboard.newPage();
      await detail.goto(`${courier.url}/registrations/${launch.registrationId}`);
      await detail
        .getByTestId('data-problem-row')
        .filter({ hasText: 'cmi.interactions.0.latency' })
        .waitFor();
      await dashboard.close();
    } finally {
      await page.close();
    }
  });

  it('stores a U+0000 in suspend data exactly or refuses it cleanly, and the next commit is accepted', async () => {
    const { launch, page } = await openPlayer('nul-char');
    const value = 'before\u0000after';
    try {
      assert.equal(await setValue(page, 'cmi.suspend_data', value), 'true');
      await commit(page);
      await setValue(page, 'cmi.core.lesson_location', 'after-nul');
      await commit(page);
      const after = await eventually(
        async () => {
          const r = await registration(launch.registrationId);
          return r.resumePoint === 'after-nul' && r;
        },
        20_000,
        'the commit after the U+0000 one',
      );
      const stored = after.activities[0].cmi['cmi.suspend_data'];
      if (stored !== value) {
        // Not stored: the learner must not be told it was. Refused cleanly, it is a data
        // problem; failing (the server choking on it), the badge says not saved.
        assert.equal(stored, undefined, 'never stored altered');
        await page
          .locator(
            '[data-testid=data-problem]:not([hidden]), [data-testid=save-status][data-state=unsaved]',
          )
          .first()
          .waitFor();
      }
    } finally {
      await page.close();
    }
  });

  it('says waiting, then not saved, while commits fail, and saved with nothing lost when the server answers again', async () => {
    const { launch, page } = await openPlayer('flaky');
    let failed = 0;
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('commitRuntime')) return route.continue();
      failed++;
      await route.fulfill({ status: 503, body: 'Service Unavailable' });
    });
    try {
      await setValue(page, 'cmi.core.lesson_location', 'during-outage');
      await commit(page);
      await setValue(page, 'cmi.core.score.raw', '64');
      await commit(page);
      await badge(page)
        .filter({ hasText: /Not sent yet — 2 waiting/ })
        .waitFor();
      await page.locator('[data-testid=save-status][data-state=unsaved]').waitFor({
        timeout: PARK_SECONDS * 1000 + 10_000,
      });
      assert.match((await badge(page).textContent())!, /^Not saved/);
      assert.ok(failed >= 2);
      assert.equal((await registration(launch.registrationId)).resumePoint, null);
      await page.unroute('**/graphql');
      await badge(page).filter({ hasText: 'Saved at' }).waitFor({ timeout: 40_000 });
      const r = await registration(launch.registrationId);
      assert.equal(r.resumePoint, 'during-outage');
      assert.equal(r.score.raw, 64);
    } finally {
      await page.close();
    }
  });

  it('says the course is done, with its result, and stops showing the SCO', async () => {
    const { launch, page } = await openPlayer('finisher');
    try {
      await sco(page).locator('#pass').click();
      await sco(page).locator('#finish').click();
      await page.getByTestId('course-done').waitFor();
      assert.equal(await page.getByTestId('course-done-status').textContent(), 'Passed');
      assert.equal(await page.getByTestId('player-frame').isVisible(), false);
      assert.equal(
        await page.getByTestId('player-frame').evaluate((f) => (f as HTMLIFrameElement).src),
        'about:blank',
      );
      await page.getByText('Your progress is saved').waitFor();
      assert.equal((await registration(launch.registrationId)).status, 'PASSED');
    } finally {
      await page.close();
    }
  });

  it('says so when the launch can no longer be renewed', async () => {
    const { page } = await openPlayer('expired');
    await page.route('**/graphql', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: 'This launch has expired', extensions: { code: 'UNAUTHENTICATED' } }],
        }),
      }),
    );
    try {
      await setValue(page, 'cmi.core.lesson_location', 'too-late');
      await page
        .getByTestId('session-ended')
        .filter({ hasText: 'can no longer be renewed' })
        .waitFor({ timeout: AUTOCOMMIT_SECONDS * 1000 + 10_000 });
      await page.locator('[data-testid=save-status][data-state=expired]').waitFor();
      assert.match((await badge(page).textContent())!, /^Not saved/);
    } finally {
      await page.close();
    }
  });
});
