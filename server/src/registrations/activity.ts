import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLJSON } from 'graphql-scalars';
import type { ScormVersion } from '../scorm/cmi-time.js';
import { deriveScoStatus } from '../scorm/derive-status.js';
import type { ManifestItem } from '../scorm/manifest.js';
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

const COMPLETION: Record<string, CompletionStatus> = {
  completed: CompletionStatus.COMPLETED,
  incomplete: CompletionStatus.INCOMPLETE,
  'not attempted': CompletionStatus.NOT_ATTEMPTED,
};
const SUCCESS: Record<string, SuccessStatus> = {
  passed: SuccessStatus.PASSED,
  failed: SuccessStatus.FAILED,
};

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
    completion: COMPLETION[summary.completion] ?? CompletionStatus.UNKNOWN,
    success: SUCCESS[summary.success] ?? SuccessStatus.UNKNOWN,
    progress: summary.progress,
    score: scoreAt(cmi, is12 ? 'cmi.core.score' : 'cmi.score'),
    timeSpentSeconds: Math.round(facts.reportedSeconds),
    location: cmi[is12 ? 'cmi.core.lesson_location' : 'cmi.location'] || null,
    interactions: indexed(cmi, 'cmi.interactions').map((i) =>
      interactionOf(cmi, i, `cmi.interactions.${i}`, is12),
    ),
    objectives: indexed(cmi, 'cmi.objectives').map((i) =>
      objectiveOf(cmi, i, `cmi.objectives.${i}`, is12),
    ),
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
    correctResponses: indexed(cmi, `${at}.correct_responses`).map(
      (n) => cmi[`${at}.correct_responses.${n}.pattern`] ?? '',
    ),
    result: text('result'),
    weighting: number(cmi[`${at}.weighting`]),
    latency: text('latency'),
    timestamp: text(is12 ? 'time' : 'timestamp'),
  });
}

function objectiveOf(
  cmi: Record<string, string>,
  index: number,
  at: string,
  is12: boolean,
): ActivityObjective {
  // SCORM 1.2 keeps both in one status: passed/failed are verdicts, the rest completions.
  const status12 = cmi[`${at}.status`] ?? '';
  return Object.assign(new ActivityObjective(), {
    index,
    id: cmi[`${at}.id`] ?? '',
    description: cmi[`${at}.description`] || null,
    completion: is12
      ? status12 === 'passed' || status12 === 'failed'
        ? CompletionStatus.COMPLETED
        : (COMPLETION[status12] ??
          (status12 === 'browsed' ? CompletionStatus.INCOMPLETE : CompletionStatus.UNKNOWN))
      : (COMPLETION[cmi[`${at}.completion_status`] ?? ''] ?? CompletionStatus.UNKNOWN),
    success:
      (is12 ? SUCCESS[status12] : SUCCESS[cmi[`${at}.success_status`] ?? '']) ??
      SuccessStatus.UNKNOWN,
    progress: is12 ? null : number(cmi[`${at}.progress_measure`]),
    score: scoreAt(cmi, `${at}.score`),
  });
}

/** The indices n present under `prefix.n.…`, ascending. */
function indexed(cmi: Record<string, string>, prefix: string): number[] {
  const pattern = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.`);
  const found = new Set<number>();
  for (const key of Object.keys(cmi)) {
    const match = pattern.exec(key);
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}

function scoreAt(cmi: Record<string, string>, at: string): Score | null {
  const score = Object.assign(new Score(), {
    scaled: number(cmi[`${at}.scaled`]),
    raw: number(cmi[`${at}.raw`]),
    min: number(cmi[`${at}.min`]),
    max: number(cmi[`${at}.max`]),
  });
  return Object.values(score).every((v) => v === null) ? null : score;
}

function number(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
