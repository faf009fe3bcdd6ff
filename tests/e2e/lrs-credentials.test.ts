import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { launchBrowser } from '../support/browser.js';

describe('LRS credentials in the Settings page, in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let page: Page;
  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
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

  it('creates a credential whose secret is shown once and works against /xapi/, then revokes it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('No LRS credentials.').waitFor();
    const form = page.getByRole('form', { name: 'New LRS credential' });
    await form.locator('input[name=lrsName]').fill('Storyline courses');
    await form.locator('select[name=scope]').selectOption('WRITE');
    await form.getByRole('button', { name: 'Create LRS credential' }).click();
    const endpoint = (await page.getByTestId('lrs-endpoint').textContent())!;
    const key = (await page.getByTestId('lrs-key').textContent())!;
    const secret = (await page.getByTestId('lrs-secret').textContent())!;
    assert.equal(endpoint, `${courier.config.publicUrl}/xapi/`);
    await page.getByText(`Storyline courses · ${key} · write`).waitFor();

    const call = (method: string, body?: unknown) =>
      fetch(`${endpoint}statements`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
          'x-experience-api-version': '2.0.0',
          'content-type': 'application/json',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const statement = {
      actor: { mbox: 'mailto:ada@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'http://example.com/course' },
    };
    assert.equal((await call('POST', statement)).status, 200);
    assert.equal((await call('GET')).status, 403, 'a write-only credential cannot read');

    await page.reload();
    assert.equal(await page.getByTestId('lrs-secret').count(), 0, 'the secret is not shown again');
    const row = page.getByRole('listitem').filter({ hasText: 'Storyline courses' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('revoked').waitFor();
    assert.equal((await call('POST', statement)).status, 401);
  });
});
