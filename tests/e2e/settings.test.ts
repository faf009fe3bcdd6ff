import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '@courier/server/testing/test-courier.js';
import { launchBrowser } from '../support/browser.js';

describe('the Settings page in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  before(async () => {
    courier = await startTestCourier();
    browser = await launchBrowser();
    admin = await browser.newContext();
    await admin.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: courier.url });
    page = await admin.newPage();
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

  it('invites a user by link; the invitee sets a password, is signed in, and the link works once', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Invite user' });
    await form.locator('input[name=email]').fill('ivy@courier.test');
    await form.locator('select[name=role]').selectOption('ADMIN');
    await form.getByRole('button', { name: 'Invite' }).click();
    const link = (await page.getByTestId('invitation-link').textContent())!;
    assert.match(link, new RegExp(`^${courier.url}/invitation#ci_`));
    assert.equal(await form.locator('input[name=email]').inputValue(), '', 'the form resets');
    const pending = page.getByRole('list', { name: 'Pending invitations' });
    await pending.getByText('ivy@courier.test · admin').waitFor();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

    const invitee = await browser.newContext();
    const their = await invitee.newPage();
    await their.goto(link);
    await their.getByText('Courier invites ivy@courier.test as an admin').waitFor();
    await their.fill('input[name=password]', 'ivy-password-12');
    await their.fill('input[name=confirm]', 'ivy-password-13');
    await their.getByRole('button', { name: 'Set password and join' }).click();
    await their.getByRole('alert').filter({ hasText: 'The two passwords differ' }).waitFor();
    await their.fill('input[name=confirm]', 'ivy-password-12');
    await their.getByRole('button', { name: 'Set password and join' }).click();
    await their.getByTestId('stat-total').waitFor();
    await their.locator('.who').filter({ hasText: 'ivy@courier.test' }).waitFor();

    await their.goto(link);
    await their.getByRole('alert').filter({ hasText: 'no longer valid' }).waitFor();
    await invitee.close();

    await page.reload();
    await page.getByText('ivy@courier.test · admin').waitFor();
    assert.equal(await page.getByRole('list', { name: 'Pending invitations' }).count(), 0);
  });

  it('tells only the link holder that the email has an account, and revokes a pending link', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Invite user' });
    await form.locator('input[name=email]').fill(OWNER_EMAIL);
    await form.getByRole('button', { name: 'Invite' }).click();
    await page.getByTestId('invitation-link').filter({ hasText: '#ci_' }).waitFor();
    const link = (await page.getByTestId('invitation-link').textContent())!;
    const stranger = await browser.newContext();
    const their = await stranger.newPage();
    await their.goto(link);
    await their.getByText(`${OWNER_EMAIL} already has a Courier account`).waitFor();
    await their.getByRole('link', { name: 'Sign in' }).waitFor();

    const pending = page.getByRole('list', { name: 'Pending invitations' });
    await pending.getByRole('button', { name: 'Revoke' }).click();
    await pending.waitFor({ state: 'detached' });
    await their.reload();
    await their.getByRole('alert').filter({ hasText: 'no longer valid' }).waitFor();
    await stranger.close();
  });
});
