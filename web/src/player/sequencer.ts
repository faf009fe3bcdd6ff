import { Scorm2004API } from 'scorm-again';

/**
 * The player's seat on scorm-again's SCORM 2004 sequencing engine (its Overall Sequencing
 * Process, rules, rollup, limit conditions and navigation look-ahead). The engine runs in a
 * shadow API that the content never sees: the content keeps its own per-item runtime (so a
 * SCO's late unload calls stay its own), every value it sets is mirrored here, and its
 * Terminate, with its adl.nav.request, is replayed here so the engine ends the attempt and
 * picks what comes next. This file only translates; the engine decides.
 */

/** One activity of the course's stored sequencing definition (server's `ActivityDefinition`). */
export interface ActivityDefinition {
  id: string;
  title: string;
  isVisible: boolean;
  identifierref: string | null;
  children: ActivityDefinition[];
  sequencingControls: Record<string, unknown>;
  sequencingRules: Record<string, SequencingRule[]>;
  attemptLimit: number | null;
  attemptAbsoluteDurationLimit: string | null;
  rollupRules: { rules: unknown[] };
  rollupConsiderations: Record<string, unknown>;
  primaryObjective: Record<string, unknown> | null;
  objectives: Record<string, unknown>[];
  deliveryControls: Record<string, unknown>;
  completionThreshold: Record<string, unknown> | null;
  hideLmsUi: string[];
}

interface SequencingRule {
  action: string;
  conditionCombination: 'all' | 'any';
  conditions: Array<{
    condition: string;
    operator: 'not' | 'noOp';
    referencedObjective: string | null;
    measureThreshold: number;
  }>;
}

type Settings = Record<string, unknown>;

/**
 * Our stored definition as scorm-again's `ActivitySettings`. The names already match; what
 * differs: a rule condition's measure threshold is its `parameters.threshold`, `noOp` is no
 * operator, and absent parts are left out rather than null.
 */
export function toActivitySettings(def: ActivityDefinition): Settings {
  const rules = (list: SequencingRule[] | undefined) =>
    (list ?? []).map((rule) => ({
      action: rule.action,
      conditionCombination: rule.conditionCombination,
      conditions: rule.conditions.map((c) => ({
        condition: c.condition,
        ...(c.operator === 'not' ? { operator: 'not' } : {}),
        ...(c.referencedObjective ? { referencedObjective: c.referencedObjective } : {}),
        parameters: { threshold: c.measureThreshold },
      })),
    }));
  const settings: Settings = {
    id: def.id,
    title: def.title,
    isVisible: def.isVisible,
    children: def.children.map(toActivitySettings),
    sequencingControls: def.sequencingControls,
    sequencingRules: {
      preConditionRules: rules(def.sequencingRules['preConditionRules']),
      exitConditionRules: rules(def.sequencingRules['exitConditionRules']),
      postConditionRules: rules(def.sequencingRules['postConditionRules']),
    },
    attemptLimit: def.attemptLimit,
    rollupRules: def.rollupRules,
    rollupConsiderations: def.rollupConsiderations,
    objectives: def.objectives,
    deliveryControls: def.deliveryControls,
    hideLmsUi: def.hideLmsUi,
  };
  if (def.attemptAbsoluteDurationLimit)
    settings['attemptAbsoluteDurationLimit'] = def.attemptAbsoluteDurationLimit;
  if (def.primaryObjective) settings['primaryObjective'] = def.primaryObjective;
  if (def.completionThreshold) settings['completionThreshold'] = def.completionThreshold;
  return settings;
}

/** What the engine decided after a navigation request. */
export type Outcome =
  | { kind: 'deliver'; activityId: string }
  /** The sequencing session ended (exitAll, suspendAll, the end of the flow): the course is over for now. */
  | { kind: 'ended'; suspended: boolean }
  /** The request was not valid now; nothing changed. */
  | { kind: 'refused'; exception: string | null }
  /** The attempt ended and the engine delivers nothing: the learner chooses what to do. */
  | { kind: 'waiting' };

/** An activity of the tree as the menu shows it. */
export interface MenuEntry {
  id: string;
  title: string;
  /** A launchable item (a leaf). */
  leaf: boolean;
  current: boolean;
  completed: boolean;
  /** Hidden from the menu: `isvisible="false"` or a hiddenFromChoice rule. */
  hidden: boolean;
  /** Why a choice of it is not allowed now; null when it is. */
  locked: string | null;
  children: MenuEntry[];
}

