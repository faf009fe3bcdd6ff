import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CompactSign } from 'jose';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const CREATE = `mutation($name: String!, $scope: XapiCredentialScope!) {
  createXapiCredential(name: $name, scope: $scope) { secret endpoint credential { id key scope } } }`;

/** A response whose JSON the test reads freely. */
interface LrsResponse extends Omit<Response, 'json'> {
  json(): Promise<any>;
}

interface Lrs {
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      raw?: Buffer | string;
      headers?: Record<string, string>;
      version?: string | null;
    },
  ): Promise<LrsResponse>;
  credentialId: string;
}

const actor = { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.com' };
const verb = { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } };
const activity = {
  id: 'http://example.com/courses/intro',
  definition: { name: { 'en-US': 'Intro', 'fr-FR': 'Introduction' } },
};

function statement(extra: Record<string, unknown> = {}): Record<string, any> {
  return { actor, verb, object: activity, ...extra };
}

async function makeLrs(courier: TestCourier, token: string, scope: string): Promise<Lrs> {
  const { createXapiCredential: made } = await courier.gqlOk(
    CREATE,
    { name: `lrs ${scope}`, scope },
    token,
  );
  assert.equal(made.endpoint, `${courier.config.publicUrl}/xapi/`);
  const basic = Buffer.from(`${made.credential.key}:${made.secret}`).toString('base64');
  return {
    credentialId: made.credential.id,
    call(method, path, options = {}) {
      const headers: Record<string, string> = {
        authorization: `Basic ${basic}`,
        ...options.headers,
      };
      if (options.version !== null)
        headers['x-experience-api-version'] = options.version ?? '1.0.3';
      let body: Buffer | string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      return fetch(`${courier.url}/xapi${path}`, { method, headers, body }) as Promise<LrsResponse>;
    },
  };
}

