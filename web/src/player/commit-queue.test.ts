import { describe, expect, it } from 'vitest';
import {
  AuthError,
  backoffMs,
  beaconBodies,
  CommitQueue,
  RejectedError,
  TransientError,
  type KeyValueStore,
  type RuntimeCommit,
} from './commit-queue';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const ack = { accepted: true, registration: null };

describe('CommitQueue', () => {
  it('sends commits in order with increasing seq and forgets them once acknowledged', async () => {
    const sent: number[] = [];
    const store = memoryStore();
    const queue = new CommitQueue('a1', 't', {
      store,
      send: async (c) => (sent.push(c.seq), ack),
      renew: async () => null,
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '1' } });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '2' } });
    await queue.flush();
    expect(sent).toEqual([1, 2]);
    expect(queue.pending()).toEqual([]);
    expect(store.data.has('courier.queue.a1')).toBe(false);
  });

  it('keeps its launch token in storage only while commits wait to be sent', async () => {
    // Every course shares the content origin: a token left behind is one another course can read.
    const store = memoryStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new CommitQueue('a7', 'tok-7', {
      store,
      send: async () => (await gate, ack),
      renew: async () => null,
    });
    expect(store.data.has('courier.token.a7')).toBe(false);
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '1' } });
    expect(store.data.get('courier.token.a7')).toBe('tok-7');
    release();
    await queue.flush();
    expect(store.data.has('courier.token.a7')).toBe(false);
  });

  it('sends a commit enqueued while a drain of the empty queue is settling', async () => {
    // The player flushes leftovers at start and then, in the same task, opens an asset, whose
    // only commit is enqueued right away: it must not wait for some later flush.
    const sent: number[] = [];
    const queue = new CommitQueue('a0', 't', {
      store: memoryStore(),
      send: async (c) => (sent.push(c.seq), ack),
      renew: async () => null,
    });
    const first = queue.flush();
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: {} });
    await queue.flush();
    expect(sent).toEqual([1]);
    expect(queue.pending()).toEqual([]);
    await first;
  });

  it('keeps unsent commits across a reload and continues the sequence', async () => {
    const store = memoryStore();
    const offline = new CommitQueue('a2', 't', {
      store,
      send: async () => {
        throw new TransientError('down');
      },
      renew: async () => null,
      sleep: () => new Promise(() => {}),
    });
    offline.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '1' } });
    await Promise.resolve();
    const sent: RuntimeCommit[] = [];
    const reloaded = new CommitQueue('a2', 't', {
      store,
      send: async (c) => (sent.push(c), ack),
      renew: async () => null,
    });
    reloaded.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '2' } });
    await reloaded.flush();
    expect(sent.map((c) => [c.seq, c.cmi['a']])).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
  });

  it('retries with backoff while the network is down, then delivers', async () => {
    let failures = 2;
    const waits: number[] = [];
    const sent: number[] = [];
    const queue = new CommitQueue('a3', 't', {
      store: memoryStore(),
      send: async (c) => {
        if (failures-- > 0) throw new TransientError('offline');
        sent.push(c.seq);
        return ack;
      },
      renew: async () => null,
      sleep: async (ms) => void waits.push(ms),
      random: () => 1,
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: {} });
    await queue.flush();
    expect(sent).toEqual([1]);
    expect(waits).toEqual([1000, 2000]);
  });

  it('renews an expired token and resends with the new one', async () => {
    const tokens: string[] = [];
    const queue = new CommitQueue('a4', 'old', {
      store: memoryStore(),
      send: async (_c, token) => {
        tokens.push(token);
        if (token === 'old') throw new AuthError('expired');
        return ack;
      },
      renew: async () => ({ token: 'new', expiresAt: new Date().toISOString() }),
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: {} });
    await queue.flush();
    expect(tokens).toEqual(['old', 'new']);
    expect(queue.currentToken()).toBe('new');
  });

  it('drops a commit the server refuses as bad input instead of blocking the rest', async () => {
    const sent: number[] = [];
    const queue = new CommitQueue('a5', 't', {
      store: memoryStore(),
      send: async (c) => {
        if (c.seq === 1) throw new RejectedError('bad');
        sent.push(c.seq);
        return ack;
      },
      renew: async () => null,
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: {} });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: {} });
    await queue.flush();
    expect(sent).toEqual([2]);
  });

  it('keeps the completion of a commit refused whole (past the data cap) and sends it alone', async () => {
    const sent: Array<Record<string, string>> = [];
    const queue = new CommitQueue('a8', 't', {
      store: memoryStore(),
      send: async (c) => {
        if ('cmi.suspend_data' in c.cmi) throw new RejectedError('past the cap');
        sent.push(c.cmi);
        return ack;
      },
      renew: async () => null,
    });
    queue.enqueue({
      scoId: 's',
      sessionId: 'x',
      cmi: { 'cmi.suspend_data': 'x'.repeat(100), 'cmi.core.lesson_status': 'completed' },
    });
    await queue.flush();
    expect(sent).toEqual([{ 'cmi.core.lesson_status': 'completed' }]);
  });

  it('retries a renewal lost in transit instead of calling the launch expired', async () => {
    const states: string[] = [];
    let renewals = 0;
    const queue = new CommitQueue('a9', 'old', {
      store: memoryStore(),
      send: async (_c, token) => {
        if (token === 'old') throw new AuthError('expired token');
        return ack;
      },
      renew: async () => {
        renewals++;
        if (renewals === 1) throw new TransientError('network down');
        return { token: 'new', expiresAt: new Date().toISOString() };
      },
      sleep: async () => {},
      onState: (state) => states.push(state),
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { 'cmi.location': 'p2' } });
    await queue.flush();
    expect(renewals).toBe(2);
    expect(states).not.toContain('expired');
    expect(queue.pending()).toEqual([]);
  });
});

