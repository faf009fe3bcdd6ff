import { describe, expect, it } from 'vitest';
import { AuthError, TransientError } from './commit-queue.js';
import { SequencingStateSaver, type SendState } from './sequencing-state-saver.js';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

describe('SequencingStateSaver', () => {
  it('sends only the newest state while one is in flight, with rising seq across reloads', async () => {
    const sent: Array<{ seq: number; state: unknown }> = [];
    let release!: () => void;
    const send: SendState = async (input) => {
      sent.push({ seq: input.seq, state: input.state });
      if (sent.length === 1) await new Promise<void>((r) => (release = r));
      return true;
    };
    const store = memoryStore();
    const saver = new SequencingStateSaver('a1', { store, send, token: () => 't' });
    saver.save('{"v":1}');
    saver.save('{"v":2}');
    saver.save('{"v":3}');
    const done = saver.flush();
    release();
    expect(await done).toBe(true);
    expect(sent).toEqual([
      { seq: 1, state: { v: 1 } },
      { seq: 2, state: { v: 3 } },
    ]);
    const reloaded = new SequencingStateSaver('a1', { store, send, token: () => 't' });
    reloaded.save('{"v":4}');
    await reloaded.flush();
    expect(sent.at(-1)).toEqual({ seq: 3, state: { v: 4 } });
  });

  it('retries a transient failure, and gives up on a refused token', async () => {
    let calls = 0;
    const flaky: SendState = async () => {
      if (++calls < 3) throw new TransientError('offline');
      return true;
    };
    const sleep = async () => {};
    const saver = new SequencingStateSaver('a2', {
      store: memoryStore(),
      send: flaky,
      token: () => 't',
      sleep,
    });
    saver.save('{"v":1}');
    expect(await saver.flush()).toBe(true);
    expect(calls).toBe(3);

    const refused = new SequencingStateSaver('a3', {
      store: memoryStore(),
      send: async () => {
        throw new AuthError('expired');
      },
      token: () => 't',
      sleep,
    });
    refused.save('{"v":1}');
    expect(await refused.flush()).toBe(false);
  });
});
