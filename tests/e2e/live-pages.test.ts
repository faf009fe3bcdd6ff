import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Topic } from '@courier/server/events/topics.js';
import { commit, importOk, registerAndLaunch } from '../support/api.js';
import { scorm12SinglePackage } from '../support/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

/**
 * Each page is opened fresh, and a change is made through the API only once the page's
 * subscriptions are registered on the server, so "the page changed" cannot be a lucky reload.
 */
describe('each live page updates without a reload', () => {
  let courier: TestCourier;
  let browser: Browser;
  let page: Page | null = null;
  let token: string;
  let courseId: string;

  const TOPICS: Topic[] = ['REGISTRATION_UPDATED', 'STATS_CHANGED', 'DISPATCH_UPDATED'];
  const count = (topic: Topic) => courier.services.events.listenerCount(topic);

  /**
   * Opens `path` signed in, in a new page, and waits until its subscriptions are registered.
   * A closed page's coalesced stats subscriptions linger until the next stats event, so the
   * wait is for `n` more listeners than were left once the previous page's others had gone.
   */
  async function open(path: string, waitFor: Partial<Record<Topic, number>>): Promise<Page> {
    await page?.close();
    await eventually(
      async () => count('REGISTRATION_UPDATED') + count('DISPATCH_UPDATED') === 0,
      10_000,
      'the old page to unsubscribe',
    );
    const before = Object.fromEntries(TOPICS.map((t) => [t, count(t)]));
    page = await browser.newPage();
    await page.goto(courier.url);
    await page.evaluate((t) => localStorage.setItem('courier.token', t), token);
    await page.goto(`${courier.url}${path}`);
    for (const [topic, n] of Object.entries(waitFor) as Array<[Topic, number]>) {
      await eventually(
        async () => count(topic) >= before[topic]! + n,
        10_000,
        `${n} subscription(s) to ${topic}`,
      );
    }
    return page;
  }

  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    token = await courier.ownerToken();
    courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Live course' }));
    // The sign-in form stores the session where the dashboard reads it; check the key is right.
    const signIn = await browser.newPage();
    await signIn.goto(courier.url);
    await signIn.fill('input[name=email]', OWNER_EMAIL);
    await signIn.fill('input[name=password]', OWNER_PASSWORD);
    await signIn.click('button[type=submit]');
    await signIn.getByTestId('stat-total').waitFor();
    const stored = await signIn.evaluate(() => Object.keys(localStorage));
    assert.ok(stored.includes('courier.token'), `session key: ${stored.join(', ')}`);
    await signIn.close();
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('the overview shows the activity from before it opened, then each commit as it comes', async () => {
    const alan = await registerAndLaunch(courier, token, courseId, {
      id: 'live-1',
      name: 'Alan Turing',
    });
    await commit(courier, alan, 1, { 'cmi.core.lesson_status': 'incomplete' });

    const p = await open('/', { STATS_CHANGED: 1, REGISTRATION_UPDATED: 1 });
    const feed = p.getByTestId('live-activity');
    await feed.getByRole('row', { name: /Alan Turing/ }).waitFor();
    const basis = p.getByTestId('stat-average-progress-basis');
    assert.equal(await basis.textContent(), 'none of 1 report progress');
    const summary = p.getByTestId(`course-summary-${courseId}`);
    assert.equal(await summary.getByTestId('course-summary-done').textContent(), '0 of 1');
    await p.getByTestId('activity-chart').waitFor();

    await commit(courier, alan, 2, { 'cmi.core.lesson_status': 'passed' });
    await eventually(
      async () => (await basis.textContent()) === 'of 1 with known progress',
      10_000,
      'the average to say what it averages',
    );
    assert.equal(
      await p.getByTestId('stat-average-progress').locator('.card-value').textContent(),
      '100%',
    );
    await eventually(
      async () =>
        (await feed
          .getByRole('row', { name: /Alan Turing/ })
          .getByTestId('status-badge')
          .textContent()) === 'Passed',
      10_000,
      'the feed row',
    );
    await eventually(
      async () => (await summary.getByTestId('course-summary-done').textContent()) === '1 of 1',
      10_000,
      'the course summary',
    );

    const grace = await registerAndLaunch(courier, token, courseId, {
      id: 'live-2',
      name: 'Grace Hopper',
    });
    await commit(courier, grace, 1, { 'cmi.core.lesson_status': 'incomplete' });
    await eventually(
      async () =>
        (await feed.locator('tbody tr td:first-child').allTextContents()).join(' | ') ===
        'Grace Hopper | Alan Turing',
      10_000,
      'Grace on top of the feed',
    );
  });

  it("the course page's stat cards move live, with no Course column in its table", async () => {
    const p = await open(`/courses/${courseId}`, { STATS_CHANGED: 1, REGISTRATION_UPDATED: 1 });
    const passed = p.getByTestId('stat-passed').locator('.card-value');
    await passed.waitFor();
    assert.equal(await passed.textContent(), '1');
    assert.deepEqual(
      (await p.locator('thead th').allTextContents()).filter((t) => t === 'Course'),
      [],
    );
    const ada = await registerAndLaunch(courier, token, courseId, { id: 'live-3', name: 'Ada' });
    await commit(courier, ada, 1, { 'cmi.core.lesson_status': 'passed' });
    await eventually(async () => (await passed.textContent()) === '2', 10_000, 'the passed card');
    assert.equal(await p.getByTestId('stat-total').locator('.card-value').textContent(), '3');
  });

  it("the learner's page moves live and counts a re-opened link as a launch", async () => {
    const launch = await registerAndLaunch(courier, token, courseId, {
      id: 'live-4',
      name: 'Katherine Johnson',
    });
    const p = await open(`/registrations/${launch.registrationId}`, { REGISTRATION_UPDATED: 1 });
    const detail = p.getByTestId('registration-detail');
    const launches = detail.getByTestId('launch-count');
    await launches.waitFor();
    assert.equal(await launches.textContent(), '0');
    const openPlayer = () => courier.gqlOk('{ playerSession { attemptId } }', {}, launch.token);
    await openPlayer();
    await eventually(async () => (await launches.textContent()) === '1', 10_000, 'one launch');
    await openPlayer();
    await eventually(async () => (await launches.textContent()) === '2', 10_000, 'the re-open');
    await commit(courier, launch, 1, { 'cmi.core.lesson_status': 'failed' });
    await eventually(
      async () => (await detail.getByTestId('status-badge').first().textContent()) === 'Failed',
      10_000,
      'the status',
    );
  });

  it('the dispatch page adds a launch row as a learner launches', async () => {
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key dispatch { id } } }',
      { i: { courseId, recipientName: 'Partner LMS' } },
      token,
    );
    const p = await open(`/dispatches/${createDispatch.dispatch.id}`, { DISPATCH_UPDATED: 1 });
    await p.getByText('No learner has launched this dispatch yet.').waitFor();
    const { launchDispatch } = await courier.gqlOk(
      'mutation($k: String!, $l: LearnerInput!) { launchDispatch(key: $k, learner: $l) { token attemptId } }',
      { k: createDispatch.key, l: { id: 'host-learner-9' } },
    );
    const row = p.getByRole('row', { name: /host-learner-9/ });
    await row.waitFor({ timeout: 10_000 });
    assert.equal(await row.getByTestId('status-badge').textContent(), 'Not started');
    await courier.gqlOk('{ playerSession { attemptId } }', {}, launchDispatch.token);
    await commit(courier, launchDispatch, 1, { 'cmi.core.lesson_status': 'passed' });
    await eventually(
      async () => (await row.getByTestId('status-badge').textContent()) === 'Passed',
      10_000,
      'the launch row',
    );
  });

  it('opens every page with data in it and shows no error', async () => {
    const problems: string[] = [];
    const p = await open('/', {});
    p.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    p.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    p.on('response', async (res) => {
      if (!res.url().endsWith('/graphql')) return;
      const body = await res.json().catch(() => null);
      if (!res.ok() || body?.errors)
        problems.push(`graphql ${res.status()}: ${JSON.stringify(body)}`);
    });
    const { registrations } = await courier.gqlOk(
      '{ registrations(first: 1) { edges { node { id } } } }',
      {},
      token,
    );
    const { dispatches } = await courier.gqlOk('{ dispatches { id } }', {}, token);
    const pages: Array<[string, string]> = [
      ['/', 'live-activity'],
      ['/courses', ''],
      [`/courses/${courseId}`, 'stat-total'],
      ['/registrations', 'via-dispatch'],
      [`/registrations/${registrations.edges[0].node.id}`, 'registration-detail'],
      ['/dispatches', 'dispatch-state'],
      [`/dispatches/${dispatches[0].id}`, 'dispatch-state'],
      ['/settings', ''],
    ];
    for (const [path, testId] of pages) {
      await p.goto(`${courier.url}${path}`);
      await p.locator('main h2').first().waitFor();
      if (testId) await p.getByTestId(testId).first().waitFor();
      await p.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
      const shown = await p.locator('.state-error').allTextContents();
      assert.deepEqual(shown, [], `errors shown on ${path}`);
    }
    assert.deepEqual(problems, []);
  });

  it('says what a dispatch learner came through, and where links point', async () => {
    const p = await open('/registrations', {});
    const via = p.getByTestId('via-dispatch').first();
    assert.equal((await via.textContent())?.trim(), 'via Partner LMS');
    // The test server's PUBLIC_URL is loopback: the warning says so before a link is handed out.
    assert.match(
      (await p.getByTestId('loopback-warning').textContent()) ?? '',
      /Launch links point at http:\/\/localhost:\d+/,
    );
    assert.equal(
      await p.locator('p.count').textContent(),
      `${(await courier.gqlOk('{ registrations { totalCount } }', {}, token)).registrations.totalCount} registrations`,
    );
  });

  it('lets an admin rename the organization', async () => {
    const p = await open('/', {});
    await p.getByRole('button', { name: 'Rename' }).click();
    await p.fill('input[name=name]', 'Renamed Academy');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.getByRole('heading', { name: 'Renamed Academy' }).waitFor();
    const { organization } = await courier.gqlOk('{ organization { name } }', {}, token);
    assert.equal(organization.name, 'Renamed Academy');
  });
});
