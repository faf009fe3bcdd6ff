import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../support/test-courier.js';
import { eventually } from '../support/browser.js';
import { startLtiScene, type LtiScene } from '../support/lti-scene.js';

describe('LTI 1.3: registered in the dashboard, launched from a platform in Chromium, scored back', () => {
  let scene: LtiScene;
  before(async () => {
    scene = await startLtiScene({ registerPlatform: false });
  });
  after(async () => {
    await scene?.stop();
  });

  it('registers the platform on the dispatch page, which shows the tool URLs to copy', async () => {
    const page = await scene.browser.newPage();
    await page.goto(scene.courier.url);
    await page.fill('input[name=email]', OWNER_EMAIL);
    await page.fill('input[name=password]', OWNER_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('link', { name: 'Dispatches' }).click();
    await page.getByRole('link', { name: 'LTI 1.3' }).click();
    const panel = page.getByRole('region', { name: 'LTI 1.3' });
    for (const path of ['/lti/login', '/lti/launch', '/lti/jwks', '/lti/deep-link'])
      await panel.getByText(`${scene.courier.url}${path}`, { exact: true }).waitFor();
    assert.equal(await panel.getByRole('button', { name: /^Copy / }).count(), 4);
    const form = page.getByRole('form', { name: 'LTI platform' });
    const r = scene.platform.registration;
    await form.getByLabel('Platform issuer').fill(r.issuer);
    await form.getByLabel('Client id').fill(r.clientId);
    await form.getByLabel(/Deployment ids/).fill(r.deploymentIds.join(', '));
    await form.getByLabel(/Authorization/).fill(r.authorizationUrl);
    await form.getByLabel('Access token URL').fill(r.tokenUrl);
    await form.getByLabel(/Platform keyset/).fill(r.jwksUrl);
    await form.getByRole('button', { name: 'Register platform' }).click();
    await page.getByTestId('lti-registered').waitFor();
    const { dispatch } = await scene.courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { ltiPlatform { issuer clientId deploymentIds authorizationUrl tokenUrl jwksUrl } } }',
      { id: scene.dispatchId },
      scene.token,
    );
    assert.deepEqual(dispatch.ltiPlatform, r);
    // format=lti beside scorm12 and scorm2004: what to paste, and what is registered.
    const res = await fetch(
      `${scene.courier.url}/api/dispatches/${scene.dispatchId}/package?format=lti`,
      {
        headers: { authorization: `Bearer ${scene.token}` },
      },
    );
    const configuration = (await res.json()) as any;
    assert.equal(configuration.format, 'lti');
    assert.equal(configuration.tool.jwksUrl, `${scene.courier.url}/lti/jwks`);
    assert.deepEqual(configuration.platform, r);
    await page.close();
  });

  it('launches through the OIDC login, plays the course, and the score arrives at the platform', async () => {
    const page = await scene.browser.newPage();
    await scene.play(page, 'learner-1');
    const score = await eventually(
      async () =>
        scene.platform.scores.find(
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
      const d = await scene.launches();
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
    await page.goto(scene.platform.startUrl('learner-1'));
    await page.frameLocator('[data-testid=player-frame]').locator('#api').waitFor();
    assert.equal((await scene.launches()).launchCount, 1);
    await page.close();
  });

  it('refuses the same login state twice: a posted id_token is good for one launch', async () => {
    const page = await scene.browser.newPage();
    const posted = page.waitForRequest((r) => r.url() === `${scene.courier.url}/lti/launch`);
    await page.goto(scene.platform.startUrl('learner-twice'));
    const form = new URLSearchParams((await posted).postData() ?? '');
    await page.frameLocator('[data-testid=player-frame]').locator('#api').waitFor();
    // The platform's exact form, posted again from the scene.browser.
    await page.setContent(
      `<form method="post" action="${scene.courier.url}/lti/launch"><input name="id_token" value="${form.get('id_token')}"><input name="state" value="${form.get('state')}"></form>`,
    );
    const again = page.waitForResponse((r) => r.url() === `${scene.courier.url}/lti/launch`);
    await page.evaluate('document.forms[0].submit()');
    assert.equal((await again).status(), 401);
    await page.getByText(/unknown, expired or already used/).waitFor();
    await page.close();
  });
});
