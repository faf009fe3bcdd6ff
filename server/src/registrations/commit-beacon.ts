import type { IncomingMessage } from 'node:http';
import type { AppServices } from '../app-services.js';
import { BadUserInputError, DomainError, mapDriverError, UnauthenticatedError } from '../errors.js';
import { authenticate } from '../auth/authenticate.js';
import { readBody } from '../http/respond.js';
import { commitRuntime, type CommitInput } from './commit-runtime.js';

/** Beacons and keepalive fetches cap a request at 64 KiB; allow a little framing slack. */
const BEACON_LIMIT_BYTES = 96 * 1024;

/**
 * The most commits one beacon request may carry. Each is a transaction of its own; a player
 * leaving a page has a handful pending, and more in one request is a way to make the server
 * work without end on one connection.
 */
export const BEACON_MAX_COMMITS = 50;

export interface BeaconResult {
  seq: number;
  accepted: boolean;
  error?: { code: string; message: string };
}

/**
 * `POST /api/runtime/commits`: the player's flush on pagehide. A beacon cannot set headers, so
 * the launch token rides in the body. Commits apply in order with the same once-only rules.
 */
export async function commitBeacon(
  services: AppServices,
  req: IncomingMessage,
): Promise<{ results: BeaconResult[] }> {
  const raw = await readBody(req, BEACON_LIMIT_BYTES);
  let body: { token?: unknown; commits?: unknown };
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadUserInputError('The body must be JSON: { "token": "...", "commits": [...] }');
  }
  if (typeof body.token !== 'string' || !Array.isArray(body.commits)) {
    throw new BadUserInputError('The body must be JSON: { "token": "...", "commits": [...] }');
  }
  if (body.commits.length > BEACON_MAX_COMMITS) {
    throw new BadUserInputError(
      `A beacon request carries at most ${BEACON_MAX_COMMITS} commits (got ${body.commits.length}); send the rest in further requests`,
      { field: 'commits', limit: BEACON_MAX_COMMITS },
    );
  }
  const em = services.orm.em.fork();
  const { launch } = await authenticate(services, () => em, body.token);
  if (!launch) throw new UnauthenticatedError('This needs a valid launch token');
  const commits = [...(body.commits as CommitInput[])].sort((a, b) => a.seq - b.seq);
  const results: BeaconResult[] = [];
  for (const commit of commits) {
    if (typeof commit !== 'object' || commit === null || typeof commit.cmi !== 'object') {
      results.push({
        seq: Number(commit?.seq),
        accepted: false,
        error: { code: 'BAD_USER_INPUT', message: 'Not a commit' },
      });
      continue;
    }
    try {
      const { accepted } = await commitRuntime({ em: em.fork(), services }, launch, commit);
      results.push({ seq: commit.seq, accepted });
    } catch (err) {
      const refusal = err instanceof DomainError ? err : mapDriverError(err);
      if (!refusal) throw err;
      results.push({
        seq: commit.seq,
        accepted: false,
        error: { code: refusal.code, message: refusal.message },
      });
    }
  }
  return { results };
}