interface EngineActivity {
  id: string;
  title: string;
  children: EngineActivity[];
  parent: EngineActivity | null;
  isVisible: boolean;
  isHiddenFromChoice: boolean;
  isActive: boolean;
  isSuspended: boolean;
  completionStatus: string;
  successStatus: string;
  attemptCount: number;
  attemptLimit: number | null;
  sequencingControls: { choice: boolean; flow: boolean };
  sequencingRules: {
    preConditionRules: Array<{ action: string; evaluate(activity: EngineActivity): unknown }>;
  };
}

interface OverallProcess {
  predictContinueEnabled(): boolean;
  predictPreviousEnabled(): boolean;
  predictChoiceEnabled(id: string): boolean;
  getEffectiveHideLmsUi(activity: EngineActivity | null): string[];
}

interface ShadowApi {
  SetValue(element: string, value: string): string;
  GetValue(element: string): string;
  Initialize(p: string): string;
  Terminate(p: string): string;
  reset(): void;
  isInitialized(): boolean;
  loadFromFlattenedJSON(json: Record<string, string>, element?: string): void;
  serializeSequencingState(): string;
  deserializeSequencingState(state: string): boolean;
  processNavigationRequest(request: string, target?: string): boolean;
  setSequencingEventListeners(listeners: Record<string, (...args: never[]) => void>): void;
  getSequencingService(): { getOverallSequencingProcess(): OverallProcess | null } | null;
  _sequencing: {
    activityTree: {
      root: EngineActivity | null;
      currentActivity: EngineActivity | null;
      suspendedActivity: EngineActivity | null;
      getActivity(id: string): EngineActivity | null;
    };
  };
}

/** The SCORM 2004 sequencing of one player session. */
export class Sequencer {
  private readonly api: ShadowApi;
  private delivered: string | null = null;
  private sessionEnded: { reason: string } | null = null;
  private lastError: string | null = null;

  /**
   * @param saved the engine's state as `snapshot()` gave it at the end of an earlier session of
   * this registration (any device): attempt counts, objectives, the suspended activity.
   */
  constructor(root: ActivityDefinition, saved?: string | null) {
    this.api = new Scorm2004API({
      lmsCommitUrl: false,
      autocommit: false,
      logLevel: 5,
      sequencing: {
        activityTree: toActivitySettings(root),
        autoRollupOnCMIChange: true,
        logLevel: 'error',
      },
    } as never) as unknown as ShadowApi;
    this.api.setSequencingEventListeners({
      onActivityDelivery: (activity: EngineActivity) => (this.delivered = activity.id),
      onSequencingSessionEnd: (data: { reason: string }) => (this.sessionEnded = data),
      onSequencingError: (error: string) => (this.lastError = error),
    });
    if (saved) this.restore(saved);
  }

  /**
   * Loads a saved state into the engine. Only what outlives a session is kept: the tree's
   * tracking (attempts, statuses, objectives, the selection made), the suspended activity and
   * the global objectives. No activity is active in a new session, and no content delivered.
   */
  private restore(saved: string): void {
    let state: Record<string, unknown>;
    try {
      state = JSON.parse(saved) as Record<string, unknown>;
    } catch {
      return;
    }
    if (typeof state !== 'object' || state === null) return;
    delete state['contentDelivered'];
    state['currentActivityId'] = null;
    const suspension = state['suspensionState'] as Record<string, unknown> | undefined;
    if (suspension) suspension['currentActivityId'] = null;
    if (!this.api.deserializeSequencingState(JSON.stringify(state))) return;
    const tree = this.tree();
    tree.currentActivity = null;
    const settle = (activity: EngineActivity | null): void => {
      if (!activity) return;
      activity.isActive = false;
      activity.children.forEach(settle);
    };
    settle(tree.root);
  }

  /** The engine's state to keep on the server, for the next session of this registration. */
  snapshot(): string {
    return this.api.serializeSequencingState();
  }

  /**
   * Starts the session with the engine's start. Where the course's root has flow="false" (the
   * CAM default, so every course without sequencing), the SN makes start invalid and leaves the
   * first move to the learner; like SCORM Engine, the player then chooses the first activity a
   * choice may open, so a plain course opens on its first SCO.
   */
  start(): Outcome {
    if (this.tree().suspendedActivity) {
      const resumed = this.run(() => this.api.processNavigationRequest('resumeAll'));
      if (resumed.kind === 'deliver') return resumed;
    }
    const started = this.run(() => this.api.processNavigationRequest('start'));
    if (started.kind === 'deliver' || started.kind === 'ended') return started;
    for (const id of this.leaves(this.tree().root)) {
      const chosen = this.run(() => this.api.processNavigationRequest('choice', id));
      if (chosen.kind === 'deliver' || chosen.kind === 'ended') return chosen;
    }
    return started;
  }

