import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import type { ScormVersion } from '../scorm/cmi-time.js';
import {
  deriveScoStatus,
  indicesUnder,
  num,
  objectiveStandings,
  scoreAt,
  reportedScore,
  type Completion,
  type Success,
} from '../scorm/derive-status.js';
import type { ManifestItem } from '../scorm/manifest.js';
import { CMI } from '../scorm/vocabulary.js';
import { Course } from '../courses/course.entity.js';
import { Score } from './registration.entity.js';
import { toScoFacts, type StoredScoState } from './sco-facts.js';
import { ScoState } from './sco-state.entity.js';

export enum CompletionStatus {
  COMPLETED = 'COMPLETED',
  INCOMPLETE = 'INCOMPLETE',
  NOT_ATTEMPTED = 'NOT_ATTEMPTED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(CompletionStatus, {
  name: 'CompletionStatus',
  description: "An activity's or objective's completion, as SCORM reports it.",
});

export enum SuccessStatus {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(SuccessStatus, {
  name: 'SuccessStatus',
  description: "An activity's or objective's verdict, as SCORM reports it.",
});

@ObjectType({ description: 'One answer the content recorded (cmi.interactions.n).' })
export class Interaction {
  @Field(() => Int, { description: 'Its index n in cmi.interactions.' }) index!: number;
  @Field() id!: string;
  @Field(() => String, { nullable: true, description: 'true-false, choice, fill-in, …' })
  type!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, {
    nullable: true,
    description: '2004 learner_response, 1.2 student_response.',
  })
  learnerResponse!: string | null;
  @Field(() => [String], { description: 'The correct_responses patterns, in order.' })
  correctResponses!: string[];
  @Field(() => String, { nullable: true, description: 'correct, incorrect, unanticipated, …' })
  result!: string | null;
  @Field(() => Float, { nullable: true }) weighting!: number | null;
  @Field(() => String, { nullable: true, description: 'As reported (a duration).' })
  latency!: string | null;
  @Field(() => String, {
    nullable: true,
    description: '2004 timestamp, 1.2 time, as reported.',
  })
  timestamp!: string | null;
}

@ObjectType({ description: 'One objective the content reported (cmi.objectives.n).' })
export class ActivityObjective {
  @Field(() => Int, { description: 'Its index n in cmi.objectives.' }) index!: number;
  @Field() id!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => CompletionStatus) completion!: CompletionStatus;
  @Field(() => SuccessStatus) success!: SuccessStatus;
  @Field(() => Float, { nullable: true, description: '2004 progress_measure.' })
  progress!: number | null;
  @Field(() => Score, { nullable: true }) score!: Score | null;
}

@ObjectType({
  description:
    "One launchable item of the course (a SCO or an asset) as this learner left it: its status derived by the same rules as the registration's, and the runtime data the content recorded.",
})
export class Activity {
  @Field({ description: 'The manifest item identifier (commitRuntime’s scoId).' })
  itemId!: string;
  @Field() title!: string;
  @Field({ description: 'sco or asset.' }) scormType!: string;
  @Field({ description: 'The learner has opened it at least once.' }) launched!: boolean;
  @Field(() => CompletionStatus) completion!: CompletionStatus;
  @Field(() => SuccessStatus) success!: SuccessStatus;
  @Field(() => Float, { nullable: true, description: 'Null where nothing tells.' })
  progress!: number | null;
  @Field(() => Score, { nullable: true }) score!: Score | null;
  @Field(() => Int, { description: "Σ of its sessions' reported session_time." })
  timeSpentSeconds!: number;
  @Field(() => String, { nullable: true, description: 'Its location (bookmark).' })
  location!: string | null;
  @Field(() => [Interaction]) interactions!: Interaction[];
  @Field(() => [ActivityObjective]) objectives!: ActivityObjective[];
  @Field(() => GraphQLJSON, {
    description: 'Every CMI value the content set, element → value (suspend data included).',
  })
  cmi!: Record<string, string>;
}

interface Pending {
  registration: { id: string; course: { id: string } };
  resolve: (activities: Activity[]) => void;
  reject: (err: unknown) => void;
}

/** Requests waiting to be loaded together, per EntityManager (one per request or operation). */
const batches = new WeakMap<EntityManager, Pending[]>();

/**
 * A registration's activities, in manifest order, from its stored runtime state. Every
 * registration asked for in the same tick (a page of them) is loaded by the same two queries.
 */
