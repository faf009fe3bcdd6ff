import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, InputType, Int } from 'type-graphql';
import type { AppServices } from '../app-services.js';
import { BadUserInputError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal } from '../auth/principal.js';
import { Registration } from './registration.entity.js';
import { RuntimeProblem } from './runtime-problem.entity.js';

/** At most this many problems are kept per attempt: a broken SCO must not fill the table. */
export const MAX_PROBLEMS_PER_ATTEMPT = 50;
const MAX_MESSAGE = 1000;

@InputType()
export class RuntimeProblemInput {
  @Field(() => ID) attemptId!: string;
  @Field(() => Int, { description: 'The seq of the commit the server refused.' }) seq!: number;
  @Field() scoId!: string;
  @Field(() => String, { nullable: true }) element?: string | null;
  @Field({ description: 'The refusal’s extensions.code, e.g. BAD_USER_INPUT.' }) code!: string;
  @Field({ description: `The refusal's message; kept up to ${MAX_MESSAGE} characters.` })
  message!: string;
  @Field(() => Date, { nullable: true, description: 'When the player was refused.' })
  occurredAt?: Date | null;
}

/**
 * Records a commit the server refused for its content, which the player set aside to go on
 * with later commits. Idempotent per (attempt, seq, element), bounded per attempt; answers
 * whether it was kept.
 */
export async function reportRuntimeProblem(
  { em, services }: { em: EntityManager; services: AppServices },
  launch: LaunchPrincipal,
  input: RuntimeProblemInput,
  now = new Date(),
): Promise<boolean> {
  if (input.attemptId !== launch.attemptId)
    throw new UnauthenticatedError('This launch token belongs to another attempt');
  if (!Number.isSafeInteger(input.seq) || input.seq < 1)
    throw new BadUserInputError('seq must be a positive integer', { field: 'seq' });
  if (input.scoId.length > 255 || (input.element ?? '').length > 255 || input.code.length > 64)
    throw new BadUserInputError('scoId and element are at most 255 characters, code 64');
  const registration = await em.findOne(Registration, {
    id: launch.registrationId,
    organization: launch.organizationId,
  });
  if (!registration)
    throw new UnauthenticatedError('This launch token is for a registration that no longer exists');
  const kept = await em.count(RuntimeProblem, { attemptId: launch.attemptId });
  if (kept >= MAX_PROBLEMS_PER_ATTEMPT) return false;
  const occurredAt =
    input.occurredAt && Math.abs(input.occurredAt.getTime() - now.getTime()) < 86_400_000 * 30
      ? input.occurredAt
      : now;
  const inserted: unknown[] = await em.execute(
    `INSERT INTO runtime_problems (id, registration_id, attempt_id, seq, sco_id, element, code, message, occurred_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (attempt_id, seq, element) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      registration.id,
      launch.attemptId,
      input.seq,
      input.scoId,
      input.element ?? '',
      input.code,
      input.message.slice(0, MAX_MESSAGE),
      occurredAt,
      now,
    ],
  );
  if (inserted.length > 0) {
    services.events.publish('REGISTRATION_UPDATED', {
      organizationId: launch.organizationId,
      courseId: registration.course.id,
      registrationId: registration.id,
    });
  }
  return true;
}
