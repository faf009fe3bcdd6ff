import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../errors.js';
import { Registration, RegistrationStatus } from './registration.entity.js';
import type { RegistrationConnection } from './registration.inputs.js';
import { readStats } from './registration-stats.js';

export interface RegistrationFilter {
  organizationId: string;
  courseId?: string | null;
  status?: RegistrationStatus | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

export const MAX_PAGE_SIZE = 200;

const STATUS_KEY = {
  NOT_STARTED: 'notStarted',
  IN_PROGRESS: 'inProgress',
  COMPLETED: 'completed',
  PASSED: 'passed',
  FAILED: 'failed',
} as const;

/**
 * A page of registrations, newest first, with their courses joined (one statement), and the
 * total: from the stats counters when no search narrows it, so it stays cheap at any size.
 */
export async function listRegistrations(
  em: EntityManager,
  filter: RegistrationFilter,
): Promise<RegistrationConnection> {
  const first = filter.first ?? 50;
  if (first < 1 || first > MAX_PAGE_SIZE)
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`);
  const where: FilterQuery<Registration> = { organization: filter.organizationId };
  if (filter.courseId) where.course = filter.courseId;
  if (filter.status) where.status = filter.status;
  const search = filter.search?.trim();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.$or = [
      { learnerId: { $ilike: pattern } },
      { learnerName: { $ilike: pattern } },
      { learnerEmail: { $ilike: pattern } },
    ];
  }
  const pageWhere: FilterQuery<Registration> = { ...where };
  if (filter.after) {
    const { createdAt, id } = decodeCursor(filter.after);
    pageWhere.$and = [{ $or: [{ createdAt: { $lt: createdAt } }, { createdAt, id: { $lt: id } }] }];
  }
  const rows = await em.find(Registration, pageWhere, {
    populate: ['course'],
    orderBy: { createdAt: 'desc', id: 'desc' },
    limit: first + 1,
  });
  const hasNextPage = rows.length > first;
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
  let totalCount: number;
  if (search) {
    totalCount = await em.count(Registration, where);
  } else {
    const stats = await readStats(em, {
      organizationId: filter.organizationId,
      courseId: filter.courseId ?? undefined,
    });
    totalCount = filter.status ? stats[STATUS_KEY[filter.status]] : stats.total;
  }
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

function encodeCursor(registration: Registration): string {
  return Buffer.from(`${registration.createdAt.toISOString()}|${registration.id}`).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new BadUserInputError('The cursor is not one this API gave out');
  }
  return { createdAt, id };
}
