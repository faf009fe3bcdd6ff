import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LaunchScenario } from '../support/lti-platform.js';
import { startLtiScene, type LtiScene } from '../support/lti-scene.js';

describe('LTI 1.3: launches the tool refuses, in Chromium', () => {
  let scene: LtiScene;
  before(async () => {
    scene = await startLtiScene({ registerPlatform: true });
  });
  after(async () => {
    await scene?.stop();
  });

  const refusals: Array<[string, LaunchScenario, RegExp]> = [
    ['bad-signature', { forgeSignature: true }, /signature does not verify/],
    ['other-audience', { audience: 'someone-else' }, /audience is not our client id/],
    ['expired', { expiresIn: -300 }, /has expired/],
    ['unknown-deployment', { deploymentId: 'deployment-9' }, /deployment id is not registered/],
    ['replayed-nonce', { replayPrevious: true }, /nonce is not the one this login issued/],
  ];
  for (const [learner, scenario, reason] of refusals) {
    it(`refuses a launch with ${learner.replace('-', ' ')}, and counts nothing`, async () => {
      scene.platform.scenarios.set(learner, scenario);
      const before = (await scene.launches()).launchCount;
      const page = await scene.browser.newPage();
      const response = page.waitForResponse((r) => r.url() === `${scene.courier.url}/lti/launch`);
      await page.goto(scene.platform.startUrl(learner));
      assert.equal((await response).status(), 401);
      await page.getByText(reason).waitFor();
      assert.match(await page.locator('body').innerText(), /Code: UNAUTHENTICATED/);
      const after = await scene.launches();
      assert.equal(after.launchCount, before);
      assert.ok(!after.launches.edges.some((e: any) => e.node.learnerId === learner));
      await page.close();
    });
  }

  it('refuses launches of a revoked dispatch, naming why', async () => {
    await scene.courier.gqlOk(
      'mutation($id: ID!) { revokeDispatch(id: $id) { active } }',
      { id: scene.dispatchId },
      scene.token,
    );
    const page = await scene.browser.newPage();
    const response = page.waitForResponse((r) => r.url() === `${scene.courier.url}/lti/launch`);
    await page.goto(scene.platform.startUrl('learner-revoked'));
    assert.equal((await response).status(), 403);
    await page.getByText(/no longer available here/).waitFor();
    assert.match(await page.locator('body').innerText(), /Code: DISPATCH_REVOKED/);
    assert.ok(
      !(await scene.launches()).launches.edges.some(
        (e: any) => e.node.learnerId === 'learner-revoked',
      ),
    );
    await page.close();
  });
});
