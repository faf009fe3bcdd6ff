import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Course } from '../courses/course.entity.js';
import type { ScormVersion } from '../scorm/cmi-time.js';
import { deriveScoStatus } from '../scorm/derive-status.js';
import type { ActivityDefinition } from '../scorm/sequencing/definition.js';
import { rollupRegistration } from '../scorm/sequencing/registration-rollup.js';
import type { ActivityState, ObjectiveState } from '../scorm/sequencing/rollup.js';
import { CompletionStatus, SuccessStatus } from './activity.js';
import { loadGlobalObjectives, sharesGlobalObjectives } from './global-objectives.js';
import type { Registration } from './registration.entity.js';
import { toScoFacts } from './sco-facts.js';
import { ScoState } from './sco-state.entity.js';

@ObjectType({ description: 'One objective of a sequencing activity, as the SN rollup tracks it.' })
export class SequencingObjective {
  @Field({ description: "The objectiveID ('' for a primary objective that names none)." })
  id!: string;
  @Field({ description: 'The activity’s primary objective, the one its rollup judges.' })
  primary!: boolean;
  @Field(() => SuccessStatus, { description: 'Satisfied is PASSED, not satisfied FAILED.' })
  success!: SuccessStatus;
  @Field(() => Float, { nullable: true, description: 'Normalized measure, -1 to 1.' })
  measure!: number | null;
  @Field(() => [String], { description: 'The global objectives it maps to (targetObjectiveID).' })
  globalIds!: string[];
}

@ObjectType({
  description:
    "A SCORM 2004 course's activity (the organization, a cluster, or a launchable item) with its tracking state under the SN book: leaves as their content left them (with the End Attempt defaults), clusters rolled up by the package's rules or the SN defaults.",
})
export class SequencingActivity {
  @Field({ description: 'The manifest item identifier (the organization’s for the root).' })
  id!: string;
  @Field() title!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'For a launchable item, its identifier as commitRuntime’s scoId; null for clusters.',
  })
  itemId!: string | null;
  @Field(() => CompletionStatus, { description: 'COMPLETED, INCOMPLETE, or UNKNOWN.' })
  completion!: CompletionStatus;
  @Field(() => SuccessStatus) success!: SuccessStatus;
  @Field(() => Float, { nullable: true, description: 'The primary objective’s measure, -1 to 1.' })
  measure!: number | null;
  @Field(() => Float, { nullable: true, description: 'Attempt completion amount, 0 to 1.' })
  completionAmount!: number | null;
  @Field(() => Int, { description: 'Attempts begun (a resumed, suspended attempt counts once).' })
  attemptCount!: number;
  @Field(() => Int, { nullable: true, description: 'imsss:limitConditions attemptLimit.' })
  attemptLimit!: number | null;
  @Field({ description: 'Its current attempt is suspended.' }) suspended!: boolean;
  @Field() tracked!: boolean;
  @Field(() => [SequencingObjective]) objectives!: SequencingObjective[];
  @Field(() => [SequencingActivity]) children!: SequencingActivity[];
  @Field(() => String, {
    nullable: true,
    description: 'The cluster it belongs to; null for the root.',
  })
  parentId!: string | null;
  @Field(() => Int, { description: 'How deep in the tree: 0 for the root, 1 for its children…' })
  depth!: number;
}

const SUCCESS = (satisfied: boolean | null): SuccessStatus =>
  satisfied === true
    ? SuccessStatus.PASSED
    : satisfied === false
      ? SuccessStatus.FAILED
      : SuccessStatus.UNKNOWN;

function objectiveOf(
  id: string,
  primary: boolean,
  state: ObjectiveState | undefined,
  globalIds: string[],
): SequencingObjective {
  return Object.assign(new SequencingObjective(), {
    id,
    primary,
    success: SUCCESS(state?.satisfied ?? null),
    measure: state?.measure ?? null,
    globalIds,
  });
}

