import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importOk, registerAndLaunch } from '@courier/server/testing/api.js';
import { forcedSequentialPackage } from '@courier/server/testing/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/server/testing/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

const REGISTRATION = `query($id: ID!) { registration(id: $id) { status score { scaled } } }`;

describe('a sequenced course in the player (golf Forced Sequential Order)', () => {
  let courier: TestCourier;
  let browser: Browser;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    browser = await launchBrowser();
    courseId = await importOk(courier, token, await forcedSequentialPackage({ playable: true }));
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

  /** Plays the three content SCOs with Next and opens the quiz. */
  const playContent = async (page: Page) => {
    for (const [title, next] of [
      ['playing', 'etiquette'],
      ['etiquette', 'handicapping'],
      ['handicapping', 'assessment'],
    ] as const) {
      await opened(page, title);
      await sco(page).locator('#complete').click();
      await page.locator('#next-item:not([disabled])').click();
      await opened(page, next);
    }
  };

  const finishQuiz = async (page: Page, verdict: 'pass' | 'fail', registrationId: string) => {
    // The quiz hides the player's Next (adlnav hideLMSUI continue): the content moves on itself.
    assert.equal(await page.locator('#next-item').isHidden(), true);
    await sco(page).locator(`#${verdict}`).click();
    await sco(page).locator('#nav-continue').click();
    const status = verdict === 'pass' ? 'Passed' : 'Failed';
    await page.locator('[data-testid=course-done-status]').filter({ hasText: status }).waitFor();
    return eventually(async () => {
      const r = (await courier.gqlOk(REGISTRATION, { id: registrationId }, token)).registration;
      return r.status === status.toUpperCase() && r;
    });
  };

  it('shows the tree with every item out of the menu’s reach, and refuses the post-test by choice', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'fso-reach' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await opened(page, 'playing');
    assert.equal(
      await page.locator('[data-testid=item-playing_item]').getAttribute('aria-current'),
      'step',
    );
    assert.equal(
      await page.locator('[data-testid=item-assessment_item]').getAttribute('aria-disabled'),
      'true',
    );
    await page
      .locator('[data-testid=reason-assessment_item]')
      .filter({ hasText: 'taken in order' })
      .waitFor();
    assert.equal(await page.locator('#prev-item').isDisabled(), true);
    // The menu does not open it ...
    await page.locator('[data-testid=item-assessment_item]').click({ force: true });
    assert.equal(
      await page.locator('[data-testid=item-playing_item]').getAttribute('aria-current'),
      'step',
    );
    // ... and neither does the content's own choice request: choice="false" on the course.
    await sco(page).locator('#element-input').fill('adl.nav.request');
    await sco(page).locator('#value-input').fill('{target=assessment_item}choice');
    await sco(page).locator('#set-any').click();
    await sco(page).locator('#finish').click();
    // The attempt ended without a valid request: the learner is asked, and Next goes on in order.
    await page.locator('[data-testid=seq-note]').waitFor();
    assert.equal(
      await page.locator('[data-testid=item-assessment_item]').getAttribute('aria-current'),
      'false',
    );
    await page.locator('#next-item:not([disabled])').click();
    await opened(page, 'etiquette');
    await page.close();
  });

  it('goes back with Previous and forward in order, then fails the course when the quiz is failed', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'fso-fail' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await opened(page, 'playing');
    await sco(page).locator('#complete').click();
    await page.locator('#next-item:not([disabled])').click();
    await opened(page, 'etiquette');
    await page.locator('#prev-item:not([disabled])').click();
    await opened(page, 'playing');
    await page.locator('#next-item:not([disabled])').click();
    await opened(page, 'etiquette');
    await page.locator('#prev-item:not([disabled])').click();
    await playContent(page);
    const failed = await finishQuiz(page, 'fail', launch.registrationId);
    assert.equal(failed.score.scaled, 0.4);
    await page.close();
  });

  it('passes the course when the quiz is passed after the content', async () => {
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'fso-pass' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await playContent(page);
    const passed = await finishQuiz(page, 'pass', launch.registrationId);
    assert.equal(passed.score.scaled, 0.9);
    await page.close();
  });
});
