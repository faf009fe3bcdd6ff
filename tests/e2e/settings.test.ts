import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { importOk } from '../support/api.js';
import { scorm12SinglePackage } from '../support/scorm-packages.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '../support/test-courier.js';
import { launchBrowser } from '../support/browser.js';

describe('the Settings page in Chromium', () => {
  let courier: TestCourier;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  before(async () => {
    courier = await startTestCourier({ WEBHOOK_ALLOW_PRIVATE: 'true' });
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

  it('shows each webhook delivery attempt in the log as it happens, without a reload', async () => {
    // The receiver answers with whatever the test asks for next.
    const answers: number[] = [];
    const receiver: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(answers.shift() ?? 200).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as AddressInfo).port;
      const owner = await courier.ownerToken();
      const { createWebhookEndpoint } = await courier.gqlOk(
        'mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } } }',
        { i: { url: `http://127.0.0.1:${port}/hook`, events: ['registration.updated'] } },
        owner,
      );
      const endpointId = createWebhookEndpoint.endpoint.id;
      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByText('No deliveries yet.').waitFor();

      const send = () =>
        courier.gqlOk(
          'mutation($id: ID!) { sendTestWebhook(id: $id) { id } }',
          { id: endpointId },
          owner,
        );
      answers.push(200);
      await send();
      const rows = page.locator('.endpoint tbody tr');
      await rows.filter({ hasText: 'Delivered' }).waitFor();
      assert.equal(await rows.count(), 1);

      answers.push(500);
      await send();
      const failed = rows.filter({ hasText: 'HTTP 500' });
      await failed.waitFor();
      assert.equal(await failed.getByTestId('delivery-status').textContent(), 'Pending');
      assert.equal(await rows.count(), 2);
      assert.match((await rows.first().textContent())!, /HTTP 500/, 'the newest is on top');
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('lists a new API key and a new webhook endpoint at once, and revokes, tests and deletes them in place', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const keyForm = page.getByRole('form', { name: 'New API key' });
    await keyForm.locator('input[name=name]').fill('Listed key');
    await keyForm.getByRole('button', { name: 'Create API key' }).click();
    const key = page.locator('ul.list li').filter({ hasText: 'Listed key' });
    await key.waitFor();
    await key.getByRole('button', { name: 'Revoke' }).click();
    await key.getByText('revoked').waitFor();

    const receiver: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/listed`;
      const hookForm = page.getByRole('form', { name: 'New webhook endpoint' });
      await hookForm.locator('input[name=url]').fill(url);
      await hookForm.getByRole('button', { name: 'Add endpoint' }).click();
      const endpoint = page.locator('.endpoint').filter({ hasText: url });
      await endpoint.getByText('No deliveries yet.').waitFor();
      await endpoint.getByRole('button', { name: 'Send test event' }).click();
      await endpoint.locator('tbody tr').filter({ hasText: 'Delivered' }).waitFor();
      await endpoint.getByRole('button', { name: 'Delete' }).click();
      await endpoint.waitFor({ state: 'detached' });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    // What the page shows is what the server has.
    await page.reload();
    await page
      .locator('ul.list li')
      .filter({ hasText: 'Listed key' })
      .getByText('revoked')
      .waitFor();
    assert.equal(await page.locator('.endpoint').filter({ hasText: '/listed' }).count(), 0);
  });

  it('copies a new API key token and clears the API key and dispatch forms after Create', async () => {
    await importOk(
      courier,
      await courier.ownerToken(),
      await scorm12SinglePackage({ title: 'Forms course' }),
    );
    await page.getByRole('link', { name: 'Settings' }).click();
    const keyForm = page.getByRole('form', { name: 'New API key' });
    await keyForm.locator('input[name=name]').fill('HR sync');
    await keyForm.getByRole('button', { name: 'Create API key' }).click();
    const token = (await page.getByTestId('api-key-token').textContent())!;
    assert.match(token, /^ck_/);
    assert.equal(await keyForm.locator('input[name=name]').inputValue(), '');
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);

    await page.getByRole('link', { name: 'Dispatches' }).click();
    const dispatchForm = page.getByRole('form', { name: 'New dispatch' });
    await dispatchForm.locator('input[name=recipientName]').fill('Partner LMS');
    await dispatchForm.locator('input[name=maxLaunches]').fill('5');
    await dispatchForm.getByRole('button', { name: 'Create dispatch' }).click();
    await page.getByTestId('dispatch-secret').waitFor();
    assert.equal(await dispatchForm.locator('input[name=recipientName]').inputValue(), '');
    assert.equal(await dispatchForm.locator('input[name=maxLaunches]').inputValue(), '');
  });

  it('keeps the navigation to one row at phone width', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    await small.goto(courier.url);
    await small.evaluate(
      (t) => localStorage.setItem('courier.token', t),
      await courier.ownerToken(),
    );
    await small.reload();
    const nav = small.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Settings' }).waitFor();
    const box = (await nav.boundingBox())!;
    const link = (await nav.getByRole('link', { name: 'Overview' }).boundingBox())!;
    assert.ok(box.height < link.height * 2, `nav ${box.height}px tall, a link ${link.height}px`);
    assert.ok(box.width <= 390, `nav ${box.width}px wide`);
    const tops = await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `link tops: ${tops.join(', ')}`);
    await phone.close();
  });
});
