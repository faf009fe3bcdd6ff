import type { XmlNode } from '../manifest.js';
import type {
  ActivityDefinition,
  ChildActivitySet,
  Objective,
  ObjectiveMapInfo,
  RollupAction,
  RollupConditionType,
  RollupRequirement,
  RollupRule,
  RuleConditionType,
  SequencingDefinition,
  SequencingRule,
} from './definition.js';

const child = (node: XmlNode | undefined, name: string) =>
  node?.children.find((c) => c.name === name);
const children = (node: XmlNode | undefined, name: string) =>
  node?.children.filter((c) => c.name === name) ?? [];

/** xs:boolean with the CAM's default where the attribute is absent or not a boolean. */
function bool(node: XmlNode | undefined, attr: string, fallback: boolean): boolean {
  const value = node?.attrs.get(attr)?.trim().toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return fallback;
}

function decimal(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value.trim());
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** The CAM's token values, matched without regard to case (authoring tools vary). */
function token<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const lower = value?.trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === lower) ?? fallback;
}

const RULE_CONDITIONS: readonly RuleConditionType[] = [
  'satisfied',
  'objectiveStatusKnown',
  'objectiveMeasureKnown',
  'objectiveMeasureGreaterThan',
  'objectiveMeasureLessThan',
  'completed',
  'activityProgressKnown',
  'attempted',
  'attemptLimitExceeded',
  'timeLimitExceeded',
  'outsideAvailableTimeRange',
  'always',
];
const ROLLUP_CONDITIONS = RULE_CONDITIONS.filter(
  (c): c is RollupConditionType =>
    c !== 'always' && c !== 'objectiveMeasureGreaterThan' && c !== 'objectiveMeasureLessThan',
);
const ROLLUP_ACTIONS: readonly RollupAction[] = [
  'satisfied',
  'notSatisfied',
  'completed',
  'incomplete',
];
const CHILD_SETS: readonly ChildActivitySet[] = [
  'all',
  'any',
  'none',
  'atLeastCount',
  'atLeastPercent',
];
const REQUIREMENTS: readonly RollupRequirement[] = [
  'always',
  'ifAttempted',
  'ifNotSkipped',
  'ifNotSuspended',
];
const TIMINGS = ['never', 'once', 'onEachNewAttempt'] as const;

/**
 * The parts of an item's (or organization's) sequencing: its own `imsss:sequencing` elements
 * first, then those of the `sequencingCollection` entry its `IDRef` names, element by element,
 * as the CAM says an item's own definition overrides the shared one.
 */
function sequencingOf(node: XmlNode, collection: Map<string, XmlNode>) {
  const own = child(node, 'sequencing');
  const idRef = own?.attrs.get('idref')?.trim() || null;
  const shared = idRef ? collection.get(idRef) : undefined;
  return {
    idRef,
    part: (name: string) => child(own, name) ?? child(shared, name),
    /**
     * imsss:objectives and adlseq:objectives share a local name; imsss's always holds a
     * primaryObjective (the CAM requires one), adlseq's never does.
     */
    objectives: (kind: 'imsss' | 'adlseq') => {
      const pick = (seq: XmlNode | undefined) =>
        children(seq, 'objectives').find(
          (o) => (child(o, 'primaryobjective') !== undefined) === (kind === 'imsss'),
        );
      return pick(own) ?? pick(shared);
    },
  };
}

function readMapInfo(map: XmlNode): ObjectiveMapInfo {
  return {
    targetObjectiveID: map.attrs.get('targetobjectiveid')?.trim() ?? '',
    readSatisfiedStatus: bool(map, 'readsatisfiedstatus', true),
    readNormalizedMeasure: bool(map, 'readnormalizedmeasure', true),
    writeSatisfiedStatus: bool(map, 'writesatisfiedstatus', false),
    writeNormalizedMeasure: bool(map, 'writenormalizedmeasure', false),
    readCompletionStatus: false,
    writeCompletionStatus: false,
    readProgressMeasure: false,
    writeProgressMeasure: false,
    readRawScore: false,
    writeRawScore: false,
    readMinScore: false,
    writeMinScore: false,
    readMaxScore: false,
    writeMaxScore: false,
  };
}

