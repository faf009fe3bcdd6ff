import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { commit, importOk, registerAndLaunch } from '@courier/tests/support/api.js';
import { scorm12Package, scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { csvLine } from './csv.js';

describe('CSV exports', () => {
  let courier: TestCourier;
  let token: string;
  before(async () => {
    courier = await startTestCourier();
    token = await courier.ownerToken();
  });
  after(async () => {
    await courier.stop();
  });

  it('quotes what needs quoting and neutralises spreadsheet formulas', () => {
    assert.equal(
      csvLine(['a,b', 'say "hi"', '=SUM(A1)', null, 0.5]),
      '"a,b","say ""hi""",\'=SUM(A1),,0.5\r\n',
    );
    assert.equal(
      csvLine(['x;=1+3', ' =1+3', '\uFF1D1+3', 'a\t=1', '-1', -1]),
      '"x;=1+3",\' =1+3,\'\uFF1D1+3,"a\t=1",\'-1,-1\r\n',
    );
  });

  it('exports a learner name a semicolon-locale spreadsheet would split as one text cell', async () => {
    const courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Semi' }));
    await courier.gqlOk(
      'mutation($c: ID!, $l: LearnerInput!) { createRegistration(courseId: $c, learner: $l) { id } }',
      { c: courseId, l: { id: 'semi-1', name: 'x;=1+3' } },
      token,
    );
    const res = await fetch(`${courier.url}/api/exports/registrations.csv?courseId=${courseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = await res.text();
    // Leave the organization as the other tests count it.
    await courier.services.orm.em
      .fork()
      .execute("DELETE FROM registrations WHERE learner_id = 'semi-1'");
    assert.match(body, /,"x;=1\+3",/);
  });

  it('streams a large organization with bounded memory', async () => {
    const ROWS = 150_000;
    const courseId = await importOk(courier, token, await scorm12SinglePackage({ title: 'Big' }));
    const { organization } = await courier.gqlOk('{ organization { id } }', {}, token);
    await courier.services.orm.em.fork().execute(
      `INSERT INTO registrations (id, organization_id, course_id, scope, learner_id, learner_name, status, progress_source, created_at)
       SELECT gen_random_uuid(), ?, ?, '', 'learner-' || g, 'A fairly long learner name number ' || g, 'IN_PROGRESS', 'UNKNOWN',
              now() - g * interval '1 second'
         FROM generate_series(1, ${ROWS}) g`,
      [organization.id, courseId],
    );
    // Live heap, garbage collected first, so the figure is what the export holds, not litter.
    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const live = () => (gc(), process.memoryUsage().heapUsed);
    const baseline = live();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, live())), 100);
    const res = await fetch(`${courier.url}/api/exports/registrations.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    clearInterval(sampler);
    assert.equal(lines, ROWS + 1, 'a header and every row');
    const grownMb = (peak - baseline) / 1024 / 1024;
    const sizeMb = bytes / 1024 / 1024;
    // Server and client share this process: a buffered export would hold every row and the whole
    // file on the heap at once; a streamed one holds a batch.
    assert.ok(
      grownMb < sizeMb / 2,
      `memory grew ${grownMb.toFixed(1)} MB for a ${sizeMb.toFixed(1)} MB export`,
    );
  });

  it("lists every answer of a course's learners, and only the caller's own course", async () => {
    const courseId = await importOk(courier, token, await scorm12Package({ scoCount: 2 }));
    const ada = await registerAndLaunch(courier, token, courseId, { id: 'csv-ada', name: 'Ada' });
    const bob = await registerAndLaunch(courier, token, courseId, { id: 'csv-bob', name: 'Bob' });
    await registerAndLaunch(courier, token, courseId, { id: 'csv-cy', name: 'Cy' });
    await commit(
      courier,
      ada,
      1,
      {
        'cmi.interactions.0.id': 'q1',
        'cmi.interactions.0.type': 'choice',
        'cmi.interactions.0.student_response': 'a,b',
        'cmi.interactions.0.correct_responses.0.pattern': 'a,b',
        'cmi.interactions.0.result': 'correct',
        'cmi.interactions.1.id': 'q2',
        'cmi.interactions.1.result': 'wrong',
      },
      { scoId: 'item_2' },
    );
    await commit(courier, bob, 1, {
      'cmi.interactions.0.id': 'q1',
      'cmi.interactions.0.student_response': 'c',
      'cmi.interactions.0.result': 'wrong',
    });
    const res = await fetch(`${courier.url}/api/exports/interactions.csv?courseId=${courseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200);
    const [header, ...rows] = (await res.text()).trim().split('\r\n');
    assert.match(
      header!,
      /^registration_id,learner_id,learner_name,item_id,item_title,interaction_index/,
    );
    const picked = rows
      .map((line) => line.split(','))
      .map((f) => [f[1], f[3], f[5], f[6]].join(' '))
      .sort();
    assert.deepEqual(picked, ['csv-ada item_2 0 q1', 'csv-ada item_2 1 q2', 'csv-bob item_1 0 q1']);
    assert.match(
      rows.find((r) => r.includes('csv-ada') && r.includes(',0,q1,'))!,
      /"a,b","a,b",correct/,
    );

    await courier.gqlOk(
      'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
      {
        i: {
          name: 'Elsewhere',
          adminEmail: 'csv-other@courier.test',
          adminPassword: 'other-password-1',
        },
      },
      token,
    );
    const { login } = await courier.gqlOk(
      'mutation { login(email: "csv-other@courier.test", password: "other-password-1") { token } }',
    );
    const other = await fetch(`${courier.url}/api/exports/interactions.csv?courseId=${courseId}`, {
      headers: { authorization: `Bearer ${login.token}` },
    });
    assert.equal(other.status, 404, "another organization's course is not found");
    const bad = await fetch(`${courier.url}/api/exports/interactions.csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error.code, 'BAD_USER_INPUT');
  });
});
