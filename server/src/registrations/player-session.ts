import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { AppServices } from '../app-services.js';
import { ScormVersion } from '../courses/course.entity.js';
import { LAUNCH_TTL_SECONDS } from '../auth/tokens.js';
import { DomainError, UnauthenticatedError } from '../errors.js';
import type { LaunchPrincipal } from '../auth/principal.js';
import { deriveRegistrationStatus } from '../scorm/derive-status.js';
import { buildScoInit, sharedStoresOf } from '../scorm/runtime-init.js';
import { declaresSequencing } from '../scorm/sequencing/read-sequencing.js';
import { entityManagerTransaction, query } from '../db/sql-batch.js';
import { sql } from '../db/sql.js';
import { applyRegistrationChange, publishRegistrationChange } from './apply-registration-change.js';
import { startedSummary } from './registration-columns.js';
import { Learner, Registration, RegistrationStatus } from './registration.entity.js';
import { ScoState } from './sco-state.entity.js';
import { toScoFacts } from './sco-facts.js';
import { LaunchRenewal } from './registration.inputs.js';
import { loadSequencingState } from './save-sequencing-state.js';

@ObjectType({ description: 'A launchable item as the player shows and starts it.' })
export class PlayerItem {
  @Field({ description: 'The manifest item identifier: the scoId for commits.' }) id!: string;
  @Field() title!: string;
  @Field() scormType!: string;
  @Field() visible!: boolean;
  @Field({
    description: 'SCORM 2004 controlMode: the learner may pick it from the menu (choice).',
  })
  choice!: boolean;
  @Field({ description: 'SCORM 2004 controlMode forwardOnly: no going back from it.' })
  forwardOnly!: boolean;
  @Field({ description: 'Same-origin path of the item’s launch file, with its parameters.' })
  launchUrl!: string;
  @Field() completed!: boolean;
  @Field(() => GraphQLJSON, {
    description: 'Flat CMI to load into the runtime before the content initializes.',
  })
  init!: Record<string, string>;
}

@ObjectType({ description: "The player's view of a launch." })
export class PlayerSession {
  @Field(() => ID) registrationId!: string;
  @Field(() => ID) attemptId!: string;
  @Field(() => ScormVersion) scormVersion!: ScormVersion;
  @Field() courseTitle!: string;
  @Field(() => Learner) learner!: Learner;
  @Field(() => [PlayerItem]) items!: PlayerItem[];
  @Field({ description: 'The first SCO not yet complete, else the first item.' })
  startItemId!: string;
  @Field(() => Date) tokenExpiresAt!: Date;
  @Field(() => Float, {
    description: 'The player sends what content set and did not commit at least this often.',
  })
  autocommitSeconds!: number;
  @Field(() => Float, {
    description: 'A commit failing this long is reported to the learner as not saved.',
  })
  parkAfterSeconds!: number;
  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      "SCORM 2004: the organization's activity tree with its sequencing definition, which the player's sequencing engine follows; null for SCORM 1.2 and for SCORM 2004 courses that declare no sequencing of their own (no imsss:sequencing beyond objectives), which play in manifest order.",
  })
  sequencing!: unknown;
  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      "The sequencing engine's state saved by this registration's last session on any device: attempt counts, statuses, objectives, the suspended activity. Null when there is none or the course is not played by the engine.",
  })
  sequencingState!: Record<string, unknown> | null;
}

/**
 * Everything the player needs to run a launch. The first time an attempt opens, the learner
 * has launched the course: the registration counts the launch and leaves NOT_STARTED.
 */
