import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import { parseManifest } from '../scorm/manifest.js';
import { commit, importOk } from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';

const CREATE = `mutation($i: CreateDispatchInput!) { createDispatch(input: $i) { key secret dispatch { id key launchCount active } } }`;
const LAUNCH = `mutation($k: String!, $l: LearnerInput!) { launchDispatch(key: $k, learner: $l) { url token attemptId dispatchLaunchId } }`;
const DISPATCH = `query($id: ID!) { dispatch(id: $id) { launchCount completionCount completionRate lastLaunchAt active
  launches(first: 50) { totalCount edges { node { learnerId learnerEmail status progress completedAt ipAddress userAgent } } } } }`;
const REPORT = `mutation($i: DispatchCompletionInput!) { reportDispatchCompletion(input: $i) { id status completedAt } }`;

async function unzipEntries(zip: Buffer): Promise<Map<string, string>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  );
  const entries = new Map<string, string>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('entry', (entry: yauzl.Entry) => {
      zipfile.openReadStream(entry, async (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        for await (const chunk of stream!) chunks.push(chunk as Buffer);
        entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
        zipfile.readEntry();
      });
    });
    zipfile.on('end', resolve);
    zipfile.readEntry();
  });
  return entries;
}

describe('dispatch', () => {
  let courier: TestCourier;
  let token: string;
  let courseId: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
    courseId = await importOk(
      courier,
      token,
      await scorm12SinglePackage({ title: 'Dispatched course' }),
    );
  });
  after(async () => {
    await courier.stop();
  });

  const create = async (input: Record<string, unknown> = {}) =>
    (
      await courier.gqlOk(
        CREATE,
        { i: { courseId, recipientName: 'Partner LMS', ...input } },
        token,
      )
    ).createDispatch;

  it('shows the secret once and keeps only its hash', async () => {
    const created = await create();
    assert.match(created.secret, /^ds_/);
    const listed = await courier.gqlOk('{ dispatches { id key recipientName } }', {}, token);
    assert.equal(JSON.stringify(listed).includes(created.secret), false);
    const [row] = await courier.services.orm.em
      .fork()
      .execute('SELECT * FROM dispatches WHERE id = ?', [created.dispatch.id]);
    assert.equal(JSON.stringify(row).includes(created.secret), false);
  });

  it('never overshoots the cap under many concurrent launches', async () => {
    const { key, dispatch } = await create({ maxLaunches: 5 });
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => courier.gql(LAUNCH, { k: key, l: { id: `host-${i}` } })),
    );
    const ok = results.filter((r) => !r.errors);
    const refused = results.filter(
      (r) => r.errors?.[0]?.extensions?.code === 'DISPATCH_LIMIT_REACHED',
    );
    assert.equal(ok.length, 5);
    assert.equal(refused.length, 20);
    const { dispatch: after } = await courier.gqlOk(DISPATCH, { id: dispatch.id }, token);
    assert.equal(after.launchCount, 5);
    assert.equal(after.launches.totalCount, 5);
  });

  it('lets a learner relaunch without counting again, even at the cap', async () => {
    const { key, dispatch } = await create({ maxLaunches: 1 });
    const first = await courier.gqlOk(LAUNCH, {
      k: key,
      l: { id: 'returning', email: 'r@host.test' },
    });
    const again = await Promise.all([
      courier.gql(LAUNCH, { k: key, l: { id: 'returning' } }),
      courier.gql(LAUNCH, { k: key, l: { id: 'returning' } }),
    ]);
    assert.ok(
      again.every((r) => !r.errors),
      JSON.stringify(again.map((r) => r.errors)),
    );
    assert.equal(
      again[0]!.data!.launchDispatch.dispatchLaunchId,
      first.launchDispatch.dispatchLaunchId,
    );
    const other = await courier.gql(LAUNCH, { k: key, l: { id: 'newcomer' } });
    assert.equal(other.errors?.[0]?.extensions?.code, 'DISPATCH_LIMIT_REACHED');
    const { dispatch: after } = await courier.gqlOk(DISPATCH, { id: dispatch.id }, token);
    assert.equal(after.launchCount, 1);
    assert.equal(after.launches.edges[0].node.learnerEmail, 'r@host.test');
  });

  it('refuses launches of a revoked dispatch until it is re-enabled', async () => {
    const { key, dispatch } = await create();
    await courier.gqlOk(
      'mutation($id: ID!) { revokeDispatch(id: $id) { active } }',
      { id: dispatch.id },
      token,
    );
    const refused = await courier.gql(LAUNCH, { k: key, l: { id: 'x' } });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'DISPATCH_REVOKED');
    await courier.gqlOk(
      'mutation($id: ID!) { updateDispatch(id: $id, input: { active: true }) { active } }',
      { id: dispatch.id },
      token,
    );
    const ok = await courier.gql(LAUNCH, { k: key, l: { id: 'x' } });
    assert.equal(ok.errors, undefined);
  });

  it('refuses launches after the expiry', async () => {
    const { key } = await create({ expiresAt: new Date(Date.now() - 1000).toISOString() });
    const refused = await courier.gql(LAUNCH, { k: key, l: { id: 'late' } });
    assert.equal(refused.errors?.[0]?.extensions?.code, 'DISPATCH_EXPIRED');
  });

  it('counts a completion made in the player once', async () => {
    const { key, dispatch } = await create();
    const { launchDispatch: launch } = await courier.gqlOk(LAUNCH, {
      k: key,
      l: { id: 'player-learner' },
    });
    await commit(courier, launch, 1, { 'cmi.core.lesson_status': 'completed' });
    await commit(courier, launch, 2, { 'cmi.core.lesson_status': 'passed' });
    const { dispatch: after } = await courier.gqlOk(DISPATCH, { id: dispatch.id }, token);
    assert.equal(after.completionCount, 1);
    assert.equal(after.completionRate, 1);
    assert.equal(after.launches.edges[0].node.status, 'PASSED');
    assert.ok(after.launches.edges[0].node.completedAt);
  });

  it('applies a reported completion once per idempotency key, and refuses a wrong secret', async () => {
    const { key, secret, dispatch } = await create();
    await courier.gqlOk(LAUNCH, { k: key, l: { id: 'reported' } });
    const basic = (s: string) => `Basic ${Buffer.from(`${key}:${s}`).toString('base64')}`;
    const report = (auth: string, idempotencyKey: string) =>
      fetch(`${courier.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: auth },
        body: JSON.stringify({
          query: REPORT,
          variables: {
            i: { learnerId: 'reported', idempotencyKey, completed: true, passed: true },
          },
        }),
      }).then((r) => r.json() as Promise<any>);
    const wrong = await report(basic('ds_wrong'), 'k1');
    assert.equal(wrong.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const first = await report(basic(secret), 'k1');
    assert.equal(first.data.reportDispatchCompletion.status, 'PASSED');
    await report(basic(secret), 'k1');
    await report(basic(secret), 'k2');
    const { dispatch: after } = await courier.gqlOk(DISPATCH, { id: dispatch.id }, token);
    assert.equal(after.completionCount, 1);
  });

  it('builds a SCORM 1.2 and a 2004 package that point at this server', async () => {
    const { dispatch, key } = await create();
    for (const [format, schemaversion] of [
      ['scorm12', '1.2'],
      ['scorm2004', '2004 4th Edition'],
    ] as const) {
      const res = await fetch(
        `${courier.url}/api/dispatches/${dispatch.id}/package?format=${format}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/zip');
      const entries = await unzipEntries(Buffer.from(await res.arrayBuffer()));
      const manifest = entries.get('imsmanifest.xml')!;
      assert.ok(manifest.includes(`<schemaversion>${schemaversion}</schemaversion>`));
      assert.match(
        manifest,
        format === 'scorm12' ? /adlcp:scormtype="sco"/ : /adlcp:scormType="sco"/,
      );
      // The package is itself a valid SCORM package: Courier's own importer reads it.
      const parsed = parseManifest(manifest);
      assert.equal(parsed.version, format === 'scorm12' ? 'SCORM_12' : 'SCORM_2004');
      assert.equal(parsed.scoCount, 1);
      const html = entries.get('index.html')!;
      assert.ok(html.includes(courier.config.contentUrl) && html.includes(key));
      // The launcher the web build compiled, with its one operation, rides in the zip.
      assert.match(entries.get('courier-launcher.js')!, /launchDispatch\(key: \$key/);
      assert.equal(
        [...entries.values()].some((text) => text.includes('ds_')),
        false,
        'the secret is not in the package',
      );
    }
    const bad = await fetch(`${courier.url}/api/dispatches/${dispatch.id}/package?format=aicc`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(bad.status, 400);
  });

  it('refuses deleting a course that has dispatches', async () => {
    const result = await courier.gql(
      'mutation($id: ID!) { deleteCourse(id: $id) }',
      { id: courseId },
      token,
    );
    assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });
});
