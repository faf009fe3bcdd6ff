import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importOk, registerAndLaunch } from '../support/api.js';
import { attemptLimitPackage } from '../support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '../support/test-courier.js';
import { launchBrowser } from '../support/browser.js';

describe('a sequenced course suspended and resumed on another device', () => {
  let courier: TestCourier;
  let browser: Browser;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    browser = await launchBrowser();
    courseId = await importOk(courier, token, await attemptLimitPackage());
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  const sco = (page: Page) => page.frameLocator('[data-testid=player-frame]');
  const opened = async (page: Page, title: string) => {
    await sco(page).locator('h1').filter({ hasText: title }).waitFor();
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
  };

  it('resumes at the suspended SCO in a fresh browser, the once-only introduction still spent', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'resume-1' });
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(launch.url);
    await opened(page, 'intro');
    await sco(page).locator('#complete').click();
    await page.locator('#next-item:not([disabled])').click();
    await opened(page, 'lesson');
    await sco(page).locator('#set-location').click();
    await page.locator('#suspend-all:not([disabled])').click();
    await page.locator('#player-done[data-state=kept]').waitFor();
    await first.close();

    // Another device: no storage of the first, a new launch of the same registration.
    const { launchRegistration } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { url } }',
      { id: launch.registrationId },
      token,
    );
    const second = await browser.newContext();
    const again = await second.newPage();
    await again.goto(launchRegistration.url);
    await opened(again, 'lesson');
    await sco(again).locator('#entry').filter({ hasText: 'resume' }).waitFor();
    await sco(again).locator('#location').filter({ hasText: 'page-2' }).waitFor();
    assert.equal(
      await again.locator('[data-testid=item-lesson_item]').getAttribute('aria-current'),
      'step',
    );
    assert.equal(
      await again.locator('[data-testid=item-intro_item]').getAttribute('aria-disabled'),
      'true',
    );
    await again
      .locator('[data-testid=reason-intro_item]')
      .filter({ hasText: 'No attempts left' })
      .waitFor();
    // The menu does not open it; the test, never attempted, it does.
    await again.locator('[data-testid=item-intro_item]').click({ force: true });
    assert.equal(
      await again.locator('[data-testid=item-lesson_item]').getAttribute('aria-current'),
      'step',
    );
    await again.locator('[data-testid=item-test_item]').click();
    await opened(again, 'test');
    await second.close();
  });
});
