import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { commit, registerAndLaunch } from '@courier/server/testing/api.js';
import { scorm12SinglePackage } from '@courier/server/testing/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '@courier/server/testing/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

describe('the dashboard in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let page: Page;
  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('signs in, uploads a course, registers a learner and shows progress live', async () => {
    await page.goto(courier.url);
    await page.fill('input[name=email]', OWNER_EMAIL);
    await page.fill('input[name=password]', OWNER_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByTestId('stat-total').waitFor();

    await page.getByRole('link', { name: 'Courses' }).click();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'courier-upload-'));
    const zip = path.join(dir, 'course.zip');
    await writeFile(zip, await scorm12SinglePackage({ title: 'Uploaded in the browser' }));
    await page.setInputFiles('input[type=file]', zip);
    await page.getByText('Imported “Uploaded in the browser”').waitFor();
    await page.getByRole('cell', { name: 'Uploaded in the browser' }).waitFor();

    const bad = path.join(dir, 'bad.zip');
    await writeFile(bad, 'this is not a zip');
    await page.setInputFiles('input[type=file]', bad);
    await page.getByRole('alert').filter({ hasText: 'not a readable zip' }).waitFor();

    await page.getByRole('link', { name: 'Registrations' }).click();
    await page.getByRole('button', { name: 'New registration' }).click();
    await page.fill('input[name=learnerId]', 'dash-1');
    await page.fill('input[name=learnerName]', 'Ada Lovelace');
    await page.getByRole('button', { name: 'Create' }).click();
    const row = page
      .locator('[data-testid^=registration-row-]')
      .filter({ hasText: 'Ada Lovelace' });
    await row.waitFor();
    assert.equal(await row.getByTestId('status-badge').textContent(), 'Not started');
    assert.equal(
      await row.getByTestId('progress-text').textContent(),
      '0%',
      'not started is exactly 0',
    );

    // A learner's commits arrive through the API: the row changes without a reload.
    const registrationId = (await row.getAttribute('data-testid'))!.replace(
      'registration-row-',
      '',
    );
    const token = await courier.ownerToken();
    const { launchRegistration } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { token attemptId } }',
      { id: registrationId },
      token,
    );
    await commit(courier, launchRegistration, 1, { 'cmi.core.lesson_status': 'incomplete' });
    await eventually(
      async () => (await row.getByTestId('status-badge').textContent()) === 'In progress',
      10_000,
      'the live row',
    );
    assert.equal(
      await row.getByTestId('progress-text').textContent(),
      '—',
      'unknown progress is not shown as 0%',
    );
    await commit(courier, launchRegistration, 2, { 'cmi.core.lesson_status': 'passed' });
    await eventually(
      async () => (await row.getByTestId('status-badge').textContent()) === 'Passed',
      10_000,
      'the live row',
    );
    assert.equal(await row.getByTestId('progress-text').textContent(), '100%');

    // The learner's detail: each SCO's status and answers, updated live.
    await row.getByRole('link', { name: 'Ada Lovelace' }).click();
    const detail = page.getByTestId('registration-detail');
    await detail.waitFor();
    const activity = detail.getByTestId('activity-item_1');
    assert.equal(await activity.getByTestId('activity-status').textContent(), 'Completed · Passed');
    await commit(courier, launchRegistration, 3, {
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.student_response': 'b',
      'cmi.interactions.0.result': 'correct',
    });
    await detail.getByText('1 answer, 0 objectives').click();
    const answers = detail.getByTestId('interactions-item_1');
    await answers.waitFor();
    assert.match((await answers.textContent()) ?? '', /q1.*b.*correct/);
  });

  it('shows learners on the overview as their commits arrive, latest first', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    // Ada's earlier work is there from history, before any commit arrives.
    await page
      .getByTestId('live-activity')
      .getByRole('row', { name: /Ada Lovelace/ })
      .waitFor();
    const token = await courier.ownerToken();
    const { courses } = await courier.gqlOk('{ courses { id } }', {}, token);
    const learner = (id: string, name: string) =>
      registerAndLaunch(courier, token, courses[0].id, { id, name });
    const katherine = await learner('live-feed-1', 'Katherine Johnson');
    const dorothy = await learner('live-feed-2', 'Dorothy Vaughan');
    const feed = page.getByTestId('live-activity');
    // The subscription may still be starting: commit until the first row shows.
    let seq = 0;
    await eventually(
      async () => {
        await commit(courier, katherine, ++seq, { 'cmi.core.lesson_status': 'incomplete' });
        return feed
          .getByRole('row', { name: /Katherine Johnson/ })
          .isVisible()
          .catch(() => false);
      },
      10_000,
      'the first row',
    );
    await commit(courier, dorothy, 1, { 'cmi.core.lesson_status': 'incomplete' });
    await feed.getByRole('row', { name: /Dorothy Vaughan/ }).waitFor();
    await commit(courier, katherine, ++seq, { 'cmi.core.lesson_status': 'passed' });
    const learners = async () =>
      (await feed.locator('tbody tr td:first-child').allTextContents()).join(' | ');
    await eventually(
      async () => (await learners()) === 'Katherine Johnson | Dorothy Vaughan | Ada Lovelace',
      10_000,
      'Katherine back on top, once',
    );
    const top = feed.getByRole('row', { name: /Katherine Johnson/ });
    assert.equal(await top.getByTestId('status-badge').textContent(), 'Passed');
    await top.getByRole('link', { name: 'Katherine Johnson' }).click();
    await page.getByTestId('registration-detail').waitFor();
  });

  it("downloads the registrations and a course's answers as CSV", async () => {
    await page.getByRole('link', { name: 'Registrations', exact: true }).first().click();
    const [registrations] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as CSV' }).click(),
    ]);
    const table = await readFile((await registrations.path())!, 'utf8');
    assert.match(table, /^registration_id,course,learner_id/);
    assert.match(table, /Katherine Johnson/);

    await page.getByRole('link', { name: 'Courses' }).click();
    await page.getByRole('link', { name: 'Uploaded in the browser' }).click();
    const [answers] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download learners’ answers (CSV)' }).click(),
    ]);
    assert.match(await readFile((await answers.path())!, 'utf8'), /dash-1,Ada Lovelace,.*,q1,/);
  });

  it('creates a dispatch and shows its secret once', async () => {
    await page.getByRole('link', { name: 'Dispatches' }).click();
    await page.fill('input[name=recipientName]', 'Partner LMS');
    await page.fill('input[name=maxLaunches]', '25');
    await page.getByRole('button', { name: 'Create dispatch' }).click();
    const secret = await page.getByTestId('dispatch-secret-value').textContent();
    assert.match(secret ?? '', /^ds_/);
    await page.getByText('This secret will not be shown again').waitFor();
    await page.reload();
    await page.getByRole('cell', { name: 'Partner LMS' }).waitFor();
    assert.equal(
      (await page.content()).includes(secret!),
      false,
      'the secret is gone after a reload',
    );
  });
});