export async function openPlayerSession(
  { em, services }: { em: EntityManager; services: AppServices },
  launch: LaunchPrincipal,
  tokenExpiresAt: Date,
  now = new Date(),
): Promise<PlayerSession> {
  const invalid = () => new UnauthenticatedError('This launch link is no longer valid');
  const change = await em.transactional((tx) =>
    applyRegistrationChange(entityManagerTransaction(tx), {
      where: { id: launch.registrationId },
      before: {
        opened: query<{ id: string }>(sql`UPDATE attempts SET opened_at = ${now}
          WHERE id = ${launch.attemptId} AND registration_id = ${launch.registrationId}
            AND opened_at IS NULL RETURNING id`),
        attempt: query<{ id: string }>(sql`SELECT id FROM attempts
          WHERE id = ${launch.attemptId} AND registration_id = ${launch.registrationId}`),
      },
      missing: invalid,
      now,
      decide(locked, { opened, attempt }) {
        if (attempt.rowCount === 0 || locked.organizationId !== launch.organizationId)
          throw invalid();
        // The same link opened again (a reload, a second tab, a learner back from a break) is a
        // launch too: the learner's page counts what people did, not the links we issued.
        const first = opened.rowCount > 0;
        return {
          summary: {
            ...(first && locked.status === RegistrationStatus.NOT_STARTED
              ? startedSummary(locked)
              : {}),
            launchCount: locked.launchCount + 1,
            lastActivityAt: now,
          },
          webhooks: false,
        };
      },
    }),
  );
  if (change) publishRegistrationChange(services, change);

  const registration = await em.findOne(
    Registration,
    { id: launch.registrationId, organization: launch.organizationId },
    { populate: ['course'], refresh: true },
  );
  if (!registration) throw invalid();
  const course = registration.course;
  const states = await em.find(ScoState, { registration: registration.id });
  const scos = course.items.map((item) =>
    toScoFacts(
      item,
      states.find((s) => s.scoId === item.identifier),
    ),
  );
  const summary = deriveRegistrationStatus(
    {
      version: course.scormVersion,
      scos,
      lastActivityAt: registration.lastActivityAt,
      previous: null,
      sequencing: course.sequencing,
    },
    now,
  );
  const learner = {
    id: registration.learnerId,
    name: registration.learnerName ?? registration.learnerId,
  };
  const sharedStores = sharedStoresOf(
    course.items.map((item) => {
      const state = states.find((s) => s.scoId === item.identifier);
      return {
        maps: item.sharedData ?? [],
        cmi: state?.cmi ?? {},
        updatedAt: state?.updatedAt ?? new Date(0),
      };
    }),
  );
  const items = course.items.map((item, index) => {
    const sco = scos[index]!;
    const completed = summary.scos[index]?.completion === 'completed';
    return Object.assign(new PlayerItem(), {
      id: item.identifier,
      title: item.title,
      scormType: item.scormType,
      visible: item.visible,
      choice: item.choice !== false,
      forwardOnly: item.forwardOnly === true,
      launchUrl: /^[a-z][a-z0-9+.-]*:\/\//i.test(item.launchPath)
        ? `${item.launchPath}${item.launchQuery}`
        : `/content/${course.contentId}/${item.launchPath.split('/').map(encodeURIComponent).join('/')}${item.launchQuery}`,
      completed,
      init: buildScoInit({
        version: course.scormVersion,
        facts: {
          ...sco.facts,
          dataFromLms: item.dataFromLms,
          timeLimitAction: item.timeLimitAction,
          maxTimeAllowed: item.maxTimeAllowed,
          sharedData: item.sharedData ?? [],
        },
        sharedStores,
        cmi: sco.cmi,
        learner,
        reportedSeconds: sco.reportedSeconds,
      }),
    });
  });
  const start =
    items.find((item) => item.scormType === 'sco' && !item.completed) ??
    items.find((item) => item.visible) ??
    items[0]!;
  const sequenced = course.sequencing && declaresSequencing(course.sequencing);
  return Object.assign(new PlayerSession(), {
    registrationId: registration.id,
    attemptId: launch.attemptId,
    scormVersion: course.scormVersion,
    courseTitle: course.title,
    learner: Object.assign(new Learner(), {
      id: registration.learnerId,
      name: registration.learnerName,
      email: registration.learnerEmail,
    }),
    items,
    startItemId: start.id,
    tokenExpiresAt,
    autocommitSeconds: services.config.playerAutocommitSeconds,
    parkAfterSeconds: services.config.playerParkSeconds,
    // Only a course that declares sequencing goes through the engine; a plain SCORM 2004 package
    // (the CAM defaults, whose root does not even flow) plays in manifest order as it always has.
    sequencing: sequenced ? course.sequencing!.root : null,
    sequencingState: sequenced ? await loadSequencingState(em, registration.id) : null,
  });
}

/** A player session is renewable this long after its launch; then the learner launches again. */
export const LAUNCH_MAX_AGE_SECONDS = 12 * 3600;

/**
 * A fresh launch token for the same attempt, while the launch may still run: the attempt exists,
 * is younger than LAUNCH_MAX_AGE_SECONDS (the token never outlives that), and the dispatch it
 * came through, if any, is still active and unexpired.
 */
export async function renewLaunch(
  { em, services }: { em: EntityManager; services: AppServices },
  launch: LaunchPrincipal,
  now = new Date(),
): Promise<LaunchRenewal> {
  const [row] = (await em.execute(
    `SELECT a.created_at, r.course_id, d.id AS dispatch_id, d.active, d.expires_at
       FROM attempts a JOIN registrations r ON r.id = a.registration_id
       LEFT JOIN dispatches d ON r.scope <> '' AND d.id::text = r.scope
      WHERE a.id = ? AND a.registration_id = ? AND r.organization_id = ?`,
    [launch.attemptId, launch.registrationId, launch.organizationId],
  )) as Array<{
    created_at: Date;
    course_id: string;
    dispatch_id: string | null;
    active: boolean | null;
    expires_at: Date | null;
  }>;
  if (!row) throw new UnauthenticatedError('This launch link is no longer valid');
  if (row.dispatch_id && !row.active)
    throw new DomainError('DISPATCH_REVOKED', 'This course’s dispatch was revoked');
  if (row.dispatch_id && row.expires_at && new Date(row.expires_at) <= now)
    throw new DomainError(
      'DISPATCH_EXPIRED',
      `This course’s dispatch expired on ${new Date(row.expires_at).toISOString()}`,
    );
  const endsAt = new Date(row.created_at).getTime() + LAUNCH_MAX_AGE_SECONDS * 1000;
  const seconds = Math.min(LAUNCH_TTL_SECONDS, Math.floor((endsAt - now.getTime()) / 1000));
  if (seconds <= 60)
    throw new UnauthenticatedError(
      `A launch lasts at most ${LAUNCH_MAX_AGE_SECONDS / 3600} hours; launch the course again`,
    );
  const { token, expiresAt } = await services.tokens.sign(
    {
      typ: 'launch',
      registrationId: launch.registrationId,
      attemptId: launch.attemptId,
      organizationId: launch.organizationId,
      courseId: row.course_id,
    },
    seconds,
  );
  return Object.assign(new LaunchRenewal(), { token, expiresAt });
}
