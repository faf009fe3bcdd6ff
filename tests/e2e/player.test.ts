import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importOk, registerAndLaunch } from '../support/api.js';
import {
  scorm12AssetPackage,
  scorm12Package,
  scorm12SinglePackage,
  scorm2004Package,
} from '../support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '../support/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

const REGISTRATION = `query($id: ID!) { registration(id: $id) { status progress progressSource canResume resumePoint timeSpentSeconds score { raw scaled } launchCount } }`;

describe('the player in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  const registration = async (id: string) =>
    (await courier.gqlOk(REGISTRATION, { id }, token)).registration;
  const sco = (page: Page) => page.frameLocator('[data-testid=player-frame]');
  const relaunch = async (registrationId: string) =>
    (
      await courier.gqlOk(
        'mutation($id: ID!) { launchRegistration(id: $id) { url } }',
        { id: registrationId },
        token,
      )
    ).launchRegistration.url as string;

  it('plays a SCORM 1.2 SCO, keeps a suspended session when the tab closes, and resumes it', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Resume me', masteryScore: 80 }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, {
      id: 'e2e-1',
      name: 'Grace Hopper',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.equal(await sco(page).locator('#entry').textContent(), 'ab-initio');
    assert.equal(await sco(page).locator('#learner').textContent(), 'Grace Hopper');
    await sco(page).locator('#location-input').fill('page-7');
    await sco(page).locator('#set-location').click();
    await sco(page).locator('#suspend').click();
    // Closing the tab without LMSFinish: the player's pagehide beacon carries what was set.
    await page.close({ runBeforeUnload: true });
    const left = await eventually(
      async () => {
        const r = await registration(launch.registrationId);
        return r.resumePoint === 'page-7' && r;
      },
      10_000,
      'the beacon to arrive',
    );
    assert.equal(left.status, 'IN_PROGRESS');
    assert.equal(left.canResume, true);

    const again = await context.newPage();
    await again.goto(await relaunch(launch.registrationId));
    await sco(again).locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.equal(await sco(again).locator('#entry').textContent(), 'resume');
    assert.equal(await sco(again).locator('#location').textContent(), 'page-7');
    assert.equal(await sco(again).locator('#suspend-data').textContent(), 'state-page-7');
    await sco(again).locator('#pass').click();
    await sco(again).locator('#finish').click();
    const done = await eventually(
      async () => {
        const r = await registration(launch.registrationId);
        return r.status === 'PASSED' && r;
      },
      10_000,
      'the finish commit',
    );
    assert.equal(done.score.raw, 90);
    assert.equal(done.canResume, false);
    assert.ok(done.timeSpentSeconds >= 1);
    assert.equal(done.launchCount, 2);
    await context.close();
  });

  it('counts the time of a session the content never finished', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Never finished' }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-unfinished' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    await sco(page).locator('#set-location').click();
    await sco(page).locator('#commit').click();
    await eventually(async () => (await registration(launch.registrationId)).resumePoint);
    // The learner stays a while, then closes the tab; the content neither finishes nor commits.
    const opened = Date.now();
    await page.waitForFunction((since) => Date.now() - since >= 2_000, opened);
    await page.close({ runBeforeUnload: true });
    const left = await eventually(
      async () => {
        const r = await registration(launch.registrationId);
        return r.timeSpentSeconds >= 2 && r;
      },
      10_000,
      'the session time to arrive',
    );
    assert.equal(left.status, 'IN_PROGRESS');
    assert.equal(left.resumePoint, 'page-2');
  });

  it('plays a SCORM 2004 SCO to completion', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm2004Package({ title: 'Twenty oh four' }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-2004' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    await sco(page).locator('#complete').click();
    await sco(page).locator('#finish').click();
    // The SCO reports completion but no success status and ends normally: by the SN book's End
    // Attempt Process (objectiveSetByContent defaults to false) its objective is then satisfied.
    const done = await eventually(async () => {
      const r = await registration(launch.registrationId);
      return r.status === 'PASSED' && r;
    });
    assert.equal(done.progress, 1);
    await page.close();
  });

  it('sends a commit made while the server cannot be reached once it can', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Offline' }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-offline' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await sco(page).locator('#location-input').fill('offline-page');
    await sco(page).locator('#set-location').click();
    await sco(page).locator('#commit').click();
    await page.locator('[data-testid=save-status][data-state=offline]').waitFor();
    assert.equal((await registration(launch.registrationId)).resumePoint, null);
    await page.unroute('**/graphql');
    await eventually(
      async () => (await registration(launch.registrationId)).resumePoint === 'offline-page',
      20_000,
      'the retried commit',
    );
    await page.locator('[data-testid=save-status][data-state=saved]').waitFor();
    await page.close();
  });

  it('moves through a multi-SCO course, starting at the first item not yet complete', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12Package({ title: 'Three lessons', scoCount: 3 }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-multi' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('h1').filter({ hasText: 'Lesson 1' }).waitFor();
    await sco(page).locator('#complete').click();
    await sco(page).locator('#finish').click();
    await page.locator('[data-testid=item-item_2]').click();
    await sco(page).locator('h1').filter({ hasText: 'Lesson 2' }).waitFor();
    await eventually(async () => (await registration(launch.registrationId)).progress !== null);
    const midway = await registration(launch.registrationId);
    assert.equal(midway.status, 'IN_PROGRESS');
    assert.equal(midway.progressSource, 'SCOS');
    assert.ok(Math.abs(midway.progress - 1 / 3) < 0.01);
    await page.close();

    const next = await browser.newPage();
    await next.goto(await relaunch(launch.registrationId));
    await sco(next).locator('h1').filter({ hasText: 'Lesson 2' }).waitFor();
    await next.close();
  });

  it('tells SCORM 2004 content which navigation requests would work', async () => {
    const courseId = await importOk(courier, token, await scorm2004Package({ scoCount: 3 }));
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-nav-valid' });
    const page = await browser.newPage();
    const valid = () =>
      page.evaluate(() => {
        const api = (window as unknown as { API_1484_11: { GetValue(e: string): string } })
          .API_1484_11;
        return ['continue', 'previous', 'choice.{target=item_3}', 'choice.{target=elsewhere}'].map(
          (request) => api.GetValue(`adl.nav.request_valid.${request}`),
        );
      });
    try {
      await page.goto(launch.url);
      await sco(page).locator('h1').filter({ hasText: 'Topic 1' }).waitFor();
      await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
      assert.deepEqual(await valid(), ['true', 'false', 'true', 'false'], 'on the first item');
      await page.locator('[data-testid=item-item_3]').click();
      await sco(page).locator('h1').filter({ hasText: 'Topic 3' }).waitFor();
      await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
      assert.deepEqual(await valid(), ['false', 'true', 'true', 'false'], 'on the last item');
    } finally {
      await page.close();
    }
  });

  it('keeps to the order a course asks for (controlMode choice="false" forwardOnly="true")', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm2004Package({
        scoCount: 3,
        controlMode: 'choice="false" flow="true" forwardOnly="true"',
      }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-ordered' });
    const page = await browser.newPage();
    const locked = (id: string) =>
      page.locator(`[data-testid=item-${id}]`).getAttribute('aria-disabled');
    const request = async (value: string) => {
      await sco(page).locator('#element-input').fill('adl.nav.request');
      await sco(page).locator('#value-input').fill(value);
      await sco(page).locator('#set-any').click();
      await sco(page).locator('#finish').click();
    };
    try {
      await page.goto(launch.url);
      await sco(page).locator('h1').filter({ hasText: 'Topic 1' }).waitFor();
      assert.equal(await locked('item_3'), 'true');
      await page.locator('[data-testid=item-item_3]').click({ force: true });
      await page.waitForTimeout(300);
      assert.equal(
        await sco(page).locator('h1').textContent(),
        'Topic 1',
        'a locked item stays shut',
      );
      await page.locator('#next-item').click();
      await sco(page).locator('h1').filter({ hasText: 'Topic 2' }).waitFor();
      await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
      assert.equal(await locked('item_1'), 'true', 'behind the learner, forward only');
      assert.equal(await page.locator('#prev-item').isDisabled(), true, 'no going back');
      await page
        .locator('[data-testid=reason-item_1]')
        .filter({ hasText: 'taken in order' })
        .waitFor();
      const valid = await page.evaluate(() => {
        const api = (window as unknown as { API_1484_11: { GetValue(e: string): string } })
          .API_1484_11;
        return [
          'continue',
          'previous',
          'choice.{target=item_3}',
          'choice.{target=item_1}',
          'jump.{target=item_1}',
        ].map((r) => api.GetValue(`adl.nav.request_valid.${r}`));
      });
      assert.deepEqual(valid, ['true', 'false', 'false', 'false', 'true']);

      // The content's own choice is held to the same order; its jump is its own way.
      await request('{target=item_3}choice');
      await page.waitForTimeout(500);
      assert.equal(await sco(page).locator('h1').textContent(), 'Topic 2');
      await page.locator('[data-testid=item-item_2]').click();
      await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
      await request('{target=item_1}jump');
      await sco(page).locator('h1').filter({ hasText: 'Topic 1' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('records what a SCO says from its unload handler for that SCO, not the next', async () => {
    const courseId = await importOk(
      courier,
      token,
      await scorm12Package({ title: 'Unload lessons', scoCount: 3 }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-unload' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('h1').filter({ hasText: 'Lesson 1' }).waitFor();
    await sco(page).locator('#complete-on-unload').click();
    await page.locator('[data-testid=item-item_2]').click();
    await sco(page).locator('h1').filter({ hasText: 'Lesson 2' }).waitFor();
    await page.locator('[data-testid=item-item_1].completed').waitFor();
    assert.equal(await page.locator('[data-testid=item-item_2]').textContent(), 'Lesson 2');
    await eventually(async () => (await registration(launch.registrationId)).progress !== null);
    assert.ok(Math.abs((await registration(launch.registrationId)).progress - 1 / 3) < 0.01);
    await page.close();

    // Lesson 1 is the one complete: the next launch starts at Lesson 2.
    const next = await browser.newPage();
    await next.goto(await relaunch(launch.registrationId));
    await sco(next).locator('h1').filter({ hasText: 'Lesson 2' }).waitFor();
    await next.close();
  });

  it('sends only the values the runtime accepted', async () => {
    // scorm-again tells the content a read-only element or a 1.2 location past 255 characters
    // failed; the server must not get them (stored as if accepted, or refusing the commit).
    const courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Odd' }));
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-refused' });
    const page = await browser.newPage();
    const sent: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.postData()?.includes('commitRuntime'))
        sent.push(r.postData()!);
    });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    const setAny = async (element: string, value: string) => {
      await sco(page).locator('#element-input').fill(element);
      await sco(page).locator('#value-input').fill(value);
      await sco(page).locator('#set-any').click();
    };
    await setAny('cmi.core.lesson_location', 'x'.repeat(300));
    await setAny('cmi.core.student_name', 'Someone Else');
    await sco(page).locator('#log li').nth(-1).filter({ hasText: '= false' }).waitFor();
    await sco(page).locator('#location-input').fill('page-3');
    await sco(page).locator('#set-location').click();
    await sco(page).locator('#commit').click();
    await eventually(
      async () => (await registration(launch.registrationId)).resumePoint === 'page-3',
    );
    assert.equal(sent.length, 1);
    assert.doesNotMatch(sent[0]!, /xxxx|student_name/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('keeps a 4th-edition shared data store across SCOs and launches', async () => {
    // Golf's 4th-edition example keeps the learner's notes in adl.data, mapped by every SCO.
    const courseId = await importOk(
      courier,
      token,
      await scorm2004Package({ scoCount: 2, sharedDataTarget: 'com.example.notes' }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-shared' });
    const store = (page: Page) =>
      page.evaluate(() => {
        const api = (window as unknown as { API_1484_11: { GetValue(e: string): string } })
          .API_1484_11;
        return [
          api.GetValue('adl.data._count'),
          api.GetValue('adl.data.0.id'),
          api.GetValue('adl.data.0.store'),
        ];
      });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.deepEqual(await store(page), ['1', 'com.example.notes', '']);
    await sco(page).locator('#element-input').fill('adl.data.0.store');
    await sco(page).locator('#value-input').fill('my notes');
    await sco(page).locator('#set-any').click();
    await sco(page).locator('#complete').click();
    await sco(page).locator('#finish').click();
    await page.locator('#next-item').click();
    await sco(page).locator('h1').filter({ hasText: 'Topic 2' }).waitFor();
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.deepEqual(await store(page), ['1', 'com.example.notes', 'my notes']);
    await eventually(async () => (await registration(launch.registrationId)).progress === 0.5);
    await page.close();
    const again = await browser.newPage();
    await again.goto(await relaunch(launch.registrationId));
    await sco(again).locator('h1').filter({ hasText: 'Topic 2' }).waitFor();
    await sco(again).locator('#api').filter({ hasText: 'found' }).waitFor();
    assert.deepEqual(await store(again), ['1', 'com.example.notes', 'my notes']);
    await again.close();
  });

  it('gives the SCO the whole width beside the menu, or all of it without one', async () => {
    // Authoring tools' players (iSpring, Rise, golf examples) size themselves to the frame: a
    // frame left at the iframe default of 300px shows them squeezed into a column.
    const widthOf = async (zip: Buffer, learner: string) => {
      const courseId = await importOk(courier, token, zip);
      const launch = await registerAndLaunch(courier, token, courseId, { id: learner });
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(launch.url);
      await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
      const frame = await page.locator('[data-testid=player-frame]').boundingBox();
      const menu = await page.locator('#player-nav').boundingBox();
      await page.close();
      return { frame: frame!, menu };
    };
    const single = await widthOf(await scorm2004Package({ title: 'Wide' }), 'e2e-wide-1');
    assert.equal(single.menu, null);
    assert.equal(single.frame.width, 1280);
    assert.ok(single.frame.height > 700, `frame height ${single.frame.height}`);
    const multi = await widthOf(await scorm12Package({ scoCount: 2 }), 'e2e-wide-2');
    assert.ok(multi.menu);
    assert.equal(multi.frame.x, multi.menu.width);
    assert.equal(multi.frame.width, 1280 - multi.menu.width);
  });

  it('completes a course of assets as the learner opens each page', async () => {
    const courseId = await importOk(courier, token, await scorm12AssetPackage(2));
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-assets' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('h1').filter({ hasText: 'Page 1' }).waitFor();
    const midway = await eventually(async () => {
      const r = await registration(launch.registrationId);
      return r.progress !== null && r;
    });
    assert.equal(midway.status, 'IN_PROGRESS');
    assert.equal(midway.progress, 0.5);
    await page.locator('#next-item').click();
    await sco(page).locator('h1').filter({ hasText: 'Page 2' }).waitFor();
    const done = await eventually(async () => {
      const r = await registration(launch.registrationId);
      return r.status === 'COMPLETED' && r;
    });
    assert.equal(done.progress, 1);
    await page.locator('[data-testid=item-page_1].completed').waitFor();
    await page.close();
  });

  it('moves through items hidden from the menu with Next and adl.nav.request', async () => {
    // Flow-only sequencing (golf's remediation example) hides every item from the menu.
    const courseId = await importOk(
      courier,
      token,
      await scorm2004Package({ scoCount: 3, hiddenWrapper: true }),
    );
    const launch = await registerAndLaunch(courier, token, courseId, { id: 'e2e-flow' });
    const page = await browser.newPage();
    await page.goto(launch.url);
    await sco(page).locator('h1').filter({ hasText: 'Topic 1' }).waitFor();
    assert.equal(await page.locator('#item-menu li').count(), 0);
    await page.locator('#next-item').click();
    await sco(page).locator('h1').filter({ hasText: 'Topic 2' }).waitFor();
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    await sco(page).locator('#nav-continue').click();
    await sco(page).locator('h1').filter({ hasText: 'Topic 3' }).waitFor();
    await sco(page).locator('#api').filter({ hasText: 'found' }).waitFor();
    await sco(page).locator('#nav-previous').click();
    await sco(page).locator('h1').filter({ hasText: 'Topic 2' }).waitFor();
    await page.close();
  });

  it('shows a plain message for a link that is not valid', async () => {
    const page = await browser.newPage();
    await page.goto(`${courier.url}/player/#token=not-a-token`);
    await page.locator('#player-error').filter({ hasText: 'not valid' }).waitFor();
    await page.close();
  });
});
