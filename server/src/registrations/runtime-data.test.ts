import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { BEACON_MAX_COMMITS } from './commit-beacon.js';
import { MAX_SESSIONS_PER_SCO } from './commit-runtime.js';
import {
  commit,
  importOk,
  registerAndLaunch,
  type LaunchInfo,
} from '@courier/tests/support/api.js';
import { scorm12SinglePackage } from '@courier/tests/support/scorm-packages.js';
import { startTestCourier, type TestCourier } from '@courier/tests/support/test-courier.js';
import { MINIMUM_RUNTIME_DATA_BYTES, storedSizeOf } from '../scorm/runtime-data.js';

/** Strings the content may set that jsonb, text or UTF-8 cannot hold as they are. */
const HOSTILE = {
  nul: 'before\u0000after',
  loneHigh: 'a\uD800b',
  loneLow: '\uDC00',
  reversedPair: '\uDC00\uD800',
  emoji: 'done 🎓👩🏽‍🏫',
  escapeMark: '\uE000\uE0000041\uE000',
  quotes: `'); DROP TABLE registrations; -- ? $1 '?' \\ "`,
};

/**
 * The bytes the commit pool's connections send and receive while `run` runs, and the round
 * trips (messages sent) on them.
 */
async function poolTraffic(
  pool: pg.Pool,
  run: () => Promise<unknown>,
): Promise<{ bytes: number; roundTrips: number }> {
  type Stream = { bytesRead: number; bytesWritten: number };
  const streamOf = (client: pg.PoolClient) =>
    (client as unknown as { connection: { stream: Stream } }).connection.stream;
  const at = new Map<pg.PoolClient, number>();
  let total = 0;
  let roundTrips = 0;
  const query = (client: pg.PoolClient) => client.query.bind(client) as (...a: unknown[]) => any;
  const originals = new Map<pg.PoolClient, pg.PoolClient['query']>();
  const onAcquire = (client: pg.PoolClient) => {
    const s = streamOf(client);
    at.set(client, s.bytesRead + s.bytesWritten);
    const original = query(client);
    originals.set(client, client.query);
    (client as { query: unknown }).query = (...args: unknown[]) => {
      roundTrips++;
      return original(...args);
    };
  };
  const onRelease = (_err: Error | undefined, client: pg.PoolClient) => {
    const s = streamOf(client);
    total += s.bytesRead + s.bytesWritten - (at.get(client) ?? 0);
    client.query = originals.get(client)!;
  };
  pool.on('acquire', onAcquire);
  pool.on('release', onRelease);
  try {
    await run();
  } finally {
    pool.off('acquire', onAcquire);
    pool.off('release', onRelease);
  }
  return { bytes: total, roundTrips };
}

