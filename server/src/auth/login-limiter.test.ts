import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  OWNER_EMAIL,
  OWNER_PASSWORD,
  startTestCourier,
  type TestCourier,
} from '@courier/tests/support/test-courier.js';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';

describe('the login limiter', () => {
  let courier: TestCourier;
  /** A sign-in from `address` (the server trusts X-Forwarded-For here); the error code or 'ok'. */
  const signIn = async (address: string, email: string, password: string) => {
    const res = await fetch(`${courier.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query: LOGIN, variables: { e: email, p: password } }),
    });
    const body = (await res.json()) as {
      data?: { login?: { token: string } } | null;
      errors?: Array<{ extensions?: { code?: string } }>;
    };
    return body.data?.login?.token ? 'ok' : (body.errors?.[0]?.extensions?.code ?? 'none');
  };

  before(async () => {
    // Small limits: every checked guess costs a real scrypt hash.
    courier = await startTestCourier({
      TRUST_PROXY: 'true',
      LOGIN_ATTEMPTS_PER_ADDRESS: '8',
      LOGIN_ATTEMPTS_PER_ACCOUNT_ADDRESS: '4',
      LOGIN_ATTEMPTS_PER_ACCOUNT: '6',
    });
  });
  after(async () => {
    await courier.stop();
  });

  it('checks no more passwords than the limit for 300 concurrent guesses from one address, and lets the owner in from theirs', async () => {
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        signIn('203.0.113.1', OWNER_EMAIL, `wrong-guess-${i}-xyz`),
      ),
    );
    // Every UNAUTHENTICATED answer is a password checked; RATE_LIMITED ones were not.
    const checked = answers.filter((a) => a === 'UNAUTHENTICATED').length;
    assert.ok(checked > 0);
    assert.ok(
      checked <= courier.config.loginLimits.perAccountAddress,
      `${checked} passwords checked, more than ${courier.config.loginLimits.perAccountAddress}`,
    );
    assert.equal(answers.filter((a) => a === 'RATE_LIMITED').length, 300 - checked);
    // The right password from the attacker's address is refused too, unchecked.
    assert.equal(await signIn('203.0.113.1', OWNER_EMAIL, OWNER_PASSWORD), 'RATE_LIMITED');
    assert.equal(await signIn('198.51.100.7', OWNER_EMAIL, OWNER_PASSWORD), 'ok');
  });

  it('bounds guesses spread over many addresses, yet never shuts the user out of an address they use', async () => {
    const owner = await courier.ownerToken();
    await courier.addUser(owner, {
      email: 'carol@courier.test',
      password: 'carol-password-1',
      role: 'VIEWER',
    });
    assert.equal(await signIn('198.51.100.20', 'carol@courier.test', 'carol-password-1'), 'ok');
    const spread = courier.config.loginLimits.perAccount + 10;
    const answers = await Promise.all(
      Array.from({ length: spread }, (_, i) =>
        signIn(`192.0.2.${i + 1}`, 'carol@courier.test', `wrong-guess-${i}-xyz`),
      ),
    );
    assert.equal(
      answers.filter((a) => a === 'UNAUTHENTICATED').length,
      courier.config.loginLimits.perAccount,
    );
    assert.equal(
      await signIn('192.0.2.250', 'carol@courier.test', 'carol-password-1'),
      'RATE_LIMITED',
    );
    assert.equal(await signIn('198.51.100.20', 'carol@courier.test', 'carol-password-1'), 'ok');
  });

  it('counts the address the proxy saw, not hops the client invents in front of it', async () => {
    // A proxy appends the address it saw; whatever comes before it is the client's to choose.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(`10.9.${i}.1, 203.0.113.50`, OWNER_EMAIL, `invented-hop-${i}-xyz`),
      ),
    );
    const checked = answers.filter((a) => a === 'UNAUTHENTICATED').length;
    assert.ok(
      checked <= courier.config.loginLimits.perAccountAddress,
      `${checked} passwords checked for one real address`,
    );
  });
});
