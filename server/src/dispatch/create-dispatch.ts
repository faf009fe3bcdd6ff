import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hashSecret } from '../auth/tokens.js';
import { Course } from '../courses/course.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import { Dispatch } from './dispatch.entity.js';
import { DispatchCredentials } from './dispatch.inputs.js';

/** Creates a dispatch with a public key and a random secret that is returned this once. */
export async function createDispatch(
  em: EntityManager,
  input: {
    organizationId: string;
    courseId: string;
    recipientName: string;
    maxLaunches?: number | null;
    expiresAt?: Date | null;
  },
): Promise<DispatchCredentials> {
  const recipientName = input.recipientName.trim();
  if (!recipientName || recipientName.length > 200)
    throw new BadUserInputError('recipientName must have 1 to 200 characters');
  checkLimits(input.maxLaunches, input.expiresAt);
  const course = await em.findOne(Course, {
    id: input.courseId,
    organization: input.organizationId,
  });
  if (!course) throw new NotFoundError('Course', input.courseId);
  const key = `dk_${randomBytes(12).toString('base64url')}`;
  const secret = `ds_${randomBytes(32).toString('base64url')}`;
  const dispatch = em.create(Dispatch, {
    organization: input.organizationId,
    course,
    recipientName,
    key,
    secretHash: hashSecret(secret),
    maxLaunches: input.maxLaunches ?? null,
    expiresAt: input.expiresAt ?? null,
  });
  await em.flush();
  return Object.assign(new DispatchCredentials(), { dispatch, key, secret });
}

/** A cap is a positive whole number; an expiry is a real date. */
export function checkLimits(
  maxLaunches: number | null | undefined,
  expiresAt: Date | null | undefined,
): void {
  if (maxLaunches != null && (!Number.isInteger(maxLaunches) || maxLaunches < 1)) {
    throw new BadUserInputError(
      'maxLaunches must be a positive whole number (or null for no cap)',
      { field: 'maxLaunches' },
    );
  }
  if (expiresAt != null && Number.isNaN(expiresAt.getTime())) {
    throw new BadUserInputError('expiresAt is not a date', { field: 'expiresAt' });
  }
}