  private leaves(activity: EngineActivity | null): string[] {
    if (!activity) return [];
    if (activity.children.length === 0) return [activity.id];
    return activity.children.flatMap((child) => this.leaves(child));
  }

  /** The content of the delivered activity opens: the shadow starts a session beside it. */
  open(init: Record<string, string>): void {
    this.api.reset();
    this.api.loadFromFlattenedJSON(
      Object.fromEntries(Object.entries(init).filter(([k]) => k.startsWith('cmi.'))),
      '',
    );
    this.api.Initialize('');
  }

  /** A value the content set (and its runtime accepted). */
  mirror(element: string, value: string): void {
    if (this.api.isInitialized() && element.startsWith('cmi.')) this.api.SetValue(element, value);
  }

  /**
   * A navigation request (`continue`, `previous`, `choice` with a target, `exitAll`…): when the
   * delivered activity's content is open, it ends as its content would end it (Terminate with
   * the request), else the engine processes the request directly.
   */
  request(request: string, target?: string): Outcome {
    if (this.api.isInitialized()) {
      const nav = target ? `{target=${target}}${request}` : request;
      return this.run(() => {
        this.api.SetValue('adl.nav.request', nav);
        this.api.Terminate('');
        return true;
      });
    }
    return this.run(() => this.api.processNavigationRequest(request, target));
  }

  private run(process: () => boolean): Outcome {
    const before = this.delivered;
    this.delivered = null;
    this.sessionEnded = null;
    this.lastError = null;
    const accepted = process();
    if (this.sessionEnded) {
      this.delivered = null;
      return { kind: 'ended', suspended: this.tree().suspendedActivity !== null };
    }
    if (this.delivered) return { kind: 'deliver', activityId: this.delivered };
    if (!accepted) {
      this.delivered = before;
      return { kind: 'refused', exception: this.lastError };
    }
    this.delivered = this.tree().currentActivity?.isActive ? before : null;
    return this.delivered ? { kind: 'deliver', activityId: this.delivered } : { kind: 'waiting' };
  }

  /** The activity whose content is delivered now, if any. */
  get current(): string | null {
    return this.delivered;
  }

  canContinue(): boolean {
    return this.process()?.predictContinueEnabled() ?? false;
  }

  canGoBack(): boolean {
    return this.process()?.predictPreviousEnabled() ?? false;
  }

  canChoose(id: string): boolean {
    const activity = this.tree().getActivity(id);
    return !!activity && this.lockReason(activity) === null;
  }

  /** The `hideLMSUI` tokens in effect for the delivered activity. */
  hiddenControls(): string[] {
    return this.process()?.getEffectiveHideLmsUi(this.tree().currentActivity) ?? [];
  }

  /** Attempts begun on each activity, as the engine counts them. */
  attemptCount(id: string): number {
    return this.tree().getActivity(id)?.attemptCount ?? 0;
  }

  /** The course's tree as the menu shows it, below the root. */
  menu(): MenuEntry[] {
    const root = this.tree().root;
    return root ? root.children.map((a) => this.entry(a)) : [];
  }

  private entry(activity: EngineActivity): MenuEntry {
    return {
      id: activity.id,
      title: activity.title,
      leaf: activity.children.length === 0,
      current: activity.id === this.delivered,
      completed: activity.completionStatus === 'completed',
      hidden: !activity.isVisible || activity.isHiddenFromChoice || this.hiddenByRule(activity),
      locked: this.lockReason(activity),
      children: activity.children.map((a) => this.entry(a)),
    };
  }

  /**
   * A hiddenFromChoice precondition that holds now. The engine applies these rules when it
   * validates a choice but leaves `isHiddenFromChoice` to selection alone, so the menu asks.
   */
  private hiddenByRule(activity: EngineActivity): boolean {
    return activity.sequencingRules.preConditionRules.some(
      (rule) => rule.action === 'hiddenFromChoice' && rule.evaluate(activity) === true,
    );
  }

  /** Why the menu may not choose `activity` now, in the learner's words; null when it may. */
  private lockReason(activity: EngineActivity): string | null {
    if (activity.id === this.delivered) return null;
    if (activity.parent && activity.parent.sequencingControls.choice === false)
      return 'This part of the course is taken in order: use Next and Previous.';
    if (activity.attemptLimit !== null && activity.attemptCount >= activity.attemptLimit)
      return 'No attempts left.';
    if (!this.process()?.predictChoiceEnabled(activity.id))
      return 'Not available yet: the course’s rules open it later.';
    return null;
  }

  private tree(): ShadowApi['_sequencing']['activityTree'] {
    return this.api._sequencing.activityTree;
  }

  private process(): OverallProcess | null {
    return this.api.getSequencingService()?.getOverallSequencingProcess() ?? null;
  }
}
