import type { KeyValueStore } from './commit-queue.js';

/**
 * Browser storage when the page may use it, else memory. A player inside another site's
 * frame (a dispatch hosted by another LMS) is often denied storage by third-party storage
 * blocking; it then keeps its queue in memory and still retries and beacons on exit.
 */
export function safeStorage(kind: 'localStorage' | 'sessionStorage'): KeyValueStore {
  try {
    const storage = window[kind];
    const probe = '__courier_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}
