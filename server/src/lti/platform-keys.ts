import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { requestPlatform } from './platform-http.js';

/** How long a platform's key set is used before it is fetched again. */
const CACHE_MS = 10 * 60_000;
/** A key id we do not know refetches the set, at most this often per platform. */
const COOLDOWN_MS = 30_000;
const MAX_CACHED = 1000;

interface Cached {
  fetchedAt: number;
  kids: Set<string>;
  keys: JWTVerifyGetKey;
}

/**
 * Platforms' public key sets, fetched with a bounded request and kept for ten minutes. A token
 * signed with a key id the cached set lacks (the platform rotated) fetches the set again, but
 * not more than once in 30 s, so forged kids cannot make us hammer the platform.
 */
export class PlatformKeys {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly allowPrivate: boolean) {}

  /** The key set to verify a token with `kid` from the platform whose JWKS is at `url`. */
  async keySetFor(
    url: string,
    kid: string | undefined,
    now = Date.now(),
  ): Promise<JWTVerifyGetKey> {
    const cached = this.cache.get(url);
    const fresh = cached && now - cached.fetchedAt < CACHE_MS;
    const knows = cached && (kid === undefined || cached.kids.has(kid));
    if (cached && fresh && (knows || now - cached.fetchedAt < COOLDOWN_MS)) return cached.keys;
    const response = await requestPlatform(url, {
      method: 'GET',
      headers: { accept: 'application/json' },
      allowPrivate: this.allowPrivate,
    });
    if (response.status !== 200)
      throw new Error(`the platform's key set answered HTTP ${response.status}`);
    const set = JSON.parse(response.body) as JSONWebKeySet;
    if (!set || !Array.isArray(set.keys)) throw new Error("the platform's key set has no keys");
    const entry: Cached = {
      fetchedAt: now,
      kids: new Set(set.keys.map((k) => k.kid).filter((k): k is string => typeof k === 'string')),
      keys: createLocalJWKSet(set),
    };
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(url, entry);
    return entry.keys;
  }
}
