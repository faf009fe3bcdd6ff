import type { Orm } from '../db/orm.js';
import type { Viewer } from './principal.js';
import type { ApiKeyScope } from './api-key.entity.js';

interface Remembered<T> {
  until: number;
  value: Promise<T>;
}

const MAX_ENTRIES = 50_000;

/**
 * Whether a signed-in user or an API key still stands. The database is the truth, so a
 * revocation on one instance holds on every other; answers are remembered for `ttlMs` (a few
 * seconds) so a busy dashboard or socket costs one small query per principal per window.
 */
export class PrincipalCheck {
  private readonly sessions = new Map<string, Remembered<number | null>>();
  private readonly keys = new Map<string, Remembered<ApiKeyScope[] | null>>();

  constructor(
    private readonly orm: Orm,
    readonly ttlMs: number,
  ) {}

  /** The user's current session epoch, or null when the user is gone or disabled. */
  sessionEpoch(userId: string, now = Date.now()): Promise<number | null> {
    return this.remember(this.sessions, userId, now, async () => {
      const rows = await this.orm.em
        .getConnection()
        .execute<{ session_epoch: number; disabled_at: unknown }[]>(
          'select session_epoch, disabled_at from users where id = ?',
          [userId],
        );
      const row = rows[0];
      return row && row.disabled_at === null ? Number(row.session_epoch) : null;
    });
  }

  /** The key's scopes, or null when it is revoked or gone. */
  apiKeyScopes(keyId: string, now = Date.now()): Promise<ApiKeyScope[] | null> {
    return this.remember(this.keys, keyId, now, async () => {
      const rows = await this.orm.em
        .getConnection()
        .execute<{ scopes: ApiKeyScope[] | string }[]>(
          'select scopes from api_keys where id = ? and revoked_at is null',
          [keyId],
        );
      const row = rows[0];
      return row ? parseScopes(row.scopes) : null;
    });
  }

  /** True while the viewer's session or key is unexpired, unrevoked and its user enabled. */
  async stillValid(viewer: Viewer, now = Date.now()): Promise<boolean> {
    if (viewer.expiresAt && viewer.expiresAt.getTime() <= now) return false;
    if (viewer.kind === 'apiKey') return (await this.apiKeyScopes(viewer.id, now)) !== null;
    return (await this.sessionEpoch(viewer.id, now)) === (viewer.sessionEpoch ?? 0);
  }

  /** Drops what this instance remembers of a principal, after changing it here. */
  forget(id: string): void {
    this.sessions.delete(id);
    this.keys.delete(id);
  }

  private remember<T>(
    cache: Map<string, Remembered<T>>,
    id: string,
    now: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const known = cache.get(id);
    if (known && now < known.until) return known.value;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    const value = load();
    cache.set(id, { until: now + this.ttlMs, value });
    // A failed lookup is not an answer: the next caller asks again.
    value.catch(() => {
      if (cache.get(id)?.value === value) cache.delete(id);
    });
    return value;
  }
}

/** A text[] as the driver hands it: an array from pg, the literal `{A,B}` from some drivers. */
function parseScopes(value: ApiKeyScope[] | string): ApiKeyScope[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean) as ApiKeyScope[];
}