/** `adlseq:mapInfo` (4th edition): the completion, progress and score parts of a map; reads default true. */
function extendMapInfo(map: XmlNode, into: ObjectiveMapInfo): void {
  into.readCompletionStatus = bool(map, 'readcompletionstatus', true);
  into.writeCompletionStatus = bool(map, 'writecompletionstatus', false);
  into.readProgressMeasure = bool(map, 'readprogressmeasure', true);
  into.writeProgressMeasure = bool(map, 'writeprogressmeasure', false);
  into.readRawScore = bool(map, 'readrawscore', true);
  into.writeRawScore = bool(map, 'writerawscore', false);
  into.readMinScore = bool(map, 'readminscore', true);
  into.writeMinScore = bool(map, 'writeminscore', false);
  into.readMaxScore = bool(map, 'readmaxscore', true);
  into.writeMaxScore = bool(map, 'writemaxscore', false);
}

function readObjective(node: XmlNode, isPrimary: boolean): Objective {
  return {
    objectiveID: node.attrs.get('objectiveid')?.trim() ?? '',
    isPrimary,
    satisfiedByMeasure: bool(node, 'satisfiedbymeasure', false),
    minNormalizedMeasure: decimal(child(node, 'minnormalizedmeasure')?.text, 1, -1, 1),
    mapInfo: children(node, 'mapinfo')
      .map(readMapInfo)
      .filter((m) => m.targetObjectiveID !== ''),
  };
}

function readRules(rules: XmlNode | undefined, name: string): SequencingRule[] {
  return children(rules, name).map((rule) => {
    const conditions = child(rule, 'ruleconditions');
    return {
      action: child(rule, 'ruleaction')?.attrs.get('action')?.trim() ?? '',
      conditionCombination: token(
        conditions?.attrs.get('conditioncombination'),
        ['all', 'any'],
        'all',
      ),
      conditions: children(conditions, 'rulecondition').map((c) => ({
        condition: token(c.attrs.get('condition'), RULE_CONDITIONS, 'always'),
        operator: token(c.attrs.get('operator'), ['not', 'noOp'], 'noOp'),
        referencedObjective: c.attrs.get('referencedobjective')?.trim() || null,
        measureThreshold: decimal(c.attrs.get('measurethreshold'), 0, -1, 1),
      })),
    };
  });
}

function readRollupRules(rollup: XmlNode | undefined): RollupRule[] {
  return children(rollup, 'rolluprule').flatMap((rule) => {
    const action = child(rule, 'rollupaction')?.attrs.get('action');
    const known = ROLLUP_ACTIONS.find((a) => a.toLowerCase() === action?.trim().toLowerCase());
    // A rule without a known action can change nothing; keeping it would only mislead readers.
    if (!known) return [];
    const conditions = child(rule, 'rollupconditions');
    return [
      {
        action: known,
        consideration: token(rule.attrs.get('childactivityset'), CHILD_SETS, 'all'),
        minimumCount: Math.max(0, Math.floor(decimal(rule.attrs.get('minimumcount'), 0, 0, 1e9))),
        minimumPercent: decimal(rule.attrs.get('minimumpercent'), 0, 0, 1),
        // Unlike sequencing rules, rollup conditions combine with "any" unless told.
        conditionCombination: token(
          conditions?.attrs.get('conditioncombination'),
          ['all', 'any'],
          'any',
        ),
        conditions: children(conditions, 'rollupcondition').map((c) => ({
          condition: token(c.attrs.get('condition'), ROLLUP_CONDITIONS, 'satisfied'),
          operator: token(c.attrs.get('operator'), ['not', 'noOp'], 'noOp'),
        })),
      },
    ];
  });
}

