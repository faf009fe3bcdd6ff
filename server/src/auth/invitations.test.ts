import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  OWNER_EMAIL,
  startTestCourier,
  type TestCourier,
} from '@courier/tests/support/test-courier.js';

const INVITE =
  'mutation($i: InviteUserInput!) { inviteUser(input: $i) { url token invitation { id email role expiresAt acceptedAt revokedAt } } }';
const PREVIEW =
  'query($t: String!) { invitation(token: $t) { email role organizationName accountExists expiresAt } }';
const ACCEPT =
  'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { email role organization { name } } } }';

interface Invited {
  url: string;
  token: string;
  invitation: { id: string; email: string; role: string; expiresAt: string };
}

describe('invitations', () => {
  let courier: TestCourier;
  let owner: string;
  let otherAdmin: string;
  before(async () => {
    courier = await startTestCourier();
    owner = await courier.ownerToken();
    await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: { name: 'Beta', adminEmail: 'admin@beta.test', adminPassword: 'beta-password-1' },
      },
      owner,
    );
    otherAdmin = (
      await courier.gqlOk(
        'mutation { login(email: "admin@beta.test", password: "beta-password-1") { token } }',
      )
    ).login.token;
  });
  after(async () => {
    await courier.stop();
  });

  const invite = async (email: string, token = owner, role = 'VIEWER') =>
    (await courier.gqlOk<{ inviteUser: Invited }>(INVITE, { i: { email, role } }, token))
      .inviteUser;

  /** An answer with what differs by nature (ids, secrets, times, the address) taken out. */
  const shape = (answer: unknown, email: string) =>
    JSON.stringify(answer)
      .replaceAll(email, '<email>')
      .replace(/ci_[A-Za-z0-9_-]+/g, '<token>')
      .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>');

  it('answers every tenant the same whether or not the email has an account anywhere', async () => {
    const cases = [
      { inviter: owner, email: 'admin@beta.test' },
      { inviter: owner, email: 'nobody@nowhere.test' },
      { inviter: otherAdmin, email: OWNER_EMAIL },
      { inviter: otherAdmin, email: 'someone-else@nowhere.test' },
    ];
    const answers = [];
    for (const { inviter, email } of cases) {
      const raw = await courier.gql(INVITE, { i: { email, role: 'ADMIN' } }, inviter);
      answers.push(shape(raw, email));
    }
    assert.equal(new Set(answers).size, 1, answers.join('\n'));
    assert.doesNotMatch(answers[0]!, /errors|exists/);
    const beta = await courier.gqlOk('{ users { email } invitations { email } }', {}, otherAdmin);
    assert.deepEqual(beta.invitations.map((i: { email: string }) => i.email).sort(), [
      OWNER_EMAIL,
      'someone-else@nowhere.test',
    ]);
    assert.deepEqual(beta.users, [{ email: 'admin@beta.test' }]);
  });

  it('lets the invitee set their own password through a one-time link and signs them in', async () => {
    const invited = await invite('dana@courier.test', owner, 'ADMIN');
    assert.equal(invited.url, `${courier.config.publicUrl}/invitation#${invited.token}`);
    const days = (Date.parse(invited.invitation.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `expires in ${days} days`);
    const rows = await courier.services.orm.em
      .fork()
      .execute('select token_hash from invitations where id = ?', [invited.invitation.id]);
    assert.equal(rows[0]?.token_hash, createHash('sha256').update(invited.token).digest('hex'));

    const preview = await courier.gqlOk(PREVIEW, { t: invited.token });
    assert.deepEqual(
      { ...preview.invitation, expiresAt: undefined },
      {
        email: 'dana@courier.test',
        role: 'ADMIN',
        organizationName: 'Courier',
        accountExists: false,
        expiresAt: undefined,
      },
    );
    const short = await courier.gql(ACCEPT, { t: invited.token, p: 'short' });
    assert.equal(short.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(short.errors?.[0]?.message ?? '', /at least 10 characters/);

    const accepted = await courier.gqlOk(ACCEPT, { t: invited.token, p: 'dana-password-1' });
    assert.deepEqual(accepted.acceptInvitation.user, {
      email: 'dana@courier.test',
      role: 'ADMIN',
      organization: { name: 'Courier' },
    });
    const me = await courier.gqlOk('{ me { email } }', {}, accepted.acceptInvitation.token);
    assert.equal(me.me.email, 'dana@courier.test');
    const login = await courier.gqlOk(
      'mutation { login(email: "dana@courier.test", password: "dana-password-1") { token } }',
    );
    assert.ok(login.login.token);

    const again = await courier.gql(ACCEPT, { t: invited.token, p: 'another-password' });
    assert.equal(again.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(again.errors?.[0]?.message ?? '', /no longer valid/);
    assert.equal((await courier.gqlOk(PREVIEW, { t: invited.token })).invitation, null);
    const pending = await courier.gqlOk('{ invitations { email } }', {}, owner);
    assert.equal(
      pending.invitations.some((i: { email: string }) => i.email === 'dana@courier.test'),
      false,
    );
  });

  it('refuses a revoked link and an expired one, creating no user', async () => {
    const revoked = await invite('erin@courier.test');
    const revoke = await courier.gqlOk(
      'mutation($id: ID!) { revokeInvitation(id: $id) { id revokedAt } }',
      { id: revoked.invitation.id },
      owner,
    );
    assert.ok(revoke.revokeInvitation.revokedAt);
    const expired = await invite('frank@courier.test');
    await courier.services.orm.em
      .fork()
      .execute("update invitations set expires_at = now() - interval '1 second' where id = ?", [
        expired.invitation.id,
      ]);
    for (const { token } of [revoked, expired]) {
      assert.equal((await courier.gqlOk(PREVIEW, { t: token })).invitation, null);
      const refused = await courier.gql(ACCEPT, { t: token, p: 'a-fine-password' });
      assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
      assert.match(refused.errors?.[0]?.message ?? '', /no longer valid/);
    }
    const unknown = await courier.gql(ACCEPT, { t: `ci_${'A'.repeat(43)}`, p: 'a-fine-password' });
    assert.equal(unknown.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const { users, invitations } = await courier.gqlOk(
      '{ users { email } invitations { email } }',
      {},
      owner,
    );
    const emails = [...users, ...invitations].map((u: { email: string }) => u.email);
    assert.equal(
      emails.includes('erin@courier.test') || emails.includes('frank@courier.test'),
      false,
    );
  });

  it('tells only the link holder that the email has an account, and changes nothing', async () => {
    const invited = await invite('admin@beta.test');
    const preview = await courier.gqlOk(PREVIEW, { t: invited.token });
    assert.equal(preview.invitation.accountExists, true);
    const refused = await courier.gql(ACCEPT, { t: invited.token, p: 'a-fine-password' });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(refused.errors?.[0]?.message ?? '', /already exists; sign in/);
    const beta = await courier.gqlOk(
      'mutation { login(email: "admin@beta.test", password: "beta-password-1") { user { organization { name } } } }',
    );
    assert.equal(beta.login.user.organization.name, 'Beta');
    // The refusal rolled back: the invitation is still pending, for the admin to revoke.
    assert.ok((await courier.gqlOk(PREVIEW, { t: invited.token })).invitation);
  });

  it('refuses viewers, the OWNER role and malformed tokens', async () => {
    const viewer = await courier.addUser(owner, {
      email: 'gina@courier.test',
      password: 'gina-password-1',
      role: 'VIEWER',
    });
    const asViewer = await courier.gql(
      INVITE,
      { i: { email: 'x@courier.test', role: 'VIEWER' } },
      viewer.token,
    );
    assert.equal(asViewer.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const asOwnerRole = await courier.gql(
      INVITE,
      { i: { email: 'y@courier.test', role: 'OWNER' } },
      owner,
    );
    assert.equal(asOwnerRole.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const malformed = await courier.gql(PREVIEW, { t: 'x'.repeat(5000) });
    assert.equal(malformed.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal(malformed.errors?.[0]?.message.includes('xxxxxxxxxx'), false);
  });
});