describe('backoff and beacons', () => {
  it('backs off exponentially up to 30 s', () => {
    expect([1, 2, 3, 10].map((n) => backoffMs(n, 1))).toEqual([1000, 2000, 4000, 30000]);
    expect(backoffMs(1, 0)).toBe(500);
  });

  it('splits pending commits into beacon bodies under 60 KB', () => {
    const commits = Array.from({ length: 5 }, (_, i) => ({
      attemptId: 'a',
      seq: i + 1,
      scoId: 's',
      sessionId: 'x',
      cmi: { 'cmi.suspend_data': 'x'.repeat(25_000) },
    }));
    const bodies = beaconBodies('tok', commits);
    expect(bodies.length).toBe(3);
    for (const body of bodies) expect(new Blob([body]).size).toBeLessThanOrEqual(60_000);
    expect(bodies.flatMap((b) => JSON.parse(b).commits.map((c: RuntimeCommit) => c.seq))).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it('puts at most 50 commits in one beacon body, as the server takes them', () => {
    const commits = Array.from({ length: 120 }, (_, i) => ({
      attemptId: 'a',
      seq: i + 1,
      scoId: 's',
      sessionId: 'x',
      cmi: { 'cmi.location': String(i) },
    }));
    const bodies = beaconBodies('tok', commits).map((b) => JSON.parse(b).commits.length);
    expect(bodies).toEqual([50, 50, 20]);
  });
});

describe('leftovers of earlier launches', () => {
  it('finds attempts with unsent commits and a stored token, not the current one', () => {
    const data = new Map<string, string>([
      ['courier.queue.old', '[{"seq":1}]'],
      ['courier.token.old', 'tok-old'],
      ['courier.queue.current', '[{"seq":1}]'],
      ['courier.token.current', 'tok'],
      ['courier.queue.tokenless', '[{"seq":1}]'],
    ]);
    const keys = [...data.keys()];
    const store = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
      length: keys.length,
      key: (i: number) => keys[i] ?? null,
    };
    expect(CommitQueue.leftoverAttempts(store, 'current')).toEqual(['old']);
  });

  it('sends a leftover queue with the token it was stored with', async () => {
    const store = memoryStore();
    const first = new CommitQueue('old', 'tok-old', {
      store,
      send: async () => {
        throw new TransientError('closed');
      },
      renew: async () => null,
      sleep: () => new Promise(() => {}),
    });
    first.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '1' } });
    await Promise.resolve();
    const tokens: string[] = [];
    await new CommitQueue('old', '', {
      store,
      send: async (_c, token) => (tokens.push(token), ack),
      renew: async () => null,
    }).flush();
    expect(tokens).toEqual(['tok-old']);
  });
});

