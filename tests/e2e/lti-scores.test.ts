import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { eventually } from '../support/browser.js';
import { startLtiScene, type LtiScene } from '../support/lti-scene.js';

describe('LTI 1.3: deep linking and scores to a platform that was down, in Chromium', () => {
  let scene: LtiScene;
  before(async () => {
    scene = await startLtiScene({ registerPlatform: true });
  });
  after(async () => {
    await scene?.stop();
  });

  it('lets the teacher pick the course by deep linking, answered with a signed response', async () => {
    scene.platform.scenarios.set('teacher-1', { deepLinking: true });
    const page = await scene.browser.newPage();
    await page.goto(scene.platform.startUrl('teacher-1'));
    await page.getByRole('button', { name: /Add “LTI course”/ }).click();
    await page.locator('#added').waitFor();
    const response = scene.platform.deepLinkResponses[0]!;
    assert.equal(
      response['https://purl.imsglobal.org/spec/lti/claim/message_type'],
      'LtiDeepLinkingResponse',
    );
    assert.equal(response['https://purl.imsglobal.org/spec/lti/claim/version'], '1.3.0');
    assert.equal(
      response['https://purl.imsglobal.org/spec/lti/claim/deployment_id'],
      scene.platform.deploymentId,
    );
    assert.equal(
      response['https://purl.imsglobal.org/spec/lti-dl/claim/data'],
      'opaque-platform-data',
    );
    assert.deepEqual(response['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'], [
      {
        type: 'ltiResourceLink',
        title: 'LTI course',
        url: `${scene.courier.url}/lti/launch`,
        lineItem: { scoreMaximum: 100, label: 'LTI course' },
      },
    ]);
    // Deep linking launches no learner.
    assert.ok(
      !(await scene.launches()).launches.edges.some((e: any) => e.node.learnerId === 'teacher-1'),
    );
    await page.close();
  });

  it('delivers the score once a platform that was down is back', async () => {
    scene.platform.down = true;
    const page = await scene.browser.newPage();
    await scene.play(page, 'learner-down');
    const failing = await eventually(
      async () => {
        const d = await scene.launches();
        const node = d.launches.edges.find((e: any) => e.node.learnerId === 'learner-down')?.node;
        const latest = node?.ltiScores[0];
        return latest?.activityProgress === 'Completed' && latest.lastError && latest;
      },
      15_000,
      'a failed attempt to be recorded',
    );
    assert.equal(failing.status, 'PENDING');
    assert.match(failing.lastError, /HTTP 503/);
    assert.ok(!scene.platform.scores.some((s) => s.body['userId'] === 'learner-down'));
    scene.platform.down = false;
    // The retry is due after its backoff (30 s and more); bring it forward instead of waiting.
    await scene.courier.services.orm.em
      .fork()
      .getConnection()
      .execute(`UPDATE lti_score_deliveries SET next_attempt_at = now() WHERE status = 'PENDING'`);
    scene.courier.services.lti.scores.poke();
    const score = await eventually(
      async () =>
        scene.platform.scores.find(
          (s) => s.body['userId'] === 'learner-down' && s.body['activityProgress'] === 'Completed',
        ),
      15_000,
      'the score after the platform came back',
    );
    assert.equal(score.body['scoreGiven'], 90);
    await page.close();
  });
});
