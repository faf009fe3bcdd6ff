import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { importOk } from './api.js';
import { scorm12SinglePackage } from './scorm-packages.js';
import { startTestCourier, type TestCourier } from './test-courier.js';
import { launchBrowser } from './browser.js';
import { TestPlatform } from './lti-platform.js';

const LAUNCHES = `query($id: ID!) { dispatch(id: $id) { launchCount completionCount
  launches(first: 20) { edges { node { learnerId learnerEmail status
    ltiScores(first: 3) { status attempts lastError activityProgress gradingProgress scoreGiven scoreMaximum } } } } } }`;

/** A Courier with a dispatch of one course, a test platform and Chromium, for the LTI tests. */
export interface LtiScene {
  courier: TestCourier;
  browser: Browser;
  platform: TestPlatform;
  token: string;
  dispatchId: string;
  /** Launches from the platform as `learner`, then passes and finishes the course. */
  play(page: Page, learner: string): Promise<void>;
  /** The dispatch's counters and launches, with each launch's latest LTI scores. */
  launches(): Promise<any>;
  stop(): Promise<void>;
}

/**
 * Starts the scene; with `registerPlatform`, the platform is registered on the dispatch over
 * GraphQL (the dashboard's form is tested on its own).
 */
export async function startLtiScene({ registerPlatform }: { registerPlatform: boolean }) {
  const courier = await startTestCourier({ LTI_ALLOW_PRIVATE: 'true' });
  const browser = await launchBrowser();
  const token = await courier.ownerToken();
  const { ltiToolUrls } = await courier.gqlOk(
    '{ ltiToolUrls { loginUrl launchUrl jwksUrl deepLinkUrl } }',
    {},
    token,
  );
  assert.equal(ltiToolUrls.loginUrl, `${courier.url}/lti/login`);
  const platform = await TestPlatform.start(ltiToolUrls);
  const courseId = await importOk(
    courier,
    token,
    await scorm12SinglePackage({ title: 'LTI course', masteryScore: 80 }),
  );
  const { createDispatch } = await courier.gqlOk(
    'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { dispatch { id } } }',
    { i: { courseId, recipientName: 'Platform LMS', maxLaunches: 10 } },
    token,
  );
  const dispatchId: string = createDispatch.dispatch.id;
  if (registerPlatform)
    await courier.gqlOk(
      'mutation($d: ID!, $i: LtiPlatformInput!) { setDispatchLtiPlatform(dispatchId: $d, input: $i) { id } }',
      { d: dispatchId, i: platform.registration },
      token,
    );
  const scene: LtiScene = {
    courier,
    browser,
    platform,
    token,
    dispatchId,
    async play(page, learner) {
      await page.goto(platform.startUrl(learner));
      const content = page.frameLocator('[data-testid=player-frame]');
      await content.locator('#api').filter({ hasText: 'found' }).waitFor();
      assert.equal(new URL(page.url()).origin, courier.contentUrl);
      await content.locator('#pass').click();
      await content.locator('#finish').click();
    },
    async launches() {
      return (await courier.gqlOk(LAUNCHES, { id: dispatchId }, token)).dispatch;
    },
    async stop() {
      await browser.close();
      await platform.stop();
      await courier.stop();
    },
  };
  return scene;
}