describe('the LRS at /xapi/', () => {
  let courier: TestCourier;
  let lrs: Lrs;
  let reader: Lrs;
  let writer: Lrs;
  let otherOrg: Lrs;

  before(async () => {
    courier = await startTestCourier();
    const owner = await courier.ownerToken();
    lrs = await makeLrs(courier, owner, 'READ_WRITE');
    reader = await makeLrs(courier, owner, 'READ');
    writer = await makeLrs(courier, owner, 'WRITE');
    const { createOrganization } = await courier.gqlOk(
      `mutation { createOrganization(input: { name: "Other", adminEmail: "a@other.test", adminPassword: "other-password-123" }) { id } }`,
      {},
      owner,
    );
    assert.ok(createOrganization.id);
    const { login } = await courier.gqlOk(
      `mutation { login(email: "a@other.test", password: "other-password-123") { token } }`,
    );
    otherOrg = await makeLrs(courier, login.token, 'READ_WRITE');
  });
  after(() => courier?.stop());

  it('answers about without credentials, naming both versions', async () => {
    const res = await fetch(`${courier.url}/xapi/about`);
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { version: string[] }).version, ['1.0.3', '2.0.0']);
  });

  it('refuses a missing or unsupported version header with 400', async () => {
    assert.equal((await lrs.call('GET', '/statements', { version: null })).status, 400);
    assert.equal((await lrs.call('GET', '/statements', { version: '0.95' })).status, 400);
    assert.equal((await lrs.call('GET', '/statements', { version: '2.0.0' })).status, 200);
  });

  it('names a version on every answer, the newest when refusing a missing one', async () => {
    const missing = await lrs.call('GET', '/statements', { version: null });
    assert.equal(missing.headers.get('x-experience-api-version'), '2.0.0');
    assert.ok(missing.headers.get('x-experience-api-consistent-through'));
    const old = await lrs.call('GET', '/statements', { version: '1.0.1' });
    assert.equal(old.headers.get('x-experience-api-version'), '1.0.3');
  });

  it('takes 1.0.x statements in a 2.0 request but no 2.0 statement in a 1.0.3 one', async () => {
    const v1 = statement({ version: '1.0.9' });
    assert.equal(
      (await lrs.call('POST', '/statements', { body: v1, version: '2.0.0' })).status,
      200,
    );
    const v2 = statement({ version: '2.0.0' });
    assert.equal(
      (await lrs.call('POST', '/statements', { body: v2, version: '1.0.3' })).status,
      400,
    );
    assert.equal(
      (await lrs.call('POST', '/statements', { body: v2, version: '2.0.0' })).status,
      200,
    );
  });

  it('accepts the 1.0.3 alternate request syntax (a form POST carrying method, headers and content)', async () => {
    const id = randomUUID();
    const form = new URLSearchParams({
      statementId: id,
      content: JSON.stringify(statement()),
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    });
    const put = await lrs.call('POST', '/statements?method=PUT', {
      raw: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      version: null,
    });
    assert.equal(put.status, 204);
    assert.equal((await lrs.call('GET', `/statements?statementId=${id}`)).status, 200);
    const extra = await lrs.call('POST', `/statements?method=PUT&statementId=${id}`, {
      raw: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(extra.status, 400);
    const in20 = new URLSearchParams({ limit: '1', 'X-Experience-API-Version': '2.0.0' });
    const refused = await lrs.call('POST', '/statements?method=GET', {
      raw: in20.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      version: null,
    });
    assert.equal(refused.status, 400);
  });

  it('returns a single context activity as an array, and compares durations to hundredths', async () => {
    const id = randomUUID();
    const s = statement({
      context: { contextActivities: { parent: { id: 'http://example.com/parent' } } },
      result: { duration: 'PT1M0.1237S' },
    });
    assert.equal((await lrs.call('PUT', `/statements?statementId=${id}`, { body: s })).status, 204);
    const got = await (await lrs.call('GET', `/statements?statementId=${id}`)).json();
    assert.deepEqual(got.context.contextActivities.parent, [{ id: 'http://example.com/parent' }]);
    const finer = { ...s, result: { duration: 'PT1M0.1299S' } };
    assert.equal(
      (await lrs.call('PUT', `/statements?statementId=${id}`, { body: finer })).status,
      204,
    );
    const other = { ...s, result: { duration: 'PT1M0.13S' } };
    assert.equal(
      (await lrs.call('PUT', `/statements?statementId=${id}`, { body: other })).status,
      409,
    );
  });

  it('refuses unknown credentials, and scopes reads and writes', async () => {
    const res = await fetch(`${courier.url}/xapi/statements`, {
      headers: { 'x-experience-api-version': '1.0.3', authorization: 'Basic bm86Ym9keQ==' },
    });
    assert.equal(res.status, 401);
    assert.equal((await reader.call('POST', '/statements', { body: statement() })).status, 403);
    assert.equal((await writer.call('GET', '/statements')).status, 403);
    assert.equal((await writer.call('POST', '/statements', { body: statement() })).status, 200);
  });

  it('stores a statement, fills stored/timestamp/authority/version, and reads it back', async () => {
    const res = await lrs.call('POST', '/statements', { body: statement() });
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('x-experience-api-consistent-through'));
    const [id] = (await res.json()) as string[];
    const got = await lrs.call('GET', `/statements?statementId=${id}`);
    assert.equal(got.status, 200);
    const s = await got.json();
    assert.equal(s.id, id);
    assert.equal(s.version, '1.0.0');
    assert.ok(s.stored && s.timestamp);
    assert.equal(s.authority.account.homePage, courier.config.publicUrl);
    assert.deepEqual(s.object, activity);
  });

  it('PUT stores under statementId; the same again is a no-op, a different one is 409', async () => {
    const id = randomUUID();
    assert.equal(
      (await lrs.call('PUT', `/statements?statementId=${id}`, { body: statement() })).status,
      204,
    );
    assert.equal(
      (await lrs.call('PUT', `/statements?statementId=${id}`, { body: statement() })).status,
      204,
    );
    const other = statement({ result: { completion: true } });
    assert.equal(
      (await lrs.call('PUT', `/statements?statementId=${id}`, { body: other })).status,
      409,
    );
    const posted = await lrs.call('POST', '/statements', { body: [{ ...other, id }] });
    assert.equal(posted.status, 409);
    assert.equal((await lrs.call('PUT', '/statements', { body: statement() })).status, 400);
  });

  it('a batch is all or nothing', async () => {
    const good = { ...statement(), id: randomUUID() };
    const bad = { ...statement(), verb: { id: 'not an iri' } };
    assert.equal((await lrs.call('POST', '/statements', { body: [good, bad] })).status, 400);
    assert.equal((await lrs.call('GET', `/statements?statementId=${good.id}`)).status, 404);
    const twice = { ...statement(), id: randomUUID() };
    assert.equal((await lrs.call('POST', '/statements', { body: [twice, twice] })).status, 400);
  });

  const mustRefuse: Array<[string, unknown]> = [
    ['no actor', { verb, object: activity }],
    [
      'an agent with two IFIs',
      statement({ actor: { ...actor, openid: 'http://id.example.com/ada' } }),
    ],
    ['an agent with no IFI', statement({ actor: { name: 'Nobody' } })],
    [
      'an anonymous group without members',
      statement({ actor: { objectType: 'Group', name: 'g' } }),
    ],
    [
      'a group in a group',
      statement({
        actor: { objectType: 'Group', member: [{ objectType: 'Group', mbox: 'mailto:g@x.com' }] },
      }),
    ],
    ['an mbox without mailto', statement({ actor: { mbox: 'ada@example.com' } })],
    ['a verb without id', statement({ verb: { display: { en: 'x' } } })],
    ['a verb id that is not an IRI', statement({ verb: { id: 'completed' } })],
    ['a bad language map', statement({ verb: { ...verb, display: { 'not a tag!': 'x' } } })],
    ['an extra property', statement({ extra: 1 })],
    ['an extra property in the verb', statement({ verb: { ...verb, foo: 1 } })],
    ['a malformed id', statement({ id: 'not-a-uuid' })],
    ['a malformed timestamp', statement({ timestamp: '2026-13-01T00:00:00Z' })],
    ['a -00:00 offset', statement({ timestamp: '2026-01-01T00:00:00-00:00' })],
    ['a scaled score above 1', statement({ result: { score: { scaled: 1.5 } } })],
    ['raw above max', statement({ result: { score: { raw: 11, min: 0, max: 10 } } })],
    ['min above max', statement({ result: { score: { min: 5, max: 1 } } })],
    ['a bad duration', statement({ result: { duration: 'PT1.5H2M' } })],
    ['a non-boolean success', statement({ result: { success: 'yes' } })],
    ['a bad registration', statement({ context: { registration: 'abc' } })],
    [
      'revision with an Agent object',
      { actor, verb, object: { ...actor }, context: { revision: '1' } },
    ],
    [
      'platform with a StatementRef object',
      {
        actor,
        verb,
        object: { objectType: 'StatementRef', id: randomUUID() },
        context: { platform: 'x' },
      },
    ],
    [
      'a SubStatement in a SubStatement',
      {
        actor,
        verb,
        object: {
          objectType: 'SubStatement',
          actor,
          verb,
          object: { objectType: 'SubStatement', actor, verb, object: activity },
        },
      },
    ],
    [
      'an id in a SubStatement',
      {
        actor,
        verb,
        object: { objectType: 'SubStatement', id: randomUUID(), actor, verb, object: activity },
      },
    ],
    ['an unknown object type', statement({ object: { objectType: 'Thing', id: 'http://x.com' } })],
    [
      'an interaction component without an interaction type',
      statement({ object: { id: 'http://x.com/q', definition: { choices: [{ id: 'a' }] } } }),
    ],
    ['a bad version', statement({ version: '0.9' })],
    [
      'a voiding statement without a StatementRef',
      statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }),
    ],
    [
      'an attachment without sha2',
      statement({
        attachments: [
          {
            usageType: 'http://x.com/u',
            display: { en: 'a' },
            contentType: 'text/plain',
            length: 1,
            fileUrl: 'http://x.com/f',
          },
        ],
      }),
    ],
    ['a null name', statement({ actor: { ...actor, name: null } })],
  ];
  for (const [what, body] of mustRefuse) {
    it(`refuses ${what} with 400 and stores nothing`, async () => {
      const before = await (await lrs.call('GET', '/statements?limit=0')).json();
      const res = await lrs.call('POST', '/statements', { body });
      assert.equal(res.status, 400, `${what}: ${await res.text()}`);
      const after = await (await lrs.call('GET', '/statements?limit=0')).json();
      assert.equal(after.statements.length, before.statements.length);
    });
  }

  it('accepts statements that use every part of the model', async () => {
    const full = {
      id: randomUUID(),
      actor: {
        objectType: 'Group',
        name: 'Team',
        member: [actor, { account: { homePage: 'http://lms.example.com', name: 'u1' } }],
      },
      verb,
      object: {
        id: 'http://example.com/q1',
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          interactionType: 'choice',
          correctResponsesPattern: ['a[,]b'],
          choices: [{ id: 'a', description: { en: 'A' } }, { id: 'b' }],
          extensions: { 'http://example.com/ext': { any: ['thing'] } },
        },
      },
      result: {
        score: { scaled: -0.5, raw: 2, min: 0, max: 10 },
        success: false,
        completion: true,
        response: 'a[,]b',
        duration: 'P1DT2H3M4.5S',
      },
      context: {
        registration: randomUUID(),
        instructor: { openid: 'http://id.example.com/teacher' },
        contextActivities: { parent: activity, grouping: [{ id: 'http://example.com/program' }] },
        revision: 'r1',
        platform: 'Courier',
        language: 'en-US',
        statement: { objectType: 'StatementRef', id: randomUUID() },
      },
      timestamp: '2026-12-03T10:00:00.123+01:00',
    };
    const res = await lrs.call('POST', '/statements', { body: full });
    assert.equal(res.status, 200, await res.text());
  });

  it('voids a statement: it leaves queries, stays readable as voided, and cannot be voided twice over', async () => {
    const target = randomUUID();
    await lrs.call('PUT', `/statements?statementId=${target}`, { body: statement() });
    const voiding = {
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: target },
    };
    const res = await lrs.call('POST', '/statements', { body: voiding });
    assert.equal(res.status, 200);
    const [voidingId] = await res.json();
    assert.equal((await lrs.call('GET', `/statements?statementId=${target}`)).status, 404);
    const voided = await lrs.call('GET', `/statements?voidedStatementId=${target}`);
    assert.equal(voided.status, 200);
    assert.equal((await voided.json()).id, target);
    const list = await (await lrs.call('GET', '/statements?limit=0')).json();
    assert.ok(!list.statements.some((s: { id: string }) => s.id === target));
    const again = { ...voiding, object: { objectType: 'StatementRef', id: voidingId } };
    assert.equal((await lrs.call('POST', '/statements', { body: again })).status, 400);
  });

  it('filters by agent, verb, activity, registration, related_* and time, and pages with more', async () => {
    const me = { mbox: `mailto:${randomUUID()}@example.com` };
    const registration = randomUUID();
    const course = `http://example.com/filter/${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await lrs.call('POST', '/statements', {
        body: {
          actor: me,
          verb: {
            id:
              i % 2
                ? 'http://adlnet.gov/expapi/verbs/passed'
                : 'http://adlnet.gov/expapi/verbs/attempted',
          },
          object: { id: `${course}/${i}` },
          context: { registration, contextActivities: { parent: { id: course } } },
        },
      });
      ids.push(...((await res.json()) as string[]));
    }
    const agent = encodeURIComponent(JSON.stringify(me));
    const all = await (await lrs.call('GET', `/statements?agent=${agent}`)).json();
    assert.deepEqual(
      all.statements.map((s: { id: string }) => s.id),
      [...ids].reverse(),
    );
    const passed = await (
      await lrs.call(
        'GET',
        `/statements?agent=${agent}&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/passed')}`,
      )
    ).json();
    assert.deepEqual(
      passed.statements.map((s: { id: string }) => s.id),
      [ids[3], ids[1]],
    );
    const direct = await (
      await lrs.call('GET', `/statements?activity=${encodeURIComponent(course)}`)
    ).json();
    assert.equal(direct.statements.length, 0);
    const related = await (
      await lrs.call(
        'GET',
        `/statements?activity=${encodeURIComponent(course)}&related_activities=true&ascending=true`,
      )
    ).json();
    assert.deepEqual(
      related.statements.map((s: { id: string }) => s.id),
      ids,
    );
    const byRegistration = await (
      await lrs.call('GET', `/statements?registration=${registration}&limit=2`)
    ).json();
    assert.equal(byRegistration.statements.length, 2);
    assert.match(byRegistration.more, /^\/xapi\/statements\?more=/);
    const seen = byRegistration.statements.map((s: { id: string }) => s.id);
    let more = byRegistration.more as string;
    while (more) {
      const page = await (await lrs.call('GET', more.replace(/^\/xapi/, ''))).json();
      seen.push(...page.statements.map((s: { id: string }) => s.id));
      more = page.more;
    }
    assert.deepEqual(seen, [...ids].reverse());
    const first = all.statements[all.statements.length - 1];
    const since = await (
      await lrs.call('GET', `/statements?agent=${agent}&since=${encodeURIComponent(first.stored)}`)
    ).json();
    assert.ok(!since.statements.some((s: { id: string }) => s.id === ids[0]));
    const ids_ = await (
      await lrs.call('GET', `/statements?agent=${agent}&format=ids&limit=1`)
    ).json();
    assert.deepEqual(Object.keys(ids_.statements[0].verb), ['id']);
    assert.equal((await lrs.call('GET', '/statements?foo=1')).status, 400);
    assert.equal((await lrs.call('GET', `/statements?statementId=${ids[0]}&verb=x`)).status, 400);
  });

  it('returns canonical language maps in the reader’s language', async () => {
    const id = randomUUID();
    await lrs.call('PUT', `/statements?statementId=${id}`, { body: statement() });
    const res = await lrs.call('GET', `/statements?statementId=${id}&format=canonical`, {
      headers: { 'accept-language': 'fr-FR' },
    });
    const s = await res.json();
    assert.deepEqual(s.object.definition.name, { 'fr-FR': 'Introduction' });
  });

  it('keeps organizations apart', async () => {
    const id = randomUUID();
    await lrs.call('PUT', `/statements?statementId=${id}`, { body: statement() });
    assert.equal((await otherOrg.call('GET', `/statements?statementId=${id}`)).status, 404);
    assert.equal(
      (await otherOrg.call('PUT', `/statements?statementId=${id}`, { body: statement() })).status,
      204,
    );
  });

  it('takes attachments as multipart/mixed, checks their SHA-2, and returns them', async () => {
    const content = Buffer.from('certificate of completion');
    const sha2 = createHash('sha256').update(content).digest('hex');
    const s = statement({
      id: randomUUID(),
      attachments: [
        {
          usageType: 'http://example.com/cert',
          display: { en: 'Certificate' },
          contentType: 'text/plain',
          length: content.length,
          sha2,
        },
      ],
    });
    const multipart = (hash: string) =>
      Buffer.concat([
        Buffer.from(
          `--b1\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(s)}\r\n--b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${hash}\r\n\r\n`,
        ),
        content,
        Buffer.from('\r\n--b1--'),
      ]);
    const headers = { 'content-type': 'multipart/mixed; boundary=b1' };
    const wrong = createHash('sha256').update('other').digest('hex');
    assert.equal(
      (await lrs.call('POST', '/statements', { raw: multipart(wrong), headers })).status,
      400,
    );
    assert.equal((await lrs.call('POST', '/statements', { body: s })).status, 400);
    assert.equal(
      (await lrs.call('POST', '/statements', { raw: multipart(sha2), headers })).status,
      200,
    );
    const res = await lrs.call('GET', `/statements?statementId=${s.id}&attachments=true`);
    assert.match(res.headers.get('content-type') ?? '', /^multipart\/mixed; boundary=/);
    const text = Buffer.from(await res.arrayBuffer()).toString();
    assert.ok(text.includes(`X-Experience-API-Hash: ${sha2}`));
    assert.ok(text.includes('certificate of completion'));
  });

  it('checks a signed statement’s JWS against the statement and its x5c-less RS256 signature', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const s = { ...statement(), id: randomUUID() };
    const sign = async (payload: unknown, alg = 'RS256') =>
      Buffer.from(
        await new CompactSign(Buffer.from(JSON.stringify(payload)))
          .setProtectedHeader({ alg })
          .sign(privateKey),
      );
    const post = async (jws: Buffer) => {
      const sha2 = createHash('sha256').update(jws).digest('hex');
      const signed = {
        ...s,
        attachments: [
          {
            usageType: 'http://adlnet.gov/expapi/attachments/signature',
            display: { en: 'sig' },
            contentType: 'application/octet-stream',
            length: jws.length,
            sha2,
          },
        ],
      };
      const body = Buffer.concat([
        Buffer.from(
          `--b2\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(signed)}\r\n--b2\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
        ),
        jws,
        Buffer.from('\r\n--b2--'),
      ]);
      return lrs.call('POST', '/statements', {
        raw: body,
        headers: { 'content-type': 'multipart/mixed; boundary=b2' },
      });
    };
    assert.equal(
      (await post(await sign({ ...s, verb: { id: 'http://example.com/other' } }))).status,
      400,
    );
    assert.equal((await post(await sign(s))).status, 200);
  });

  it('State: PUT, GET with ETag, POST merges JSON, list ids, delete', async () => {
    const agent = encodeURIComponent(JSON.stringify(actor));
    const base = `/activities/state?activityId=${encodeURIComponent(activity.id)}&agent=${agent}`;
    assert.equal(
      (await lrs.call('PUT', `${base}&stateId=bookmark`, { body: { page: 1 } })).status,
      204,
    );
    const got = await lrs.call('GET', `${base}&stateId=bookmark`);
    assert.equal(got.status, 200);
    assert.match(got.headers.get('etag') ?? '', /^"[0-9a-f]{40}"$/);
    assert.deepEqual(await got.json(), { page: 1 });
    assert.equal(
      (await lrs.call('POST', `${base}&stateId=bookmark`, { body: { score: 3 } })).status,
      204,
    );
    assert.deepEqual(await (await lrs.call('GET', `${base}&stateId=bookmark`)).json(), {
      page: 1,
      score: 3,
    });
    assert.equal(
      (
        await lrs.call('POST', `${base}&stateId=bookmark`, {
          raw: 'text',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
      400,
    );
    assert.deepEqual(await (await lrs.call('GET', base)).json(), ['bookmark']);
    assert.equal((await lrs.call('DELETE', `${base}&stateId=bookmark`)).status, 204);
    assert.equal((await lrs.call('GET', `${base}&stateId=bookmark`)).status, 404);
    assert.equal(
      (await lrs.call('GET', `/activities/state?activityId=${encodeURIComponent(activity.id)}`))
        .status,
      400,
    );
  });

  it('State in 2.0: created without a precondition, replaced only under one (409)', async () => {
    const agent = encodeURIComponent(JSON.stringify(actor));
    const url = `/activities/state?activityId=${encodeURIComponent(activity.id)}&agent=${agent}&stateId=v2`;
    assert.equal((await lrs.call('PUT', url, { body: { a: 1 }, version: '2.0.0' })).status, 204);
    assert.equal((await lrs.call('PUT', url, { body: { a: 2 }, version: '2.0.0' })).status, 409);
    assert.equal((await lrs.call('PUT', url, { body: { a: 3 }, version: '1.0.3' })).status, 204);
    const etag = (await lrs.call('GET', url)).headers.get('etag')!;
    const replaced = await lrs.call('PUT', url, {
      body: { a: 4 },
      version: '2.0.0',
      headers: { 'if-match': etag },
    });
    assert.equal(replaced.status, 204);
    assert.deepEqual(await (await lrs.call('GET', url)).json(), { a: 4 });
  });

  it('Activity Profile: concurrency by If-Match / If-None-Match (409 and 412)', async () => {
    const base = `/activities/profile?activityId=${encodeURIComponent(activity.id)}&profileId=p1`;
    assert.equal(
      (await lrs.call('PUT', base, { body: { v: 1 }, headers: { 'if-none-match': '*' } })).status,
      204,
    );
    assert.equal(
      (await lrs.call('PUT', base, { body: { v: 2 }, headers: { 'if-none-match': '*' } })).status,
      412,
    );
    assert.equal((await lrs.call('PUT', base, { body: { v: 2 } })).status, 409);
    const etag = (await lrs.call('GET', base)).headers.get('etag')!;
    assert.equal(
      (await lrs.call('PUT', base, { body: { v: 2 }, headers: { 'if-match': '"0000"' } })).status,
      412,
    );
    assert.equal(
      (await lrs.call('PUT', base, { body: { v: 2 }, headers: { 'if-match': etag } })).status,
      204,
    );
    assert.deepEqual(await (await lrs.call('GET', base)).json(), { v: 2 });
  });

  it('Agent Profile, Activities and Agents resources', async () => {
    const agent = encodeURIComponent(JSON.stringify(actor));
    assert.equal(
      (
        await lrs.call('PUT', `/agents/profile?agent=${agent}&profileId=prefs`, {
          body: { lang: 'en' },
        })
      ).status,
      400,
      'a profile is created under If-None-Match: *',
    );
    assert.equal(
      (
        await lrs.call('PUT', `/agents/profile?agent=${agent}&profileId=prefs`, {
          body: { lang: 'en' },
          headers: { 'if-none-match': '*' },
        })
      ).status,
      204,
    );
    assert.deepEqual(
      await (await lrs.call('GET', `/agents/profile?agent=${agent}&profileId=prefs`)).json(),
      { lang: 'en' },
    );
    assert.deepEqual(await (await lrs.call('GET', `/agents/profile?agent=${agent}`)).json(), [
      'prefs',
    ]);
    const person = await (await lrs.call('GET', `/agents?agent=${agent}`)).json();
    assert.deepEqual(person, {
      objectType: 'Person',
      name: ['Ada'],
      mbox: ['mailto:ada@example.com'],
    });
    await lrs.call('POST', '/statements', { body: statement() });
    const a = await (
      await lrs.call('GET', `/activities?activityId=${encodeURIComponent(activity.id)}`)
    ).json();
    assert.deepEqual(a.definition.name, activity.definition.name);
  });

  it('answers CORS preflights for browser content', async () => {
    const res = await fetch(`${courier.url}/xapi/statements`, {
      method: 'OPTIONS',
      headers: { origin: 'http://content.example.com', 'access-control-request-method': 'PUT' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /x-experience-api-version/);
  });

  it('lists credentials without their secrets, with when each was last used', async () => {
    const owner = await courier.ownerToken();
    const { xapiCredentials } = await courier.gqlOk(
      `{ xapiCredentials { id scope lastUsedAt revokedAt } }`,
      {},
      owner,
    );
    const used = xapiCredentials.find((c: { id: string }) => c.id === lrs.credentialId);
    assert.equal(used.scope, 'READ_WRITE');
    assert.ok(used.lastUsedAt);
    const secretField = await courier.gql(`{ xapiCredentials { secretHash } }`, {}, owner);
    assert.ok(secretField.errors?.length);
  });

  it('refuses a body over the limit with 413, and a revoked credential with 401', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const res = await lrs.call('POST', '/statements', {
      raw: huge,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 413);
    const owner = await courier.ownerToken();
    await courier.gqlOk(
      `mutation($id: ID!) { revokeXapiCredential(id: $id) { revokedAt } }`,
      { id: writer.credentialId },
      owner,
    );
    assert.equal((await writer.call('POST', '/statements', { body: statement() })).status, 401);
  });
});
