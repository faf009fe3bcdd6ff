import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { importOk } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { checkPlatform } from './check-platform.js';
import { LtiPlatform, LtiToolKey } from './lti.entity.js';
import { Claims } from './lti-vocabulary.js';
import { PlatformKeys } from './platform-keys.js';
import { ToolKeys } from './tool-keys.js';
import { verifyIdToken } from './verify-id-token.js';

const PLATFORM = {
  issuer: 'https://lms.example.test',
  clientId: 'client-1',
  deploymentIds: ['dep-1'],
  authorizationUrl: 'http://127.0.0.1:9/auth',
  tokenUrl: 'http://127.0.0.1:9/token',
  jwksUrl: 'http://127.0.0.1:9/jwks',
};
const SET_PLATFORM =
  'mutation($d: ID!, $i: LtiPlatformInput!) { setDispatchLtiPlatform(dispatchId: $d, input: $i) { id } }';

describe('LTI 1.3 tool: registration, login and keys', () => {
  let courier: TestCourier;
  let token: string;
  let dispatchId: string;

  before(async () => {
    courier = await startTestCourier({ LTI_ALLOW_PRIVATE: 'true' });
    token = await courier.ownerToken();
    const courseId = await importOk(courier, token, await scorm12SinglePackage());
    const create = async () =>
      (
        await courier.gqlOk(
          'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { dispatch { id } } }',
          { i: { courseId, recipientName: 'LMS' } },
          token,
        )
      ).createDispatch.dispatch.id as string;
    dispatchId = await create();
  });
  after(async () => {
    await courier?.stop();
  });

  async function platformOf(id: string) {
    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { ltiPlatform { issuer clientId deploymentIds } } }',
      { id },
      token,
    );
    return dispatch.ltiPlatform;
  }

  it('refuses a platform out of bounds and keeps nothing of it', async () => {
    const refusals: Array<[Partial<typeof PLATFORM>, RegExp]> = [
      [{ deploymentIds: Array.from({ length: 21 }, (_, i) => `d${i}`) }, /1 to 20 deployment ids/],
      [{ deploymentIds: [] }, /1 to 20 deployment ids/],
      [{ clientId: 'x'.repeat(256) }, /clientId must have 1 to 255/],
      [
        { jwksUrl: `https://lms.test/${'a'.repeat(1000)}` },
        /longer than 1000 characters|more than 1000 characters/,
      ],
      [{ tokenUrl: 'ftp://lms.test/token' }, /must use https/],
      [{ authorizationUrl: 'not a url' }, /not a URL/],
    ];
    for (const [change, reason] of refusals) {
      const res = await courier.gql(
        SET_PLATFORM,
        { d: dispatchId, i: { ...PLATFORM, ...change } },
        token,
      );
      assert.equal(
        res.errors?.[0]?.extensions?.code,
        'BAD_USER_INPUT',
        JSON.stringify(change).slice(0, 80),
      );
      assert.match(res.errors![0]!.message, reason);
    }
    assert.equal(await platformOf(dispatchId), null);
  });

  it('refuses private platform addresses unless LTI_ALLOW_PRIVATE is set', async () => {
    // What setDispatchLtiPlatform checks on a server without LTI_ALLOW_PRIVATE.
    const cases: Array<[Partial<typeof PLATFORM>, RegExp]> = [
      [{ authorizationUrl: 'https://127.0.0.1/auth' }, /authorizationUrl refused: .*loopback/],
      [{ tokenUrl: 'https://10.0.0.1/token' }, /tokenUrl refused: .*private/],
      [{ jwksUrl: 'https://169.254.169.254/jwks' }, /jwksUrl refused: .*link-local/],
      [{ jwksUrl: 'http://lms.example.test/jwks' }, /must use https/],
    ];
    const publicUrls = {
      ...PLATFORM,
      authorizationUrl: 'https://93.184.215.14/auth',
      tokenUrl: 'https://93.184.215.14/token',
      jwksUrl: 'https://93.184.215.14/jwks',
    };
    for (const [change, reason] of cases)
      await assert.rejects(checkPlatform({ ...publicUrls, ...change }, false), reason);
    await assert.doesNotReject(checkPlatform(publicUrls, false));
  });

  it('registers a platform; the same issuer and client id on another dispatch is a conflict', async () => {
    await courier.gqlOk(SET_PLATFORM, { d: dispatchId, i: PLATFORM }, token);
    assert.deepEqual(await platformOf(dispatchId), {
      issuer: PLATFORM.issuer,
      clientId: PLATFORM.clientId,
      deploymentIds: ['dep-1'],
    });
    const { dispatch } = await courier.gqlOk(
      'query($id: ID!) { dispatch(id: $id) { course { id } } }',
      { id: dispatchId },
      token,
    );
    const { createDispatch } = await courier.gqlOk(
      'mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { dispatch { id } } }',
      { i: { courseId: dispatch.course.id, recipientName: 'Other' } },
      token,
    );
    const res = await courier.gql(
      SET_PLATFORM,
      { d: createDispatch.dispatch.id, i: PLATFORM },
      token,
    );
    assert.equal(res.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal(await platformOf(createDispatch.dispatch.id), null);
  });

  it('starts a login: a one-time state and nonce, then the platform’s authorization endpoint', async () => {
    const form = new URLSearchParams({
      iss: PLATFORM.issuer,
      login_hint: 'learner-7',
      target_link_uri: `${courier.url}/lti/launch`,
      client_id: PLATFORM.clientId,
      lti_message_hint: 'm-1',
    });
    const res = await fetch(`${courier.url}/lti/login`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location')!);
    assert.equal(location.origin + location.pathname, PLATFORM.authorizationUrl);
    const q = location.searchParams;
    assert.equal(q.get('redirect_uri'), `${courier.url}/lti/launch`);
    assert.equal(q.get('login_hint'), 'learner-7');
    assert.equal(q.get('lti_message_hint'), 'm-1');
    assert.equal(q.get('response_mode'), 'form_post');
    assert.notEqual(q.get('state'), q.get('nonce'));
    // GET works the same.
    const get = await fetch(`${courier.url}/lti/login?${form}`, { redirect: 'manual' });
    assert.equal(get.status, 302);
    assert.notEqual(
      new URL(get.headers.get('location')!).searchParams.get('state'),
      q.get('state'),
    );
  });

  it('refuses logins it cannot serve, each with a reason', async () => {
    const base = {
      iss: PLATFORM.issuer,
      login_hint: 'l',
      target_link_uri: `${courier.url}/lti/launch`,
      client_id: PLATFORM.clientId,
    };
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ ...base, iss: 'https://unknown.test' }, 404, /LTI platform/],
      [{ ...base, login_hint: '' }, 400, /lacks login_hint/],
      [{ ...base, lti_message_hint: 'x'.repeat(2049) }, 400, /longer than 2048/],
      [{ ...base, target_link_uri: 'https://evil.test/' }, 400, /target_link_uri must be/],
    ];
    for (const [params, status, reason] of cases) {
      const res = await fetch(`${courier.url}/lti/login?${new URLSearchParams(params)}`, {
        redirect: 'manual',
      });
      assert.equal(res.status, status);
      assert.match(await res.text(), reason);
    }
    const big = await fetch(`${courier.url}/lti/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `id_token=${'a'.repeat(40_000)}&state=s`,
    });
    assert.equal(big.status, 413);
    const unknown = await fetch(`${courier.url}/lti/launch`, {
      method: 'POST',
      body: new URLSearchParams({ id_token: 'a.b.c', state: 'never-issued' }),
    });
    assert.equal(unknown.status, 401);
    assert.match(await unknown.text(), /unknown, expired or already used/);
  });

  it('publishes its public keys only, keeps the private one sealed, and rotates', async () => {
    const res = await fetch(`${courier.url}/lti/jwks`);
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> };
    assert.equal(keys.length, 1);
    assert.equal(keys[0]!['kty'], 'RSA');
    assert.equal(keys[0]!['alg'], 'RS256');
    assert.equal(keys[0]!['d'], undefined);
    const em = courier.services.orm.em.fork();
    const [row] = await em.find(LtiToolKey, {});
    assert.match(row!.privateKeySealed, /^v1\./);
    assert.doesNotMatch(row!.privateKeySealed, /"d"/);
    // 91 days on, with 90-day rotation: a new key signs, the old one stays published.
    const later = new Date(Date.now() + 91 * 86_400_000);
    const keysLater = new ToolKeys(courier.services.secrets, 90);
    const signing = await keysLater.signingKey(em, later);
    assert.notEqual(signing.kid, keys[0]!['kid']);
    const published = await keysLater.jwks(em, later);
    assert.deepEqual(
      published.keys.map((k) => k.kid),
      [signing.kid, keys[0]!['kid']],
    );
  });
});

describe('id_token verification beyond the browser tests', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: JWTPayload, aud?: string | string[], kid?: string) => Promise<string>;
  before(async () => {
    const pair = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
    server = createServer((_, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`;
    sign = (claims, aud = 'client-1', kid = 'k1') =>
      new SignJWT({
        nonce: 'n-1',
        [Claims.deploymentId]: 'dep-1',
        [Claims.messageType]: 'LtiResourceLinkRequest',
        [Claims.version]: '1.3.0',
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer('https://lms.example.test')
        .setSubject('learner')
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(pair.privateKey);
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  const platform = () => Object.assign(new LtiPlatform(), { ...PLATFORM, jwksUrl }) as LtiPlatform;

  it('accepts a correct token and reads its line item only with the score scope', async () => {
    const claims = await verifyIdToken(
      await sign({
        [Claims.agsEndpoint]: {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
          lineitem: 'https://lms.example.test/li/1',
        },
      }),
      platform(),
      'n-1',
      new PlatformKeys(true),
    );
    assert.equal(claims.sub, 'learner');
    assert.equal(claims.lineitemUrl, 'https://lms.example.test/li/1');
    const readOnly = await verifyIdToken(
      await sign({
        [Claims.agsEndpoint]: {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly'],
          lineitem: 'https://lms.example.test/li/1',
        },
      }),
      platform(),
      'n-1',
      new PlatformKeys(true),
    );
    assert.equal(readOnly.lineitemUrl, null);
  });

  const refusals: Array<[string, () => Promise<string>, RegExp]> = [
    ['several audiences without azp', () => sign({}, ['client-1', 'other']), /azp/],
    ['an azp that is not us', () => sign({ azp: 'other' }), /azp/],
    ['another LTI version', () => sign({ [Claims.version]: '1.1' }), /version/],
    [
      'a message type we do not handle',
      () => sign({ [Claims.messageType]: 'LtiSubmissionReviewRequest' }),
      /message type/,
    ],
    [
      'a key id the platform never published',
      () => sign({}, 'client-1', 'k-unknown'),
      /not in the platform's key set/,
    ],
    [
      'a deep-linking request without a return URL',
      () => sign({ [Claims.messageType]: 'LtiDeepLinkingRequest' }),
      /deep_link_return_url/,
    ],
  ];
  for (const [name, make, reason] of refusals) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(
        async () => verifyIdToken(await make(), platform(), 'n-1', new PlatformKeys(true)),
        (err: Error & { code?: string }) => {
          assert.equal(err.code, 'UNAUTHENTICATED');
          assert.match(err.message, reason);
          return true;
        },
      );
    });
  }

  it('refuses a token over 16 KiB before reading it', async () => {
    await assert.rejects(
      verifyIdToken('a'.repeat(16 * 1024 + 1), platform(), 'n-1', new PlatformKeys(true)),
      /longer than 16384/,
    );
  });
});
