import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importOk } from '@courier/server/testing/api.js';
import { scorm12SinglePackage } from '@courier/server/testing/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '@courier/server/testing/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';
import { TestPlatform } from '../support/lti-platform.js';

const LAUNCHES = `query($id: ID!) { dispatch(id: $id) { launchCount completionCount
  launches(first: 20) { edges { node { learnerId learnerEmail status
    ltiScores(first: 3) { status attempts lastError activityProgress gradingProgress scoreGiven scoreMaximum } } } } } }`;

describe('dispatch over LTI 1.3, with a platform in the test suite, in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let platform: TestPlatform;
  let token: string;
  let dispatchId: string;

  before(async () => {
    courier = await startTestCourier({ LTI_ALLOW_PRIVATE: 'true' });
    browser = await launchBrowser();
    token = await courier.ownerToken();
    const { ltiToolUrls } = await courier.gqlOk(
      '{ ltiToolUrls { loginUrl launchUrl jwksUrl deepLinkUrl } }',
      {},
      token,
    );
    assert.equal(ltiToolUrls.loginUrl, `${courier.url}/lti/login`);
    platform = await TestPlatform.start(ltiToolUrls);
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
    dispatchId = createDispatch.dispatch.id;
  });

  after(async () => {
    await browser?.close();
    await platform?.stop();
    await courier?.stop();
  });

  async function play(page: Page, learner: string): Promise<void> {
    await page.goto(platform.startUrl(learner));
    const content = page.frameLocator('[data-testid=player-frame]');
    await content.locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.equal(new URL(page.url()).origin, courier.contentUrl);
    await content.locator('#pass').click();
    await content.locator('#finish').click();
  }

  async function launchesOf(): Promise<any> {
    return (await courier.gqlOk(LAUNCHES, { id: dispatchId }, token)).dispatch;
  }

  it('registers the platform on the dispatch page, which shows the tool URLs to copy', async () => {
    const page = await browser.newPage();
    await page.goto(courier.url);
    await page.fill('input[name=email]', OWNER_EMAIL);
    await page.fill('input[name=password]', OWNER_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('link', { name: 'Dispatches' }).click();
    await page.getByRole('link', { name: 'LTI 1.3' }).click();
    const panel = page.getByRole('region', { name: 'LTI 1.3' });
    for (const path of ['/lti/login', '/lti/launch', '/lti/jwks', '/lti/deep-link'])
      await panel.getByText(`${courier.url}${path}`, { exact: true }).waitFor();
    assert.equal(await panel.getByRole('button', { name: /^Copy / }).count(), 4);
    const form = page.getByRole('form', { name: 'LTI platform' });
    const r = platform.registration;
    await form.getByLabel('Platform issuer').fill(r.issuer);
    await form.getByLabel('Client id').fill(r.clientId);
    await form.getByLabel(/Deployment ids/).fill(r.deploymentIds.join(', '));
    await form.getByLabel(/Authorization/).fill(r.authorizationUrl);
    await form.getByLabel('Access token URL').fill(r.tokenUrl);
    await form.getByLabel(/Platform keyset/).fill(r.jwksUrl);
    await form.getByRole('button', { name: 'Register platform' }).click();
    await page.getByTestId('lti-registered').waitFor();
    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { ltiPlatform { issuer clientId deploymentIds authorizationUrl tokenUrl jwksUrl } } }',
      { id: dispatchId },
      token,
    );
    assert.deepEqual(dispatch.ltiPlatform, r);
    // format=lti beside scorm12 and scorm2004: what to paste, and what is registered.
    const res = await fetch(`${courier.url}/api/dispatches/${dispatchId}/package?format=lti`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const configuration = (await res.json()) as any;
    assert.equal(configuration.format, 'lti');
    assert.equal(configuration.tool.jwksUrl, `${courier.url}/lti/jwks`);
    assert.deepEqual(configuration.platform, r);
    await page.close();
  });

  it('launches through the OIDC login, plays the course, and the score arrives at the platform', async () => {
    const page = await browser.newPage();
    await play(page, 'learner-1');
    const score = await eventually(
      async () =>
        platform.scores.find(
          (s) => s.body['userId'] === 'learner-1' && s.body['activityProgress'] === 'Completed',
        ),
      15_000,
      'the completed score at the platform',
    );
    assert.equal(score.contentType, 'application/vnd.ims.lis.v1.score+json');
    assert.equal(score.body['gradingProgress'], 'FullyGraded');
    assert.equal(score.body['scoreGiven'], 90);
    assert.equal(score.body['scoreMaximum'], 100);
    assert.ok(!Number.isNaN(Date.parse(String(score.body['timestamp']))));
    const dispatch = await eventually(async () => {
      const d = await launchesOf();
      return d.launches.edges[0]?.node.ltiScores[0]?.status === 'DELIVERED' && d;
    });
    assert.equal(dispatch.launchCount, 1);
    assert.equal(dispatch.completionCount, 1);
    const launch = dispatch.launches.edges[0].node;
    assert.equal(launch.learnerId, 'learner-1');
    assert.equal(launch.learnerEmail, 'learner-1@platform.test');
    assert.equal(launch.status, 'PASSED');
    assert.deepEqual(launch.ltiScores[0], {
      status: 'DELIVERED',
      attempts: 1,
      lastError: null,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      scoreGiven: 90,
      scoreMaximum: 100,
    });

    // Launching again resumes the same launch row: no second count against the cap.
    await page.goto(platform.startUrl('learner-1'));
    await page.frameLocator('[data-testid=player-frame]').locator('#api').waitFor();
    assert.equal((await launchesOf()).launchCount, 1);
    await page.close();
  });

  const refusals: Array<
    [string, TestPlatform['scenarios'] extends Map<string, infer S> ? S : never, RegExp]
  > = [
    ['bad-signature', { forgeSignature: true }, /signature does not verify/],
    ['other-audience', { audience: 'someone-else' }, /audience is not our client id/],
    ['expired', { expiresIn: -300 }, /has expired/],
    ['unknown-deployment', { deploymentId: 'deployment-9' }, /deployment id is not registered/],
    ['replayed-nonce', { replayPrevious: true }, /nonce is not the one this login issued/],
  ];
  for (const [learner, scenario, reason] of refusals) {
    it(`refuses a launch with ${learner.replace('-', ' ')}, and counts nothing`, async () => {
      platform.scenarios.set(learner, scenario);
      const before = (await launchesOf()).launchCount;
      const page = await browser.newPage();
      const response = page.waitForResponse((r) => r.url() === `${courier.url}/lti/launch`);
      await page.goto(platform.startUrl(learner));
      assert.equal((await response).status(), 401);
      await page.getByText(reason).waitFor();
      assert.match(await page.locator('body').innerText(), /Code: UNAUTHENTICATED/);
      const after = await launchesOf();
      assert.equal(after.launchCount, before);
      assert.ok(!after.launches.edges.some((e: any) => e.node.learnerId === learner));
      await page.close();
    });
  }

  it('refuses the same login state twice: a posted id_token is good for one launch', async () => {
    const page = await browser.newPage();
    const posted = page.waitForRequest((r) => r.url() === `${courier.url}/lti/launch`);
    await page.goto(platform.startUrl('learner-twice'));
    const form = new URLSearchParams((await posted).postData() ?? '');
    await page.frameLocator('[data-testid=player-frame]').locator('#api').waitFor();
    // The platform's exact form, posted again from the browser.
    await page.setContent(
      `<form method="post" action="${courier.url}/lti/launch"><input name="id_token" value="${form.get('id_token')}"><input name="state" value="${form.get('state')}"></form>`,
    );
    const again = page.waitForResponse((r) => r.url() === `${courier.url}/lti/launch`);
    await page.evaluate('document.forms[0].submit()');
    assert.equal((await again).status(), 401);
    await page.getByText(/unknown, expired or already used/).waitFor();
    await page.close();
  });

  it('lets the teacher pick the course by deep linking, answered with a signed response', async () => {
    platform.scenarios.set('teacher-1', { deepLinking: true });
    const page = await browser.newPage();
    await page.goto(platform.startUrl('teacher-1'));
    await page.getByRole('button', { name: /Add “LTI course”/ }).click();
    await page.locator('#added').waitFor();
    const response = platform.deepLinkResponses[0]!;
    assert.equal(
      response['https://purl.imsglobal.org/spec/lti/claim/message_type'],
      'LtiDeepLinkingResponse',
    );
    assert.equal(response['https://purl.imsglobal.org/spec/lti/claim/version'], '1.3.0');
    assert.equal(
      response['https://purl.imsglobal.org/spec/lti/claim/deployment_id'],
      platform.deploymentId,
    );
    assert.equal(
      response['https://purl.imsglobal.org/spec/lti-dl/claim/data'],
      'opaque-platform-data',
    );
    assert.deepEqual(response['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'], [
      {
        type: 'ltiResourceLink',
        title: 'LTI course',
        url: `${courier.url}/lti/launch`,
        lineItem: { scoreMaximum: 100, label: 'LTI course' },
      },
    ]);
    // Deep linking launches no learner.
    assert.ok(
      !(await launchesOf()).launches.edges.some((e: any) => e.node.learnerId === 'teacher-1'),
    );
    await page.close();
  });

  it('delivers the score once a platform that was down is back', async () => {
    platform.down = true;
    const page = await browser.newPage();
    await play(page, 'learner-down');
    const failing = await eventually(
      async () => {
        const d = await launchesOf();
        const node = d.launches.edges.find((e: any) => e.node.learnerId === 'learner-down')?.node;
        const latest = node?.ltiScores[0];
        return latest?.activityProgress === 'Completed' && latest.lastError && latest;
      },
      15_000,
      'a failed attempt to be recorded',
    );
    assert.equal(failing.status, 'PENDING');
    assert.match(failing.lastError, /HTTP 503/);
    assert.ok(!platform.scores.some((s) => s.body['userId'] === 'learner-down'));
    platform.down = false;
    // The retry is due after its backoff (30 s and more); bring it forward instead of waiting.
    await courier.services.orm.em
      .fork()
      .getConnection()
      .execute(`UPDATE lti_score_deliveries SET next_attempt_at = now() WHERE status = 'PENDING'`);
    courier.services.lti.scores.poke();
    const score = await eventually(
      async () =>
        platform.scores.find(
          (s) => s.body['userId'] === 'learner-down' && s.body['activityProgress'] === 'Completed',
        ),
      15_000,
      'the score after the platform came back',
    );
    assert.equal(score.body['scoreGiven'], 90);
    await page.close();
  });

  it('refuses launches of a revoked dispatch, naming why', async () => {
    await courier.gqlOk(
      'mutation($id: ID!) { revokeDispatch(id: $id) { active } }',
      { id: dispatchId },
      token,
    );
    const page = await browser.newPage();
    const response = page.waitForResponse((r) => r.url() === `${courier.url}/lti/launch`);
    await page.goto(platform.startUrl('learner-revoked'));
    assert.equal((await response).status(), 403);
    await page.getByText(/no longer available here/).waitFor();
    assert.match(await page.locator('body').innerText(), /Code: DISPATCH_REVOKED/);
    assert.ok(
      !(await launchesOf()).launches.edges.some((e: any) => e.node.learnerId === 'learner-revoked'),
    );
    await page.close();
  });
});
