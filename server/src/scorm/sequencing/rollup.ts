import type {
  ActivityDefinition,
  ChildActivitySet,
  RollupAction,
  RollupCondition,
  RollupRule,
  RuleCondition,
  SequencingDefinition,
  SequencingRule,
} from './definition.js';

/** SN three-valued logic: a condition on something not known is neither true nor false. */
type Truth = boolean | 'unknown';

/** One objective's tracking state (SN: objective progress status, satisfied status, measure). */
export interface ObjectiveState {
  /** null while the objective's status is unknown (objective progress status false). */
  satisfied: boolean | null;
  /** Normalized measure, -1 to 1; null when unknown. */
  measure: number | null;
}

/** What the stored runtime data says of one leaf activity's current attempt. */
export interface LeafState {
  /** Attempts begun (SN activity attempt count); 0 before the first launch. */
  attemptCount: number;
  /** The attempt ended (the content terminated, and not with suspend). */
  ended: boolean;
  suspended: boolean;
  completion: 'completed' | 'incomplete' | 'unknown';
  /** The content's progress_measure, 0 to 1; null when not reported. */
  progressMeasure: number | null;
  primary: ObjectiveState;
  /** The other objectives the content reported, by objectiveID. */
  objectives: Record<string, ObjectiveState>;
}

/** One activity's rolled-up tracking state. */
export interface ActivityState {
  attemptCount: number;
  suspended: boolean;
  /** null while the attempt's progress is unknown (attempt progress status false). */
  completed: boolean | null;
  /** The attempt's completion amount (4th edition), 0 to 1; null when unknown. */
  completionAmount: number | null;
  primary: ObjectiveState;
  objectives: Record<string, ObjectiveState>;
}

/**
 * The default rollup rules the SN book applies for each action an activity defines no rule of:
 * satisfied when all children are, not satisfied when all children's status is known (and, as
 * satisfied is evaluated last, not all are satisfied), and alike for completion.
 */
const DEFAULT_RULES: Record<RollupAction, RollupRule> = {
  notSatisfied: defaultRule('notSatisfied', 'objectiveStatusKnown'),
  satisfied: defaultRule('satisfied', 'satisfied'),
  incomplete: defaultRule('incomplete', 'activityProgressKnown'),
  completed: defaultRule('completed', 'completed'),
};

function defaultRule(action: RollupAction, condition: RollupCondition['condition']): RollupRule {
  return {
    action,
    consideration: 'all',
    minimumCount: 0,
    minimumPercent: 0,
    conditionCombination: 'any',
    conditions: [{ condition, operator: 'noOp' }],
  };
}

const not = (value: Truth): Truth => (value === 'unknown' ? value : !value);