export function loadActivities(
  em: EntityManager,
  registration: { id: string; course: { id: string } },
): Promise<Activity[]> {
  return new Promise((resolve, reject) => {
    let batch = batches.get(em);
    if (!batch) {
      const pending: Pending[] = (batch = []);
      batches.set(em, pending);
      process.nextTick(() => {
        batches.delete(em);
        loadBatch(em, pending).catch((err: unknown) => pending.forEach((p) => p.reject(err)));
      });
    }
    batch.push({ registration, resolve, reject });
  });
}

async function loadBatch(em: EntityManager, pending: Pending[]): Promise<void> {
  const courseIds = [...new Set(pending.map((p) => p.registration.course.id))];
  const registrationIds = [...new Set(pending.map((p) => p.registration.id))];
  const [courses, states] = await Promise.all([
    em.find(Course, { id: { $in: courseIds } }),
    em.find(ScoState, { registration: { $in: registrationIds } }),
  ]);
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const stateOf = new Map(states.map((s) => [`${s.registration.id}|${s.scoId}`, s]));
  for (const { registration, resolve, reject } of pending) {
    const course = courseById.get(registration.course.id);
    if (!course) {
      reject(new Error(`course ${registration.course.id} is gone`));
      continue;
    }
    resolve(
      course.items.map((item) =>
        activityOf(
          course.scormVersion as ScormVersion,
          item,
          stateOf.get(`${registration.id}|${item.identifier}`),
        ),
      ),
    );
  }
}

const COMPLETION: Record<Completion, CompletionStatus> = {
  completed: CompletionStatus.COMPLETED,
  incomplete: CompletionStatus.INCOMPLETE,
  'not attempted': CompletionStatus.NOT_ATTEMPTED,
  unknown: CompletionStatus.UNKNOWN,
};
const SUCCESS: Record<Success, SuccessStatus> = {
  passed: SuccessStatus.PASSED,
  failed: SuccessStatus.FAILED,
  unknown: SuccessStatus.UNKNOWN,
};

/** One item as the learner left it; statuses, scores and objectives by derive-status's rules. */
export function activityOf(
  version: ScormVersion,
  item: ManifestItem,
  state: StoredScoState | undefined,
): Activity {
  const facts = toScoFacts(item, state);
  const summary = deriveScoStatus(version, facts);
  const cmi = state?.cmi ?? {};
  const is12 = version === 'SCORM_12';
  return Object.assign(new Activity(), {
    itemId: item.identifier,
    title: item.title,
    scormType: item.scormType,
    launched: facts.launched,
    completion: COMPLETION[summary.completion],
    success: SUCCESS[summary.success],
    progress: summary.progress,
    score: toScore(reportedScore(version, cmi)),
    timeSpentSeconds: Math.round(facts.reportedSeconds),
    location: cmi[CMI[version].location] || null,
    interactions: indicesUnder(cmi, 'cmi.interactions').map((i) =>
      interactionOf(cmi, i, `cmi.interactions.${i}`, is12),
    ),
    objectives: objectiveStandings(version, cmi).map(({ index, completion, success }) => {
      const at = `cmi.objectives.${index}`;
      return Object.assign(new ActivityObjective(), {
        index,
        id: cmi[`${at}.id`] ?? '',
        description: cmi[`${at}.description`] || null,
        completion: COMPLETION[completion],
        success: SUCCESS[success],
        progress: is12 ? null : num(cmi[`${at}.progress_measure`]),
        score: toScore(scoreAt(version, cmi, `${at}.score.`)),
      });
    }),
    cmi,
  });
}

function interactionOf(
  cmi: Record<string, string>,
  index: number,
  at: string,
  is12: boolean,
): Interaction {
  const text = (name: string) => cmi[`${at}.${name}`] || null;
  return Object.assign(new Interaction(), {
    index,
    id: cmi[`${at}.id`] ?? '',
    type: text('type'),
    description: text('description'),
    learnerResponse: text(is12 ? 'student_response' : 'learner_response'),
    correctResponses: indicesUnder(cmi, `${at}.correct_responses`).map(
      (n) => cmi[`${at}.correct_responses.${n}.pattern`] ?? '',
    ),
    result: text('result'),
    weighting: num(cmi[`${at}.weighting`]),
    latency: text('latency'),
    timestamp: text(is12 ? 'time' : 'timestamp'),
  });
}

function toScore(score: ReturnType<typeof reportedScore>): Score | null {
  return score && Object.assign(new Score(), score);
}
