import type { ServerResponse } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../errors.js';
import { RegistrationStatus } from '../registrations/registration.entity.js';
import { activityOf } from '../registrations/activity.js';
import type { StoredScoState } from '../registrations/sco-facts.js';
import { decodeCmi } from '../scorm/runtime-data.js';
import type { ScormVersion } from '../scorm/cmi-time.js';
import type { ManifestItem } from '../scorm/manifest.js';
import { csvLine } from './csv.js';

const BATCH = 1000;

/** Writes and waits for the socket to drain, so memory stays bounded whatever the size. */
async function write(res: ServerResponse, text: string): Promise<void> {
  if (!res.write(text)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

function startCsv(res: ServerResponse, filename: string): void {
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  });
}

/**
 * Streams the organization's registrations (with the dashboard's filters) as CSV, reading in
 * keyset-paginated batches so a million rows never sit in memory at once.
 */
export async function exportRegistrationsCsv(
  em: EntityManager,
  res: ServerResponse,
  filter: {
    organizationId: string;
    courseId: string | null;
    status: string | null;
    search: string | null;
  },
): Promise<void> {
  if (filter.status && !(filter.status in RegistrationStatus))
    throw new BadUserInputError(`Unknown status ${filter.status}`);
  const conditions = ['r.organization_id = ?'];
  const params: unknown[] = [filter.organizationId];
  if (filter.courseId) {
    conditions.push('r.course_id = ?');
    params.push(filter.courseId);
  }
  if (filter.status) {
    conditions.push('r.status = ?');
    params.push(filter.status);
  }
  if (filter.search?.trim()) {
    const pattern = `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push('(r.learner_id ILIKE ? OR r.learner_name ILIKE ? OR r.learner_email ILIKE ?)');
    params.push(pattern, pattern, pattern);
  }
  startCsv(res, 'registrations.csv');
  await write(
    res,
    csvLine([
      'registration_id',
      'course',
      'learner_id',
      'learner_name',
      'learner_email',
      'status',
      'progress',
      'progress_source',
      'score_scaled',
      'score_raw',
      'time_spent_seconds',
      'can_resume',
      'last_activity_at',
      'completed_at',
      'created_at',
    ]),
  );
  let after: { createdAt: Date; id: string } | null = null;
  while (true) {
    const page: Array<Record<string, any>> = await em.execute(
      `SELECT r.*, c.title AS course_title FROM registrations r JOIN courses c ON c.id = r.course_id
        WHERE ${conditions.join(' AND ')} ${after ? 'AND (r.created_at, r.id) < (?, ?)' : ''}
        ORDER BY r.created_at DESC, r.id DESC LIMIT ${BATCH}`,
      after ? [...params, after.createdAt, after.id] : params,
    );
    for (const r of page) {
      await write(
        res,
        csvLine([
          r['id'],
          r['course_title'],
          r['learner_id'],
          r['learner_name'],
          r['learner_email'],
          r['status'],
          r['progress'],
          r['progress_source'],
          r['score_scaled'],
          r['score_raw'],
          r['time_spent_seconds'],
          r['can_resume'],
          r['last_activity_at'],
          r['completed_at'],
          r['created_at'],
        ]),
      );
    }
    if (page.length < BATCH) break;
    const last = page.at(-1)!;
    after = { createdAt: last['created_at'] as Date, id: last['id'] as string };
  }
  res.end();
}

/** Streams a dispatch's launches with their registrations' progress as CSV. */
export async function exportDispatchLaunchesCsv(
  em: EntityManager,
  res: ServerResponse,
  dispatchId: string,
): Promise<void> {
  startCsv(res, 'dispatch-launches.csv');
  await write(
    res,
    csvLine([
      'launch_id',
      'learner_id',
      'learner_email',
      'status',
      'progress',
      'score_scaled',
      'launched_at',
      'last_launch_at',
      'completed_at',
      'ip_address',
      'user_agent',
    ]),
  );
  let after: { launchedAt: Date; id: string } | null = null;
  while (true) {
    const page: Array<Record<string, any>> = await em.execute(
      `SELECT l.*, r.status, r.progress, r.score_scaled FROM dispatch_launches l JOIN registrations r ON r.id = l.registration_id
        WHERE l.dispatch_id = ? ${after ? 'AND (l.launched_at, l.id) < (?, ?)' : ''}
        ORDER BY l.launched_at DESC, l.id DESC LIMIT ${BATCH}`,
      after ? [dispatchId, after.launchedAt, after.id] : [dispatchId],
    );
    for (const l of page) {
      await write(
        res,
        csvLine([
          l['id'],
          l['learner_id'],
          l['learner_email'],
          l['status'],
          l['progress'],
          l['score_scaled'],
          l['launched_at'],
          l['last_launch_at'],
          l['completed_at'],
          l['ip_address'],
          l['user_agent'],
        ]),
      );
    }
    if (page.length < BATCH) break;
    const last = page.at(-1)!;
    after = { launchedAt: last['launched_at'] as Date, id: last['id'] as string };
  }
  res.end();
}

/**
 * Streams every answer learners gave in a course (cmi.interactions of every SCO), one row each,
 * for item analysis: read a batch of registrations at a time with their SCO states, so memory
 * stays bounded.
 */
export async function exportInteractionsCsv(
  em: EntityManager,
  res: ServerResponse,
  course: { id: string; scormVersion: string; items: ManifestItem[] },
): Promise<void> {
  startCsv(res, 'interactions.csv');
  await write(
    res,
    csvLine([
      'registration_id',
      'learner_id',
      'learner_name',
      'item_id',
      'item_title',
      'interaction_index',
      'interaction_id',
      'type',
      'description',
      'learner_response',
      'correct_responses',
      'result',
      'weighting',
      'latency',
      'timestamp',
    ]),
  );
  let after: { createdAt: Date; id: string } | null = null;
  while (true) {
    const page: Array<Record<string, any>> = await em.execute(
      `SELECT r.id, r.created_at, r.learner_id, r.learner_name,
              coalesce(json_agg(json_build_object('sco_id', s.sco_id, 'cmi', s.cmi)) FILTER (WHERE s.id IS NOT NULL), '[]') AS states
         FROM registrations r LEFT JOIN sco_states s ON s.registration_id = r.id
        WHERE r.course_id = ? ${after ? 'AND (r.created_at, r.id) < (?, ?)' : ''}
        GROUP BY r.id ORDER BY r.created_at DESC, r.id DESC LIMIT ${BATCH}`,
      after ? [course.id, after.createdAt, after.id] : [course.id],
    );
    for (const r of page) {
      const states = new Map<string, StoredScoState>(
        (r['states'] as Array<{ sco_id: string; cmi: Record<string, string> }>).map((s) => [
          s.sco_id,
          { cmi: decodeCmi(s.cmi), sessions: {}, finished: false },
        ]),
      );
      for (const item of course.items) {
        const state = states.get(item.identifier);
        if (!state) continue;
        const activity = activityOf(course.scormVersion as ScormVersion, item, state);
        for (const i of activity.interactions) {
          await write(
            res,
            csvLine([
              r['id'],
              r['learner_id'],
              r['learner_name'],
              item.identifier,
              item.title,
              i.index,
              i.id,
              i.type,
              i.description,
              i.learnerResponse,
              i.correctResponses.join(' | '),
              i.result,
              i.weighting,
              i.latency,
              i.timestamp,
            ]),
          );
        }
      }
    }
    if (page.length < BATCH) break;
    const last = page.at(-1)!;
    after = { createdAt: new Date(last['created_at'] as string), id: last['id'] as string };
  }
  res.end();
}