/** Combines condition results as SN's rule checks do: unknown only where it could change the answer. */
function combine(values: Truth[], combination: 'all' | 'any'): Truth {
  if (combination === 'all') {
    if (values.includes(false)) return false;
    return values.includes('unknown') ? 'unknown' : true;
  }
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

const known = <T>(value: T | null, then: (v: T) => Truth): Truth =>
  value === null ? 'unknown' : then(value);

function attemptLimitExceeded(activity: ActivityDefinition, state: ActivityState): boolean {
  return activity.attemptLimit !== null && state.attemptCount >= activity.attemptLimit;
}

/**
 * One condition of a sequencing rule (UP.2.1) on an activity, against its primary objective or
 * the one `referencedObjective` names. Time limits are not tracked on the server, so their
 * conditions never hold.
 */
export function evaluateRuleCondition(
  activity: ActivityDefinition,
  state: ActivityState,
  condition: RuleCondition,
): Truth {
  const objective =
    condition.referencedObjective === null ||
    condition.referencedObjective === activity.primaryObjective?.objectiveID
      ? state.primary
      : (state.objectives[condition.referencedObjective] ?? { satisfied: null, measure: null });
  let value: Truth;
  switch (condition.condition) {
    case 'satisfied':
      value = known(objective.satisfied, (s) => s);
      break;
    case 'objectiveStatusKnown':
      value = objective.satisfied !== null;
      break;
    case 'objectiveMeasureKnown':
      value = objective.measure !== null;
      break;
    case 'objectiveMeasureGreaterThan':
      value = known(objective.measure, (m) => m > condition.measureThreshold);
      break;
    case 'objectiveMeasureLessThan':
      value = known(objective.measure, (m) => m < condition.measureThreshold);
      break;
    case 'completed':
      value = known(state.completed, (c) => c);
      break;
    case 'activityProgressKnown':
      value = state.completed !== null;
      break;
    case 'attempted':
      value = state.attemptCount > 0;
      break;
    case 'attemptLimitExceeded':
      value = attemptLimitExceeded(activity, state);
      break;
    case 'always':
      value = true;
      break;
    case 'timeLimitExceeded':
    case 'outsideAvailableTimeRange':
      value = false;
      break;
  }
  return condition.operator === 'not' ? not(value) : value;
}

/**
 * The Sequencing Rules Check Process (UP.2): the action of the first rule among `rules` whose
 * conditions hold for the activity, or null when none does.
 */
export function checkSequencingRules(
  activity: ActivityDefinition,
  state: ActivityState,
  rules: SequencingRule[],
): string | null {
  for (const rule of rules) {
    const results = rule.conditions.map((c) => evaluateRuleCondition(activity, state, c));
    if (combine(results, rule.conditionCombination) === true) return rule.action;
  }
  return null;
}

/** A rollup condition (RB.1.4.1) on a child. */
function evaluateRollupCondition(
  activity: ActivityDefinition,
  state: ActivityState,
  condition: RollupCondition,
): Truth {
  return evaluateRuleCondition(activity, state, {
    condition: condition.condition,
    operator: condition.operator,
    referencedObjective: null,
    measureThreshold: 0,
  });
}

/**
 * Check Child for Rollup Subprocess (RB.1.4.2): whether a child counts for a rollup action, by
 * its rollupObjectiveSatisfied / rollupProgressCompletion and its adlseq rollup considerations.
 */
export function contributesToRollup(
  child: ActivityDefinition,
  state: ActivityState,
  action: RollupAction,
): boolean {
  const objective = action === 'satisfied' || action === 'notSatisfied';
  if (objective && !child.sequencingControls.rollupObjectiveSatisfied) return false;
  if (!objective && !child.sequencingControls.rollupProgressCompletion) return false;
  const considerations = child.rollupConsiderations;
  const requirement = {
    satisfied: considerations.requiredForSatisfied,
    notSatisfied: considerations.requiredForNotSatisfied,
    completed: considerations.requiredForCompleted,
    incomplete: considerations.requiredForIncomplete,
  }[action];
  const attempted = state.attemptCount > 0;
  switch (requirement) {
    case 'always':
      return true;
    case 'ifAttempted':
      return attempted;
    case 'ifNotSuspended':
      return attempted && !state.suspended;
    case 'ifNotSkipped': {
      const skip = child.sequencingRules.preConditionRules.filter((r) => r.action === 'skip');
      return checkSequencingRules(child, state, skip) === null;
    }
  }
}

function childSetHolds(set: ChildActivitySet, bag: Truth[], rule: RollupRule): boolean {
  // SN: an empty set of contributing children changes nothing.
  if (bag.length === 0) return false;
  const trues = bag.filter((v) => v === true).length;
  switch (set) {
    case 'all':
      return trues === bag.length;
    case 'any':
      return trues > 0;
    case 'none':
      return bag.every((v) => v === false);
    case 'atLeastCount':
      return trues >= rule.minimumCount;
    case 'atLeastPercent':
      return trues / bag.length >= rule.minimumPercent;
  }
}

/**
 * Rollup Rule Check Subprocess (RB.1.4): whether any of the activity's rules for `action` (or
 * the SN default where it has none) holds over its tracked, contributing children.
 */
export function rollupRuleHolds(
  activity: ActivityDefinition,
  states: Map<string, ActivityState>,
  action: RollupAction,
): boolean {
  const own = activity.rollupRules.rules.filter((r) => r.action === action);
  const rules = own.length > 0 ? own : [DEFAULT_RULES[action]];
  return rules.some((rule) => {
    const bag: Truth[] = [];
    for (const child of activity.children) {
      const state = states.get(child.id)!;
      if (!child.deliveryControls.tracked || !contributesToRollup(child, state, action)) continue;
      const results = rule.conditions.map((c) => evaluateRollupCondition(child, state, c));
      bag.push(combine(results, rule.conditionCombination));
    }
    return childSetHolds(rule.consideration, bag, rule);
  });
}

/** A weighted mean over tracked children (RB.1.1): every tracked child's weight counts; null without data. */
function weightedMean(
  children: ActivityDefinition[],
  states: Map<string, ActivityState>,
  weightOf: (child: ActivityDefinition) => number,
  valueOf: (state: ActivityState) => number | null,
): number | null {
  let counted = 0;
  let total = 0;
  let valid = false;
  for (const child of children) {
    if (!child.deliveryControls.tracked) continue;
    const weight = weightOf(child);
    counted += weight;
    const value = valueOf(states.get(child.id)!);
    if (value !== null) {
      total += value * weight;
      valid = true;
    }
  }
  return valid && counted > 0 ? total / counted : null;
}

/** Rolls one cluster up from its children's states: measure, objective, then progress (RB.1.5). */
function rollupCluster(
  activity: ActivityDefinition,
  states: Map<string, ActivityState>,
): ActivityState {
  const childStates = activity.children.map((c) => states.get(c.id)!);
  const measure = weightedMean(
    activity.children,
    states,
    (c) => c.sequencingControls.objectiveMeasureWeight,
    (s) => s.primary.measure,
  );
  const completionAmount = weightedMean(
    activity.children,
    states,
    (c) => c.completionThreshold?.progressWeight ?? 1,
    (s) => s.completionAmount,
  );
  const state: ActivityState = {
    attemptCount: childStates.some((s) => s.attemptCount > 0) ? 1 : 0,
    suspended: childStates.some((s) => s.suspended),
    completed: null,
    completionAmount,
    primary: { satisfied: null, measure },
    objectives: {},
  };
  states.set(activity.id, state);

  const primary = activity.primaryObjective;
  if (primary?.satisfiedByMeasure) {
    state.primary.satisfied = measure === null ? null : measure >= primary.minNormalizedMeasure;
  } else {
    // Not satisfied first, then satisfied: where both hold, satisfied stands (RB.1.2.b).
    if (rollupRuleHolds(activity, states, 'notSatisfied')) state.primary.satisfied = false;
    if (rollupRuleHolds(activity, states, 'satisfied')) state.primary.satisfied = true;
  }

  const threshold = activity.completionThreshold;
  if (threshold?.completedByMeasure) {
    state.completed =
      completionAmount === null ? null : completionAmount >= threshold.minProgressMeasure;
  } else {
    if (rollupRuleHolds(activity, states, 'incomplete')) state.completed = false;
    if (rollupRuleHolds(activity, states, 'completed')) state.completed = true;
  }
  return state;
}

/**
 * A leaf's state from what its content reported, with the End Attempt Process's defaults
 * (UP.4): a tracked attempt that ended unsuspended without the content saying is completed
 * where `completionSetByContent` is false and satisfied where `objectiveSetByContent` is false.
 * An untracked leaf records nothing.
 */
function leafActivityState(
  activity: ActivityDefinition,
  leaf: LeafState | undefined,
): ActivityState {
  const empty: ActivityState = {
    attemptCount: leaf?.attemptCount ?? 0,
    suspended: leaf?.suspended ?? false,
    completed: null,
    completionAmount: null,
    primary: { satisfied: null, measure: null },
    objectives: {},
  };
  if (!leaf || !activity.deliveryControls.tracked) return empty;
  const state: ActivityState = {
    ...empty,
    completed: leaf.completion === 'unknown' ? null : leaf.completion === 'completed',
    completionAmount: leaf.progressMeasure,
    primary: { ...leaf.primary },
    objectives: { ...leaf.objectives },
  };
  if (leaf.ended && !leaf.suspended) {
    if (!activity.deliveryControls.completionSetByContent && state.completed === null)
      state.completed = true;
    if (!activity.deliveryControls.objectiveSetByContent && state.primary.satisfied === null)
      state.primary.satisfied = true;
  }
  return state;
}

/** Global objectives by target id, as objective maps write and read them. */
export type GlobalObjectives = Map<string, ObjectiveState>;

/**
 * Copies what leaves' objectives write through their maps into `globals`, in tree order;
 * returns the target ids written.
 */
function writeGlobals(
  leaves: ActivityDefinition[],
  states: Map<string, ActivityState>,
  globals: GlobalObjectives,
): Set<string> {
  const written = new Set<string>();
  for (const leaf of leaves) {
    const state = states.get(leaf.id)!;
    for (const objective of [leaf.primaryObjective, ...leaf.objectives]) {
      if (!objective) continue;
      const local = objective.isPrimary ? state.primary : state.objectives[objective.objectiveID];
      if (!local) continue;
      for (const map of objective.mapInfo) {
        const global = globals.get(map.targetObjectiveID) ?? { satisfied: null, measure: null };
        if (map.writeSatisfiedStatus && local.satisfied !== null) {
          global.satisfied = local.satisfied;
          written.add(map.targetObjectiveID);
        }
        if (map.writeNormalizedMeasure && local.measure !== null) {
          global.measure = local.measure;
          written.add(map.targetObjectiveID);
        }
        globals.set(map.targetObjectiveID, global);
      }
    }
  }
  return written;
}

/** Lets each leaf objective that reads a global take its known status and measure. */
function readGlobals(
  leaves: ActivityDefinition[],
  states: Map<string, ActivityState>,
  globals: GlobalObjectives,
): void {
  for (const leaf of leaves) {
    const state = states.get(leaf.id)!;
    if (!leaf.deliveryControls.tracked) continue;
    for (const objective of [leaf.primaryObjective, ...leaf.objectives]) {
      if (!objective) continue;
      const local = objective.isPrimary
        ? state.primary
        : (state.objectives[objective.objectiveID] ??= { satisfied: null, measure: null });
      for (const map of objective.mapInfo) {
        const global = globals.get(map.targetObjectiveID);
        if (!global) continue;
        if (map.readSatisfiedStatus && global.satisfied !== null)
          local.satisfied = global.satisfied;
        if (map.readNormalizedMeasure && global.measure !== null) local.measure = global.measure;
      }
    }
  }
}

/** Every activity in post-order (children before their parent), iteratively. */
function postOrder(root: ActivityDefinition): ActivityDefinition[] {
  const out: ActivityDefinition[] = [];
  const stack: Array<{ activity: ActivityDefinition; expanded: boolean }> = [
    { activity: root, expanded: false },
  ];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded || top.activity.children.length === 0) {
      out.push(top.activity);
      continue;
    }
    stack.push({ activity: top.activity, expanded: true });
    for (const c of [...top.activity.children].reverse())
      stack.push({ activity: c, expanded: false });
  }
  return out;
}

