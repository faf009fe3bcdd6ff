import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importOk } from '../support/api.js';
import { scorm12Package } from '../support/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { launchBrowser } from '../support/browser.js';

describe('course versions and dispatch deletion in the dashboard, in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let page: Page;
  let token: string;
  const shown: string[] = [];
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('pageerror', (err) => shown.push(err.message));
    await page.goto(courier.url);
    await page.fill('input[name=email]', OWNER_EMAIL);
    await page.fill('input[name=password]', OWNER_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByTestId('stat-total').waitFor();
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  async function goTo(pathname: string) {
    await page.evaluate((p) => {
      history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, pathname);
  }

  it('uploads a new version from the course page and lists both; a bad zip changes nothing', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ title: 'Ladders' }));
    await goTo(`/courses/${courseId}`);
    const versions = page.getByTestId('course-versions').locator('tbody tr');
    await page.getByRole('heading', { name: 'Ladders' }).waitFor();
    assert.equal(await versions.count(), 1);

    const dir = await mkdtemp(path.join(os.tmpdir(), 'courier-version-'));
    const zip = path.join(dir, 'v2.zip');
    await writeFile(zip, await scorm12Package({ title: 'Ladders (fixed)', scoCount: 2 }));
    await page.setInputFiles('input[name=version]', zip);
    await page.getByText('Version 2 is live').waitFor();
    await page.getByRole('heading', { name: 'Ladders (fixed)' }).waitFor();
    assert.equal(await versions.count(), 2);
    assert.match((await versions.first().textContent()) ?? '', /^2 \(current\)Ladders \(fixed\)2/);

    const bad = path.join(dir, 'bad.zip');
    await writeFile(bad, 'this is not a zip');
    await page.setInputFiles('input[name=version]', bad);
    await page.getByRole('alert').filter({ hasText: 'not a readable zip' }).waitFor();
    assert.equal(await versions.count(), 2);
    const { course } = await courier.gqlOk(
      'query($id: ID!) { course(id: $id) { version } }',
      { id: courseId },
      token,
    );
    assert.equal(course.version, 2);
  });

  it('deletes a course from the list after confirmation, and the row leaves at once', async () => {
    await importOk(courier, token, await scorm12Package({ title: 'Retired' }));
    await goTo('/courses');
    const row = page.getByRole('row').filter({ hasText: 'Retired' });
    await row.waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    const { courses } = await courier.gqlOk('{ courses { title } }', {}, token);
    assert.equal(
      courses.some((c: { title: string }) => c.title === 'Retired'),
      false,
    );
  });

  it('opens a dispatch with its launches and deletes it after confirmation', async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ title: 'Shipped' }));
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key dispatch { id } } }',
      { i: { courseId, recipientName: 'Partner LMS' } },
      token,
    );
    await courier.gqlOk(
      'mutation($k: String!) { launchDispatch(key: $k, learner: { id: "lms-7" }) { token } }',
      { k: createDispatch.key },
    );
    await goTo('/dispatches');
    await page.getByRole('cell', { name: 'Partner LMS' }).waitFor();
    await goTo(`/dispatches/${createDispatch.dispatch.id}`);
    // The page's own query (launches(first: 100)) passes the cost limit: the launch is listed.
    await page.getByRole('cell', { name: 'lms-7' }).waitFor();

    await page.getByRole('button', { name: 'Delete dispatch' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Delete dispatch' }).click();
    await page
      .getByRole('alertdialog', { name: 'Delete this dispatch?' })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await page.waitForURL(`${courier.url}/dispatches`);
    // The list was in the cache: the deleted dispatch leaves it with no refetch.
    await page.getByText('No dispatches yet.').waitFor();
    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { id } }',
      { id: createDispatch.dispatch.id },
      token,
    );
    assert.equal(dispatch, null);
    assert.deepEqual(shown, []);
  });
});