function readActivity(
  node: XmlNode,
  id: string,
  collection: Map<string, XmlNode>,
  kids: ActivityDefinition[],
): ActivityDefinition {
  const seq = sequencingOf(node, collection);
  const control = seq.part('controlmode');
  const constrained = seq.part('constrainedchoiceconsiderations');
  const rollup = seq.part('rolluprules');
  const random = seq.part('randomizationcontrols');
  const limits = seq.part('limitconditions');
  const delivery = seq.part('deliverycontrols');
  const considerations = seq.part('rollupconsiderations');
  const rules = seq.part('sequencingrules');
  const objectivesNode = seq.objectives('imsss');
  const primaryNode = child(objectivesNode, 'primaryobjective');
  const primaryObjective = primaryNode ? readObjective(primaryNode, true) : null;
  const objectives = children(objectivesNode, 'objective').map((o) => readObjective(o, false));
  for (const extra of children(seq.objectives('adlseq'), 'objective')) {
    const target = [primaryObjective, ...objectives].find(
      (o) => o?.objectiveID === extra.attrs.get('objectiveid')?.trim(),
    );
    for (const map of children(extra, 'mapinfo')) {
      const id = map.attrs.get('targetobjectiveid')?.trim();
      const into = target?.mapInfo.find((m) => m.targetObjectiveID === id);
      if (into) extendMapInfo(map, into);
      else if (target && id) {
        const added = readMapInfo(map);
        added.readSatisfiedStatus = added.readNormalizedMeasure = false;
        extendMapInfo(map, added);
        target.mapInfo.push(added);
      }
    }
  }
  const threshold = child(node, 'completionthreshold');
  const thresholdText = threshold?.text.trim();
  const attemptLimit = limits?.attrs.get('attemptlimit')?.trim();
  const hideLmsUi = children(child(child(node, 'presentation'), 'navigationinterface'), 'hidelmsui')
    .map((h) => h.text.trim())
    .filter((t) => t !== '');
  return {
    id,
    title: child(node, 'title')?.text.trim() || id,
    isVisible: bool(node, 'isvisible', true),
    identifierref: node.attrs.get('identifierref')?.trim() || null,
    children: kids,
    sequencingIdRef: seq.idRef,
    sequencingControls: {
      choice: bool(control, 'choice', true),
      choiceExit: bool(control, 'choiceexit', true),
      flow: bool(control, 'flow', false),
      forwardOnly: bool(control, 'forwardonly', false),
      useCurrentAttemptObjectiveInfo: bool(control, 'usecurrentattemptobjectiveinfo', true),
      useCurrentAttemptProgressInfo: bool(control, 'usecurrentattemptprogressinfo', true),
      preventActivation: bool(constrained, 'preventactivation', false),
      constrainChoice: bool(constrained, 'constrainchoice', false),
      rollupObjectiveSatisfied: bool(rollup, 'rollupobjectivesatisfied', true),
      rollupProgressCompletion: bool(rollup, 'rollupprogresscompletion', true),
      objectiveMeasureWeight: decimal(rollup?.attrs.get('objectivemeasureweight'), 1, 0, 1),
      selectionTiming: token(random?.attrs.get('selectiontiming'), TIMINGS, 'never'),
      selectCount:
        random?.attrs.get('selectcount') === undefined
          ? null
          : Math.floor(decimal(random.attrs.get('selectcount'), 0, 0, 1e9)),
      randomizeChildren: bool(random, 'reorderchildren', false),
      randomizationTiming: token(random?.attrs.get('randomizationtiming'), TIMINGS, 'never'),
    },
    sequencingRules: {
      preConditionRules: readRules(rules, 'preconditionrule'),
      exitConditionRules: readRules(rules, 'exitconditionrule'),
      postConditionRules: readRules(rules, 'postconditionrule'),
    },
    attemptLimit: attemptLimit ? Math.floor(decimal(attemptLimit, 0, 0, 1e9)) : null,
    attemptAbsoluteDurationLimit: limits?.attrs.get('attemptabsolutedurationlimit')?.trim() || null,
    rollupRules: { rules: readRollupRules(rollup) },
    rollupConsiderations: {
      requiredForSatisfied: token(
        considerations?.attrs.get('requiredforsatisfied'),
        REQUIREMENTS,
        'always',
      ),
      requiredForNotSatisfied: token(
        considerations?.attrs.get('requiredfornotsatisfied'),
        REQUIREMENTS,
        'always',
      ),
      requiredForCompleted: token(
        considerations?.attrs.get('requiredforcompleted'),
        REQUIREMENTS,
        'always',
      ),
      requiredForIncomplete: token(
        considerations?.attrs.get('requiredforincomplete'),
        REQUIREMENTS,
        'always',
      ),
      measureSatisfactionIfActive: bool(considerations, 'measuresatisfactionifactive', true),
    },
    primaryObjective,
    objectives,
    deliveryControls: {
      tracked: bool(delivery, 'tracked', true),
      completionSetByContent: bool(delivery, 'completionsetbycontent', false),
      objectiveSetByContent: bool(delivery, 'objectivesetbycontent', false),
    },
    completionThreshold: !threshold
      ? null
      : thresholdText
        ? // 3rd edition: the element's text is the threshold, and it always decides by measure.
          {
            completedByMeasure: true,
            minProgressMeasure: decimal(thresholdText, 1, 0, 1),
            progressWeight: 1,
          }
        : {
            completedByMeasure: bool(threshold, 'completedbymeasure', false),
            minProgressMeasure: decimal(threshold.attrs.get('minprogressmeasure'), 1, 0, 1),
            progressWeight: decimal(threshold.attrs.get('progressweight'), 1, 0, 1),
          },
    hideLmsUi,
  };
}