describe('stored runtime data', () => {
  let courier: TestCourier;
  let token: string;
  let course: string;
  const limitKb = Math.ceil(MINIMUM_RUNTIME_DATA_BYTES / 1024);
  before(async () => {
    courier = await startTestCourier({ RUNTIME_DATA_LIMIT_KB: String(limitKb) });
    token = await courier.ownerToken();
    course = await importOk(courier, token, await scorm12SinglePackage({ title: 'Round trip' }));
  });
  after(async () => {
    await courier.stop();
  });

  const relaunchInit = async (launch: LaunchInfo) => {
    const { launchRegistration } = await courier.gqlOk(
      'mutation($id: ID!) { launchRegistration(id: $id) { token } }',
      { id: launch.registrationId },
      token,
    );
    const { playerSession } = await courier.gqlOk(
      '{ playerSession { items { init } } }',
      {},
      launchRegistration.token,
    );
    return playerSession.items[0].init as Record<string, string>;
  };
  const activity = async (launch: LaunchInfo) =>
    (
      await courier.gqlOk(
        'query($id: ID!) { registration(id: $id) { resumePoint activities { location cmi } } }',
        { id: launch.registrationId },
        token,
      )
    ).registration;

  it('hands back every value exactly: U+0000, lone surrogates, emoji, the escape mark, long text', async () => {
    const launch = await registerAndLaunch(courier, token, course, { id: 'round-trip' });
    const long = `${HOSTILE.nul}${'ü'.repeat(60_000)}${HOSTILE.loneHigh}`;
    for (const [name, value] of Object.entries(HOSTILE)) {
      const seq = Object.keys(HOSTILE).indexOf(name) + 1;
      const res = await commit(courier, launch, seq, {
        'cmi.suspend_data': value,
        'cmi.core.lesson_location': value,
        'cmi.core.exit': 'suspend',
      });
      assert.equal(res.errors, undefined, `${name}: ${JSON.stringify(res.errors)}`);
      assert.equal(res.data!.commitRuntime.registration.resumePoint, value, name);
      const init = await relaunchInit(launch);
      assert.equal(init['cmi.suspend_data'], value, `${name} through the runtime init`);
      assert.equal(init['cmi.core.lesson_location'], value, `${name} as the location`);
      const read = await activity(launch);
      assert.equal(read.resumePoint, value, `${name} as the resume point`);
      assert.equal(read.activities[0].location, value, `${name} in activities`);
      assert.equal(read.activities[0].cmi['cmi.suspend_data'], value, `${name} in activities`);
    }
    const res = await commit(courier, launch, 100, { 'cmi.suspend_data': long });
    assert.equal(res.errors, undefined);
    assert.equal((await relaunchInit(launch))['cmi.suspend_data'], long);
    assert.equal((await activity(launch)).activities[0].cmi['cmi.suspend_data'], long);
    const next = await commit(courier, launch, 101, { 'cmi.core.lesson_status': 'completed' });
    assert.equal(next.data!.commitRuntime.registration.status, 'COMPLETED', 'later commits go on');
  });

  it('refuses a commit past the cap naming the limit, and changes nothing', async () => {
    const launch = await registerAndLaunch(courier, token, course, { id: 'capped' });
    const limitBytes = limitKb * 1024;
    // Fill the SCO to within a few KiB of the cap, in commits under it.
    const fill = 'x'.repeat(60_000);
    let seq = 0;
    let n = 0;
    const big: Record<string, string> = {};
    while (storedSizeOf({ ...big, 'cmi.suspend_data': 'y' }) < limitBytes - 70_000) {
      big[`cmi.interactions.${n}.student_response`] = fill;
      n++;
    }
    const entries = Object.entries(big);
    for (let i = 0; i < entries.length; i += 8) {
      const res = await commit(courier, launch, ++seq, Object.fromEntries(entries.slice(i, i + 8)));
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    }
    await commit(courier, launch, ++seq, { 'cmi.core.lesson_location': 'kept' });
    const over = await commit(courier, launch, seq + 1, {
      'cmi.suspend_data': 'z'.repeat(80_000),
      'cmi.core.lesson_location': 'lost',
    });
    assert.equal(over.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(over.errors![0]!.message, /RUNTIME_DATA_LIMIT_KB/);
    assert.match(over.errors![0]!.message, new RegExp(`${limitKb} KiB`));
    assert.equal(over.errors![0]!.extensions!['limitBytes'], limitBytes);
    const init = await relaunchInit(launch);
    assert.equal(init['cmi.core.lesson_location'], 'kept');
    assert.equal(init['cmi.suspend_data'] ?? '', '');
    const alone = await commit(courier, launch, seq + 1, {
      'cmi.suspend_data': 'z'.repeat(limitBytes),
    });
    assert.equal(alone.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', 'one commit alone passes');
    const same = await commit(courier, launch, seq + 1, { 'cmi.core.lesson_location': 'next' });
    assert.equal(same.data!.commitRuntime.accepted, true, 'the refused commits used no seq');
  });

  it('costs the same bytes and two round trips per commit with ~1.7 MiB stored as on an empty SCO', async () => {
    const empty = await registerAndLaunch(courier, token, course, { id: 'cost-empty' });
    const full = await registerAndLaunch(courier, token, course, { id: 'cost-full' });
    for (let i = 0; i < 28; i++) {
      const res = await commit(courier, full, i + 1, {
        [`cmi.interactions.${i}.student_response`]: String(i).repeat(60_000).slice(0, 60_000),
      });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    }
    await commit(courier, empty, 1, { 'cmi.core.lesson_location': 'a' });
    const one = (launch: LaunchInfo, seq: number) =>
      poolTraffic(courier.services.sql, async () => {
        const res = await commit(courier, launch, seq, { 'cmi.core.lesson_location': 'p2' });
        assert.equal(res.data!.commitRuntime.accepted, true);
      });
    const onEmpty = await one(empty, 2);
    const onFull = await one(full, 29);
    assert.ok(onEmpty.bytes > 0, 'the commit went through the commit pool');
    assert.ok(
      onFull.bytes < onEmpty.bytes + 1024,
      `${onFull.bytes} bytes with 1.7 MiB stored, ${onEmpty.bytes} empty`,
    );
    assert.equal(onEmpty.roundTrips, 2, 'gate, lock and read; then write and commit');
    assert.equal(onFull.roundTrips, 2);
  });

  it('keeps at most MAX_SESSIONS_PER_SCO sessions per SCO, refusing a new one past it', async () => {
    const launch = await registerAndLaunch(courier, token, course, { id: 'sessions' });
    const first = await commit(
      courier,
      launch,
      1,
      { 'cmi.core.lesson_location': 'a' },
      {
        sessionId: 'session-0',
      },
    );
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    // Fill the SCO's sessions to the bound directly, as many invented session ids would.
    await courier.services.orm.em.fork().execute(
      `UPDATE sco_states SET sessions = (
         SELECT jsonb_object_agg('s' || n, sessions->'session-0') FROM generate_series(1, ?) n)
       WHERE registration_id = ?`,
      [MAX_SESSIONS_PER_SCO, launch.registrationId],
    );
    const refused = await commit(
      courier,
      launch,
      2,
      { 'cmi.core.lesson_location': 'b' },
      {
        sessionId: 'one-more',
      },
    );
    assert.equal(refused.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(
      refused.errors![0]!.message,
      new RegExp(`at most ${MAX_SESSIONS_PER_SCO} sessions`),
    );
    const known = await commit(
      courier,
      launch,
      2,
      { 'cmi.core.lesson_location': 'c' },
      {
        sessionId: 's1',
      },
    );
    assert.equal(known.data?.commitRuntime.accepted, true, 'a known session goes on');
  });

  it('refuses a beacon with too many commits, applying none', async () => {
    const launch = await registerAndLaunch(courier, token, course, { id: 'beacon' });
    const commits = Array.from({ length: BEACON_MAX_COMMITS + 1 }, (_, i) => ({
      attemptId: launch.attemptId,
      seq: i + 1,
      cmi: { 'cmi.core.lesson_location': `p${i + 1}` },
    }));
    const res = await fetch(`${courier.url}/api/runtime/commits`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ token: launch.token, commits }),
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'BAD_USER_INPUT');
    assert.match(body.error.message, new RegExp(`at most ${BEACON_MAX_COMMITS} commits`));
    const first = await commit(courier, launch, 1, { 'cmi.core.lesson_location': 'one' });
    assert.equal(
      first.data!.commitRuntime.accepted,
      true,
      'no commit of the refused beacon applied',
    );
  });
});