/** One activity and its subtree, from the rollup's states. */
function present(
  activity: ActivityDefinition,
  states: Map<string, ActivityState>,
  parentId: string | null = null,
  depth = 0,
): SequencingActivity {
  const state = states.get(activity.id)!;
  const defined = activity.objectives.map((o) =>
    objectiveOf(
      o.objectiveID,
      false,
      state.objectives[o.objectiveID],
      o.mapInfo.map((m) => m.targetObjectiveID),
    ),
  );
  const known = new Set(activity.objectives.map((o) => o.objectiveID));
  const reported = Object.entries(state.objectives)
    .filter(([id]) => !known.has(id) && id !== activity.primaryObjective?.objectiveID)
    .map(([id, s]) => objectiveOf(id, false, s, []));
  const primary = activity.primaryObjective;
  return Object.assign(new SequencingActivity(), {
    id: activity.id,
    title: activity.title,
    itemId: activity.children.length === 0 && activity.identifierref ? activity.id : null,
    completion:
      state.completed === true
        ? CompletionStatus.COMPLETED
        : state.completed === false
          ? CompletionStatus.INCOMPLETE
          : CompletionStatus.UNKNOWN,
    success: SUCCESS(state.primary.satisfied),
    measure: state.primary.measure,
    completionAmount: state.completionAmount,
    attemptCount: state.attemptCount,
    attemptLimit: activity.attemptLimit,
    suspended: state.suspended,
    tracked: activity.deliveryControls.tracked,
    objectives: [
      objectiveOf(
        primary?.objectiveID ?? '',
        true,
        state.primary,
        primary?.mapInfo.map((m) => m.targetObjectiveID) ?? [],
      ),
      ...defined,
      ...reported,
    ],
    children: activity.children.map((c) => present(c, states, activity.id, depth + 1)),
    parentId,
    depth,
  });
}

/** What a registration's sequencing state reads as: the activity tree and the suspended activity. */
export interface SequencingView {
  tree: SequencingActivity;
  /** The tree's activities in manifest order (depth first), each naming its parent. */
  list: SequencingActivity[];
  suspendedActivityId: string | null;
}

const views = new WeakMap<EntityManager, Map<string, Promise<SequencingView | null>>>();

/**
 * A SCORM 2004 registration's activity tree, rolled up from its stored runtime data and the
 * learner's global objectives as they stand now (the same pure rollup the commit judges by);
 * null for SCORM 1.2 and for courses without a sequencing definition. Loaded once per request.
 */
export function loadSequencingView(
  em: EntityManager,
  registration: Registration,
): Promise<SequencingView | null> {
  let perEm = views.get(em);
  if (!perEm) views.set(em, (perEm = new Map()));
  let view = perEm.get(registration.id);
  if (!view) perEm.set(registration.id, (view = buildView(em, registration)));
  return view;
}

async function buildView(
  em: EntityManager,
  registration: Registration,
): Promise<SequencingView | null> {
  const course = await em.findOneOrFail(Course, registration.course.id);
  const definition = course.sequencing;
  if (course.scormVersion !== 'SCORM_2004' || !definition) return null;
  const version = course.scormVersion as ScormVersion;
  const [states, globals] = await Promise.all([
    em.find(ScoState, { registration: registration.id }),
    sharesGlobalObjectives(definition)
      ? loadGlobalObjectives(em, {
          organizationId: registration.organization.id,
          scope: registration.scope,
          learnerId: registration.learnerId,
        })
      : undefined,
  ]);
  const stateOf = new Map(states.map((s) => [s.scoId, s]));
  const items = course.items.map((item) => {
    const sco = toScoFacts(item, stateOf.get(item.identifier));
    return { sco, summary: deriveScoStatus(version, sco) };
  });
  const rollup = rollupRegistration(definition, items, globals);
  // The suspended activity: the suspended leaf the learner touched last.
  const suspended = states
    .filter((s) => rollup.activities.get(s.scoId)?.suspended)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  const tree = present(definition.root, rollup.activities);
  const flatten = (a: SequencingActivity): SequencingActivity[] => [
    a,
    ...a.children.flatMap(flatten),
  ];
  return {
    tree,
    list: flatten(tree),
    suspendedActivityId: suspended?.scoId ?? null,
  };
}