/**
 * The organization's activity tree with every activity's sequencing definition, shared
 * collection entries applied. `idOf` names an item exactly as the item list does, so leaves and
 * launchable items share their identifiers. Iterative, so a deeply nested manifest cannot
 * overflow the stack.
 */
export function readSequencingDefinition(
  organization: XmlNode,
  collection: Map<string, XmlNode>,
  idOf: (item: XmlNode) => string,
): SequencingDefinition {
  interface Frame {
    node: XmlNode;
    id: string;
    kids: ActivityDefinition[];
    next: number;
    items: XmlNode[];
  }
  const frameOf = (node: XmlNode, id: string): Frame => ({
    node,
    id,
    kids: [],
    next: 0,
    items: children(node, 'item'),
  });
  const rootId = organization.attrs.get('identifier')?.trim() || 'organization';
  const stack: Frame[] = [frameOf(organization, rootId)];
  let root: ActivityDefinition | null = null;
  let declared = false;
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (top.next === 0 && governsNavigation(top.node, collection)) declared = true;
    const nextItem = top.items[top.next++];
    if (nextItem) {
      stack.push(frameOf(nextItem, idOf(nextItem)));
      continue;
    }
    stack.pop();
    const activity = readActivity(top.node, top.id, collection, top.kids);
    if (stack.length > 0) stack.at(-1)!.kids.push(activity);
    else root = activity;
  }
  return {
    root: root!,
    objectivesGlobalToSystem: bool(organization, 'objectivesglobaltosystem', true),
    declared,
  };
}

/**
 * Whether an item's (or the organization's) `imsss:sequencing`, its own or the shared entry it
 * names, sets anything besides objectives. Objectives alone say what is tracked and rolled up
 * (the server reads them for the verdict either way), not how the learner moves; authoring tools
 * write them into packages that otherwise expect plain manifest order.
 */
function governsNavigation(node: XmlNode, collection: Map<string, XmlNode>): boolean {
  const own = child(node, 'sequencing');
  const idRef = own?.attrs.get('idref')?.trim();
  return [own, idRef ? collection.get(idRef) : undefined].some((seq) =>
    seq?.children.some((part) => part.name !== 'objectives'),
  );
}

/** The parts of an activity that `imsss:sequencing` sets to steer the learner (not objectives). */
const declarable = (activity: ActivityDefinition) =>
  JSON.stringify([
    activity.sequencingControls,
    activity.sequencingRules,
    activity.attemptLimit,
    activity.attemptAbsoluteDurationLimit,
    activity.rollupRules,
    activity.rollupConsiderations,
    activity.deliveryControls,
  ]);

/**
 * Whether a course declares sequencing of its own, so the player follows the sequencing engine
 * rather than manifest order. Courses stored before `declared` was kept count as declaring it
 * when any activity's sequencing, objectives aside, differs from the CAM defaults: such a tree
 * reads the same as one with no `imsss:sequencing` at all.
 */
export function declaresSequencing(definition: SequencingDefinition): boolean {
  if (definition.declared !== undefined) return definition.declared;
  const bare: XmlNode = { name: 'item', attrs: new Map(), children: [], text: '' };
  const defaults = declarable(readActivity(bare, '', new Map(), []));
  const stack = [definition.root];
  while (stack.length > 0) {
    const activity = stack.pop()!;
    if (declarable(activity) !== defaults) return true;
    stack.push(...activity.children);
  }
  return false;
}