describe('a refused value', () => {
  it('is dropped alone, and the rest of its commit (a completion) still goes out', async () => {
    const sent: Array<Record<string, string>> = [];
    const queue = new CommitQueue('r1', 't', {
      store: memoryStore(),
      send: async (c) => {
        if ('cmi.core.session_time' in c.cmi)
          throw new RejectedError('bad time', 'cmi.core.session_time');
        sent.push({ ...c.cmi });
        return ack;
      },
      renew: async () => null,
    });
    queue.enqueue({
      scoId: 's',
      sessionId: 'x',
      cmi: { 'cmi.core.lesson_status': 'completed', 'cmi.core.session_time': '0:05:00' },
      finished: true,
    });
    await queue.flush();
    expect(sent).toEqual([{ 'cmi.core.lesson_status': 'completed' }]);
  });
});

describe('a commit that cannot go through', () => {
  it('is reported when refused for its content, and the commits behind it go on', async () => {
    const sent: number[] = [];
    const refused: Array<[number, string | null, string]> = [];
    const queue = new CommitQueue('p1', 't', {
      store: memoryStore(),
      send: async (c) => {
        if ('cmi.interactions.0.latency' in c.cmi)
          throw new RejectedError('bad latency', 'cmi.interactions.0.latency');
        sent.push(c.seq);
        return ack;
      },
      renew: async () => null,
      onRefused: (r) => refused.push([r.commit.seq, r.element, r.code]),
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { 'cmi.interactions.0.latency': 'x' } });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { 'cmi.core.lesson_location': 'p2' } });
    await queue.flush();
    expect(refused).toEqual([[1, 'cmi.interactions.0.latency', 'BAD_USER_INPUT']]);
    expect(sent).toEqual([2]);
  });

  it('says not saved after the bound, moves behind a commit that goes through, and keeps retrying', async () => {
    let clock = 0;
    let healed = false;
    const states: string[] = [];
    const sent: Array<[number, Record<string, string>]> = [];
    const queue = new CommitQueue('p2', 't', {
      store: memoryStore(),
      send: async (c) => {
        if (c.cmi['cmi.suspend_data'] === 'poison' && !healed) throw new TransientError('500');
        sent.push([c.seq, { ...c.cmi }]);
        return ack;
      },
      renew: async () => null,
      parkAfterMs: 60_000,
      now: () => clock,
      sleep: async () => {
        clock += 25_000;
        // The server learns to store the value only after the queue has gone round it.
        if (sent.length > 0) healed = true;
      },
      onState: (state) => states.push(state),
    });
    queue.enqueue({
      scoId: 's',
      sessionId: 'x',
      cmi: { 'cmi.suspend_data': 'poison', 'cmi.core.lesson_location': 'p1' },
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { 'cmi.core.lesson_location': 'p2' } });
    await queue.flush();
    // The later location went first; the stuck one follows under a new seq, without the
    // location a later commit replaced.
    expect(sent).toEqual([
      [2, { 'cmi.core.lesson_location': 'p2' }],
      [3, { 'cmi.suspend_data': 'poison' }],
    ]);
    expect(states).toContain('offline');
    expect(states).toContain('unsaved');
    expect(states.at(-1)).toBe('saved');
  });

  it('keeps the order while nothing goes through, and says not saved past the bound', async () => {
    let clock = 0;
    let down = true;
    const states: string[] = [];
    const sent: number[] = [];
    const queue = new CommitQueue('p3', 't', {
      store: memoryStore(),
      send: async (c) => {
        if (down) throw new TransientError('offline');
        sent.push(c.seq);
        return ack;
      },
      renew: async () => null,
      parkAfterMs: 60_000,
      now: () => clock,
      sleep: async () => {
        clock += 30_000;
        if (clock > 200_000) down = false;
      },
      onState: (state) => states.push(state),
    });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '1' } });
    queue.enqueue({ scoId: 's', sessionId: 'x', cmi: { a: '2' } });
    await queue.flush();
    expect(sent).toEqual([1, 2]);
    expect(states.indexOf('unsaved')).toBeGreaterThan(states.indexOf('offline'));
    expect(states.at(-1)).toBe('saved');
  });
});
