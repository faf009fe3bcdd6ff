import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { commit, importOk, registerAndLaunch } from '../support/api.js';
import { forcedSequentialPackage } from '../support/scorm-packages.js';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { launchBrowser } from '../support/browser.js';

describe('the learner page of a sequenced course in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let page: Page;
  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    page = await browser.newPage();
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

  it('shows a sequenced learner’s activity tree: status, attempts, measure and objectives', async () => {
    const token = await courier.ownerToken();
    const courseId = await importOk(courier, token, await forcedSequentialPackage());
    const launch = await registerAndLaunch(courier, token, courseId, {
      id: 'tree-1',
      name: 'Grace Hopper',
    });
    const send = async (
      seq: number,
      scoId: string,
      cmi: Record<string, string>,
      finished: boolean,
    ) =>
      assert.equal(
        (await commit(courier, launch, seq, cmi, { scoId, finished })).errors,
        undefined,
      );
    await send(
      1,
      'playing_item',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'passed',
        'cmi.exit': 'normal',
      },
      true,
    );
    await send(
      2,
      'assessment_item',
      {
        'cmi.completion_status': 'completed',
        'cmi.success_status': 'failed',
        'cmi.score.scaled': '0.4',
        'cmi.exit': 'normal',
      },
      true,
    );
    await send(
      3,
      'etiquette_item',
      {
        'cmi.completion_status': 'incomplete',
        'cmi.exit': 'suspend',
      },
      true,
    );

    await page.goto(`${courier.url}/registrations/${launch.registrationId}`);
    const tree = page.getByTestId('activity-tree');
    await tree.waitFor();
    assert.equal(await tree.getByTestId('suspended-activity').textContent(), 'etiquette_item');
    const root = tree.getByTestId('tree-golf_org');
    // The SN default rollup waits for every item: two are never attempted, so nothing is decided.
    assert.equal(await root.getByTestId('tree-status').first().textContent(), ' Not known');
    const playing = root.getByTestId('tree-playing_item');
    assert.equal(await playing.getByTestId('tree-status').textContent(), ' Completed · Satisfied');
    assert.equal(await playing.getByTestId('tree-attempts').textContent(), ' · 1 attempt');
    const objectives = (await playing.getByTestId('objectives-playing_item').textContent()) ?? '';
    assert.match(objectives, /playing_satisfied \(primary\)Satisfied/);
    assert.match(objectives, /com\.courier\.test\.forcedsequential\.playing_satisfied/);
    const quiz = root.getByTestId('tree-assessment_item');
    assert.equal(await quiz.getByTestId('tree-status').textContent(), ' Completed · Not satisfied');
    assert.equal(await quiz.getByTestId('tree-measure').textContent(), ' · measure 40%');
    const etiquette = root.getByTestId('tree-etiquette_item');
    assert.match((await etiquette.textContent()) ?? '', /suspended/);
    assert.equal(
      await root.getByTestId('tree-handicapping_item').getByTestId('tree-attempts').textContent(),
      ' · 0 attempts',
    );
  });
});
