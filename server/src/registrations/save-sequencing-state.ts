import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BadUserInputError, DomainError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal } from '../auth/principal.js';

/** The largest engine state kept per registration; a real course's is a few KiB per activity. */
export const MAX_SEQUENCING_STATE_BYTES = 256 * 1024;

@InputType()
export class SequencingStateInput {
  @Field(() => ID, { description: 'From the Launch: one per player session.' }) attemptId!: string;
  @Field(() => Int, {
    description: '1, 2, 3 … within the attempt; a save older than the kept one is ignored.',
  })
  seq!: number;
  @Field(() => GraphQLJSON, {
    description: `The player's sequencing engine state, a JSON object of at most ${MAX_SEQUENCING_STATE_BYTES / 1024} KiB.`,
  })
  state!: unknown;
}

/**
 * Keeps the sequencing engine state a player session saved, for the registration's next launch.
 * Within a launch, a save replaces only an older one (retries arrive late); a launch begun
 * before the one that saved last is no longer heard (another device took over). Answers whether
 * the state was kept.
 */
export async function saveSequencingState(
  { em }: { em: EntityManager },
  launch: LaunchPrincipal,
  input: SequencingStateInput,
  now = new Date(),
): Promise<boolean> {
  if (input.attemptId !== launch.attemptId)
    throw new UnauthenticatedError('This launch token belongs to another attempt');
  if (!Number.isSafeInteger(input.seq) || input.seq < 1 || input.seq > 2_147_483_647)
    throw new BadUserInputError('seq must be a positive integer', { field: 'seq' });
  const state = input.state;
  if (typeof state !== 'object' || state === null || Array.isArray(state))
    throw new BadUserInputError('The sequencing state must be a JSON object', { field: 'state' });
  const text = JSON.stringify(state);
  if (Buffer.byteLength(text) > MAX_SEQUENCING_STATE_BYTES)
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The sequencing state is larger than ${MAX_SEQUENCING_STATE_BYTES / 1024} KiB; nothing was stored`,
      { field: 'state', limitBytes: MAX_SEQUENCING_STATE_BYTES },
    );

  const [course] = (await em.execute(
    `SELECT c.sequencing IS NOT NULL AS sequenced, c.scorm_version
       FROM attempts a JOIN registrations r ON r.id = a.registration_id
       JOIN courses c ON c.id = r.course_id
      WHERE a.id = ? AND r.id = ? AND r.organization_id = ?`,
    [launch.attemptId, launch.registrationId, launch.organizationId],
  )) as Array<{ sequenced: boolean; scorm_version: string }>;
  if (!course) throw new UnauthenticatedError('This launch link is no longer valid');
  if (course.scorm_version !== 'SCORM_2004' || !course.sequenced)
    throw new BadUserInputError('This course is not played by the sequencing engine', {
      field: 'state',
    });

  const kept = (await em.execute(
    `INSERT INTO sequencing_states AS s (registration_id, attempt_id, seq, state, updated_at)
     VALUES (?, ?, ?, ?::jsonb, ?)
     ON CONFLICT (registration_id) DO UPDATE
       SET attempt_id = excluded.attempt_id, seq = excluded.seq, state = excluded.state,
           updated_at = excluded.updated_at
     WHERE (s.attempt_id = excluded.attempt_id AND s.seq < excluded.seq)
        OR (s.attempt_id <> excluded.attempt_id AND NOT EXISTS (
              SELECT 1 FROM attempts kept, attempts saving
               WHERE kept.id = s.attempt_id AND saving.id = excluded.attempt_id
                 AND kept.created_at > saving.created_at))
     RETURNING s.registration_id`,
    [launch.registrationId, launch.attemptId, input.seq, text, now],
  )) as unknown[];
  return kept.length > 0;
}

/** The engine state the registration's last session saved, as the player loads it; null if none. */
export async function loadSequencingState(
  em: EntityManager,
  registrationId: string,
): Promise<Record<string, unknown> | null> {
  const [row] = (await em.execute('SELECT state FROM sequencing_states WHERE registration_id = ?', [
    registrationId,
  ])) as Array<{ state: Record<string, unknown> }>;
  return row?.state ?? null;
}
