/**
 * The vocabulary of a SCORM 2004 course's sequencing definition (IMS Simple Sequencing as SCORM
 * CAM 2004 profiles it), as the importer reads it from `imsss:sequencing` and stores it with the
 * course. Field names follow scorm-again's `ActivitySettings` (its `sequencing.activityTree`
 * setting), so the player can hand this tree to scorm-again's engine unchanged; defaults are the
 * CAM's, written out, so no reader has to know them.
 */

export type RuleConditionType =
  | 'satisfied'
  | 'objectiveStatusKnown'
  | 'objectiveMeasureKnown'
  | 'objectiveMeasureGreaterThan'
  | 'objectiveMeasureLessThan'
  | 'completed'
  | 'activityProgressKnown'
  | 'attempted'
  | 'attemptLimitExceeded'
  | 'timeLimitExceeded'
  | 'outsideAvailableTimeRange'
  | 'always';

export type RollupConditionType =
  | 'satisfied'
  | 'objectiveStatusKnown'
  | 'objectiveMeasureKnown'
  | 'completed'
  | 'activityProgressKnown'
  | 'attempted'
  | 'attemptLimitExceeded'
  | 'timeLimitExceeded'
  | 'outsideAvailableTimeRange';

export type RollupAction = 'satisfied' | 'notSatisfied' | 'completed' | 'incomplete';

export type ChildActivitySet = 'all' | 'any' | 'none' | 'atLeastCount' | 'atLeastPercent';

/** `adlseq:rollupConsiderations`: which children count for each rollup action. */
export type RollupRequirement = 'always' | 'ifAttempted' | 'ifNotSkipped' | 'ifNotSuspended';

export interface RuleCondition {
  condition: RuleConditionType;
  /** `not` negates; `noOp` (the default) does not. */
  operator: 'not' | 'noOp';
  /** An objective of the activity by its objectiveID; null means the primary objective. */
  referencedObjective: string | null;
  /** For the measure comparisons, -1 to 1. */
  measureThreshold: number;
}

export interface SequencingRule {
  /** Pre: skip, disabled, hiddenFromChoice, stopForwardTraversal; post: exitParent, exitAll, retry, retryAll, continue, previous; exit: exit. */
  action: string;
  conditionCombination: 'all' | 'any';
  conditions: RuleCondition[];
}

export interface RollupCondition {
  condition: RollupConditionType;
  operator: 'not' | 'noOp';
}

export interface RollupRule {
  action: RollupAction;
  /** The CAM's `childActivitySet`. */
  consideration: ChildActivitySet;
  minimumCount: number;
  /** 0 to 1. */
  minimumPercent: number;
  conditionCombination: 'all' | 'any';
  conditions: RollupCondition[];
}

export interface ObjectiveMapInfo {
  targetObjectiveID: string;
  readSatisfiedStatus: boolean;
  readNormalizedMeasure: boolean;
  writeSatisfiedStatus: boolean;
  writeNormalizedMeasure: boolean;
  /** `adlseq:objectives` (4th edition) extends the map with these; all false when absent. */
  readCompletionStatus: boolean;
  writeCompletionStatus: boolean;
  readProgressMeasure: boolean;
  writeProgressMeasure: boolean;
  readRawScore: boolean;
  writeRawScore: boolean;
  readMinScore: boolean;
  writeMinScore: boolean;
  readMaxScore: boolean;
  writeMaxScore: boolean;
}

export interface Objective {
  /** May be '' for a primary objective that names none (the CAM allows it). */
  objectiveID: string;
  isPrimary: boolean;
  satisfiedByMeasure: boolean;
  /** -1 to 1; 1 when the manifest does not say. */
  minNormalizedMeasure: number;
  mapInfo: ObjectiveMapInfo[];
}

export interface SequencingControls {
  choice: boolean;
  choiceExit: boolean;
  flow: boolean;
  forwardOnly: boolean;
  useCurrentAttemptObjectiveInfo: boolean;
  useCurrentAttemptProgressInfo: boolean;
  /** `constrainedChoiceConsiderations` (adlseq). */
  preventActivation: boolean;
  constrainChoice: boolean;
  /** From `imsss:rollupRules`' attributes: how this activity contributes to its parent. */
  rollupObjectiveSatisfied: boolean;
  rollupProgressCompletion: boolean;
  objectiveMeasureWeight: number;
  /** `imsss:randomizationControls`. */
  selectionTiming: 'never' | 'once' | 'onEachNewAttempt';
  selectCount: number | null;
  randomizeChildren: boolean;
  randomizationTiming: 'never' | 'once' | 'onEachNewAttempt';
}

export interface DeliveryControls {
  tracked: boolean;
  completionSetByContent: boolean;
  objectiveSetByContent: boolean;
}

export interface RollupConsiderations {
  requiredForSatisfied: RollupRequirement;
  requiredForNotSatisfied: RollupRequirement;
  requiredForCompleted: RollupRequirement;
  requiredForIncomplete: RollupRequirement;
  measureSatisfactionIfActive: boolean;
}

/** One activity of the tree: the organization (root), a cluster, or a launchable item (leaf). */
export interface ActivityDefinition {
  id: string;
  title: string;
  isVisible: boolean;
  /** The manifest resource a leaf launches; null for the root and clusters. */
  identifierref: string | null;
  children: ActivityDefinition[];
  /** The `sequencingCollection` entry this activity's sequencing started from, if any. */
  sequencingIdRef: string | null;
  sequencingControls: SequencingControls;
  sequencingRules: {
    preConditionRules: SequencingRule[];
    exitConditionRules: SequencingRule[];
    postConditionRules: SequencingRule[];
  };
  /** `imsss:limitConditions`; null where the manifest sets no limit. */
  attemptLimit: number | null;
  attemptAbsoluteDurationLimit: string | null;
  rollupRules: { rules: RollupRule[] };
  rollupConsiderations: RollupConsiderations;
  primaryObjective: Objective | null;
  /** The objectives other than the primary. */
  objectives: Objective[];
  deliveryControls: DeliveryControls;
  /** `adlcp:completionThreshold` (4th edition attributes); null when absent. */
  completionThreshold: {
    completedByMeasure: boolean;
    minProgressMeasure: number;
    progressWeight: number;
  } | null;
  /** `adlnav:presentation/navigationInterface/hideLMSUI` tokens. */
  hideLmsUi: string[];
}

/** A course's sequencing: the default organization's activity tree and how its globals are shared. */
export interface SequencingDefinition {
  root: ActivityDefinition;
  /**
   * `adlseq:objectivesGlobalToSystem` on the organization: true (the default) shares global
   * objectives with the learner's other registrations; false keeps them to this course.
   */
  objectivesGlobalToSystem: boolean;
  /**
   * Whether the manifest declares sequencing of its own (an `imsss:sequencing` on the
   * organization or any item that sets more than objectives): only such courses are played
   * through the sequencing engine; the rest play in manifest order with Previous and Next. Absent on courses stored before it was kept; read it through
   * `declaresSequencing`.
   */
  declared?: boolean;
}