export interface RollupResult {
  /** Every activity's state by id, the root's included. */
  activities: Map<string, ActivityState>;
  root: ActivityState;
  /** Global objectives after this registration's writes. */
  globals: GlobalObjectives;
  /** The global objectives this registration's activities wrote a known status or measure to. */
  written: Set<string>;
}

/**
 * The SN book's overall rollup (RB.1.5) of a whole activity tree from its leaves' stored state:
 * objective maps are written to and read from the global objectives, then every cluster is
 * rolled up from its children (measure, objective, progress), deepest first. Pure: the same
 * leaves give the same verdict, whatever order commits came in.
 */
export function rollupActivityTree(
  definition: SequencingDefinition,
  leaves: ReadonlyMap<string, LeafState>,
  globals: GlobalObjectives = new Map(),
): RollupResult {
  const order = postOrder(definition.root);
  const leafActivities = order.filter((a) => a.children.length === 0);
  const states = new Map<string, ActivityState>();
  for (const leaf of leafActivities)
    states.set(leaf.id, leafActivityState(leaf, leaves.get(leaf.id)));
  const shared: GlobalObjectives = new Map([...globals].map(([k, v]) => [k, { ...v }]));
  const written = writeGlobals(leafActivities, states, shared);
  readGlobals(leafActivities, states, shared);
  for (const activity of order) {
    if (activity.children.length > 0) rollupCluster(activity, states);
  }
  return { activities: states, root: states.get(definition.root.id)!, globals: shared, written };
}
