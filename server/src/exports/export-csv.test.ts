import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { importOk } from '../testing/api.js';
import { scorm12SinglePackage } from '../testing/scorm-packages.js';
import { startTestCourier, type TestCourier } from '../testing/test-courier.js';
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
});
