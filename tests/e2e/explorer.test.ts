import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { eventually, launchBrowser } from '../support/browser.js';

describe('the GraphQL explorer in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await courier?.stop();
  });

  it('sends a browser opening /graphql to the bundled explorer', async () => {
    const res = await fetch(`${courier.url}/graphql`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
      redirect: 'manual',
    });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/explorer/');
  });

  it('runs a query with the signed-in session, loading nothing from another origin', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(courier.url) && !req.url().startsWith('data:'))
        foreign.push(req.url());
    });
    await page.goto(courier.url);
    await page.fill('input[name=email]', OWNER_EMAIL);
    await page.fill('input[name=password]', OWNER_PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('link', { name: 'API explorer' }).click();
    await page.waitForURL(/\/explorer\/$/);
    // GraphiQL fills its editor and loads the schema after mounting: under load, a click before
    // then runs nothing, so click again until the answer shows (with a deadline).
    const result = page.locator('.result-window');
    await eventually(
      async () => {
        await page.getByRole('button', { name: /execute query/i }).click();
        await result.getByText('"Courier"').waitFor({ timeout: 3000 });
        return true;
      },
      45_000,
      'the explorer to answer the query',
    );
    assert.deepEqual(foreign, []);
    await context.close();
  });

  it('sends a visitor without a session to sign in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${courier.url}/graphql`);
    await page.waitForURL(`${courier.url}/`);
    await page.locator('input[name=email]').waitFor();
    await context.close();
  });
});
