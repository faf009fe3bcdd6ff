import { describe, expect, it } from 'vitest';
import { Sequencer, type ActivityDefinition } from './sequencer.js';

const CONTROLS = {
  choice: true,
  choiceExit: true,
  flow: false,
  forwardOnly: false,
  useCurrentAttemptObjectiveInfo: true,
  useCurrentAttemptProgressInfo: true,
  preventActivation: false,
  constrainChoice: false,
  rollupObjectiveSatisfied: true,
  rollupProgressCompletion: true,
  objectiveMeasureWeight: 1,
  selectionTiming: 'never',
  selectCount: null,
  randomizeChildren: false,
  randomizationTiming: 'never',
};

function activity(id: string, overrides: Partial<ActivityDefinition> = {}): ActivityDefinition {
  return {
    id,
    title: id,
    isVisible: true,
    identifierref: overrides.children?.length ? null : `${id}_res`,
    children: [],
    sequencingControls: CONTROLS,
    sequencingRules: { preConditionRules: [], exitConditionRules: [], postConditionRules: [] },
    attemptLimit: null,
    attemptAbsoluteDurationLimit: null,
    rollupRules: { rules: [] },
    rollupConsiderations: {
      requiredForSatisfied: 'always',
      requiredForNotSatisfied: 'always',
      requiredForCompleted: 'always',
      requiredForIncomplete: 'always',
      measureSatisfactionIfActive: true,
    },
    primaryObjective: null,
    objectives: [],
    deliveryControls: {
      tracked: true,
      completionSetByContent: false,
      objectiveSetByContent: false,
    },
    completionThreshold: null,
    hideLmsUi: [],
    ...overrides,
  };
}

/** Golf's Forced Sequential Order: content in order, the quiz disabled until the content is done. */
function forcedSequential(): ActivityDefinition {
  const gated = (id: string, previous: string) =>
    activity(id, {
      sequencingRules: {
        preConditionRules: [
          {
            action: 'disabled',
            conditionCombination: 'any',
            conditions: [
              {
                condition: 'satisfied',
                operator: 'not',
                referencedObjective: 'previous',
                measureThreshold: 0,
              },
              {
                condition: 'objectiveStatusKnown',
                operator: 'not',
                referencedObjective: 'previous',
                measureThreshold: 0,
              },
            ],
          },
        ],
        exitConditionRules: [],
        postConditionRules: [],
      },
      primaryObjective: objective(`${id}_ok`, `g.${id}`, true),
      objectives: [objective('previous', `g.${previous}`, false)],
    });
  return activity('org', {
    sequencingControls: { ...CONTROLS, choice: false, flow: true },
    children: [
      activity('playing', { primaryObjective: objective('playing_ok', 'g.playing', true) }),
      gated('etiquette', 'playing'),
      gated('quiz', 'etiquette'),
    ],
  });
}

function objective(id: string, target: string, write: boolean): Record<string, unknown> {
  return {
    objectiveID: id,
    isPrimary: write,
    satisfiedByMeasure: false,
    minNormalizedMeasure: 1,
    mapInfo: [
      {
        targetObjectiveID: target,
        readSatisfiedStatus: true,
        readNormalizedMeasure: false,
        writeSatisfiedStatus: write,
        writeNormalizedMeasure: false,
      },
    ],
  };
}

describe('Sequencer', () => {
  it('plays a forced sequential course in order and refuses choice and a skip ahead', () => {
    const seq = new Sequencer(forcedSequential());
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'playing' });
    seq.open({});
    expect(seq.canChoose('quiz')).toBe(false);
    expect(seq.menu().find((e) => e.id === 'quiz')?.locked).toMatch(/in order/);
    seq.mirror('cmi.completion_status', 'completed');
    expect(seq.request('continue')).toEqual({ kind: 'deliver', activityId: 'etiquette' });
    seq.open({});
    expect(seq.canGoBack()).toBe(true);
    seq.mirror('cmi.completion_status', 'completed');
    expect(seq.request('continue')).toEqual({ kind: 'deliver', activityId: 'quiz' });
    seq.open({});
    seq.mirror('cmi.completion_status', 'completed');
    seq.mirror('cmi.success_status', 'failed');
    expect(seq.request('continue')).toEqual({ kind: 'ended', suspended: false });
  });

  it('opens the first activity a choice may where the root does not flow (the CAM default)', () => {
    const seq = new Sequencer(activity('org', { children: [activity('one'), activity('two')] }));
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'one' });
    seq.open({});
    expect(seq.canChoose('two')).toBe(true);
    expect(seq.request('choice', 'two')).toEqual({ kind: 'deliver', activityId: 'two' });
  });

  it('does not flow past content whose objective is not satisfied: the next is disabled', () => {
    const seq = new Sequencer(forcedSequential());
    seq.start();
    seq.open({});
    seq.mirror('cmi.completion_status', 'incomplete');
    seq.mirror('cmi.success_status', 'failed');
    expect(seq.request('continue')).toEqual({ kind: 'waiting' });
    expect(seq.canChoose('etiquette')).toBe(false);
    expect(seq.request('continue')).toMatchObject({ kind: 'refused' });
  });

  it('resumes a suspended session from its snapshot at the suspended activity, attempts kept', () => {
    const course = () =>
      activity('org', {
        children: [activity('intro', { attemptLimit: 1 }), activity('lesson'), activity('test')],
      });
    const first = new Sequencer(course());
    expect(first.start()).toEqual({ kind: 'deliver', activityId: 'intro' });
    first.open({});
    first.mirror('cmi.completion_status', 'completed');
    expect(first.request('choice', 'lesson')).toEqual({ kind: 'deliver', activityId: 'lesson' });
    first.open({});
    first.mirror('cmi.exit', 'suspend');
    expect(first.request('suspendAll')).toEqual({ kind: 'ended', suspended: true });

    const second = new Sequencer(course(), first.snapshot());
    expect(second.start()).toEqual({ kind: 'deliver', activityId: 'lesson' });
    second.open({ 'cmi.entry': 'resume' });
    expect(second.attemptCount('intro')).toBe(1);
    expect(second.attemptCount('lesson')).toBe(1);
    expect(second.canChoose('intro')).toBe(false);
    expect(second.menu().find((e) => e.id === 'intro')?.locked).toBe('No attempts left.');
    expect(second.canChoose('test')).toBe(true);
    // The engine's own limit check holds too: the choice ends the lesson but delivers nothing.
    expect(second.request('choice', 'intro')).not.toMatchObject({ kind: 'deliver' });
    expect(second.attemptCount('intro')).toBe(1);
  });

  it('starts afresh from a snapshot that is not the engine’s', () => {
    const seq = new Sequencer(activity('org', { children: [activity('one')] }), '{not json');
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'one' });
  });
});

/** A rule of our stored definition: `conditions` as [condition, operator] pairs. */
function rule(action: string, ...conditions: Array<[string, 'not' | 'noOp']>) {
  return {
    action,
    conditionCombination: 'all' as const,
    conditions: conditions.map(([condition, operator]) => ({
      condition,
      operator,
      referencedObjective: null,
      measureThreshold: 0,
    })),
  };
}

const RULES = { preConditionRules: [], exitConditionRules: [], postConditionRules: [] };
const FLOW = { ...CONTROLS, flow: true };

/** Opens the delivered content and has it end with these values set. */
function play(seq: Sequencer, values: Record<string, string> = {}) {
  seq.open({});
  for (const [k, v] of Object.entries(values)) seq.mirror(k, v);
}

describe('the engine’s rules on small trees', () => {
  it('precondition skip: flow passes over the skipped activity', () => {
    const seq = new Sequencer(
      activity('org', {
        sequencingControls: FLOW,
        children: [
          activity('a'),
          activity('b', {
            sequencingRules: { ...RULES, preConditionRules: [rule('skip', ['always', 'noOp'])] },
          }),
          activity('c'),
        ],
      }),
    );
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'a' });
    play(seq, { 'cmi.completion_status': 'completed' });
    expect(seq.request('continue')).toEqual({ kind: 'deliver', activityId: 'c' });
  });

  it('postcondition retry: a failed quiz is delivered again, as a new attempt', () => {
    const seq = new Sequencer(
      activity('org', {
        sequencingControls: FLOW,
        children: [
          activity('quiz', {
            sequencingRules: {
              ...RULES,
              postConditionRules: [rule('retry', ['satisfied', 'not'])],
            },
          }),
          activity('after'),
        ],
      }),
    );
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'quiz' });
    play(seq, { 'cmi.completion_status': 'completed', 'cmi.success_status': 'failed' });
    expect(seq.request('continue')).toEqual({ kind: 'deliver', activityId: 'quiz' });
    expect(seq.attemptCount('quiz')).toBe(2);
    play(seq, { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' });
    expect(seq.request('continue')).toEqual({ kind: 'deliver', activityId: 'after' });
  });

  it('exit rule on a cluster: once satisfied, flow leaves the cluster for what follows it', () => {
    const seq = new Sequencer(
      activity('org', {
        sequencingControls: FLOW,
        children: [
          activity('module', {
            sequencingControls: FLOW,
            sequencingRules: {
              ...RULES,
              exitConditionRules: [rule('exit', ['satisfied', 'noOp'])],
            },
            rollupRules: {
              rules: [
                {
                  action: 'satisfied',
                  consideration: 'any',
                  minimumCount: 0,
                  minimumPercent: 0,
                  conditionCombination: 'any',
                  conditions: [{ condition: 'satisfied' }],
                },
              ],
            },
            children: [activity('m1'), activity('m2')],
          }),
          activity('test'),
        ],
      }),
    );
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'm1' });
    play(seq, { 'cmi.completion_status': 'completed', 'cmi.success_status': 'passed' });
    expect(seq.request('continue')).toEqual({ kind: 'deliver', activityId: 'test' });
  });

  it('attemptLimit=1: once its attempt ended, the activity cannot be chosen again', () => {
    const seq = new Sequencer(
      activity('org', { children: [activity('once', { attemptLimit: 1 }), activity('other')] }),
    );
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'once' });
    play(seq, { 'cmi.completion_status': 'completed' });
    expect(seq.request('choice', 'other')).toEqual({ kind: 'deliver', activityId: 'other' });
    play(seq);
    expect(seq.canChoose('once')).toBe(false);
    expect(seq.request('choice', 'once')).not.toMatchObject({ kind: 'deliver' });
  });

  it('choiceExit=false: inside the cluster, a choice outside it is refused, one inside allowed', () => {
    const seq = new Sequencer(
      activity('org', {
        children: [
          activity('module', {
            sequencingControls: { ...CONTROLS, choiceExit: false },
            children: [activity('m1'), activity('m2')],
          }),
          activity('outside'),
        ],
      }),
    );
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'm1' });
    seq.open({});
    expect(seq.canChoose('outside')).toBe(false);
    expect(seq.canChoose('m2')).toBe(true);
    expect(seq.request('choice', 'm2')).toEqual({ kind: 'deliver', activityId: 'm2' });
  });

  it('constrainChoice: from an activity, only its neighbours in flow may be chosen', () => {
    const seq = new Sequencer(
      activity('org', {
        sequencingControls: { ...FLOW, constrainChoice: true },
        children: [activity('a'), activity('b'), activity('c')],
      }),
    );
    expect(seq.start()).toEqual({ kind: 'deliver', activityId: 'a' });
    seq.open({});
    expect(seq.canChoose('b')).toBe(true);
    expect(seq.canChoose('c')).toBe(false);
  });

  it('hiddenFromChoice precondition: the menu leaves the activity out', () => {
    const seq = new Sequencer(
      activity('org', {
        children: [
          activity('shown'),
          activity('secret', {
            sequencingRules: {
              ...RULES,
              preConditionRules: [rule('hiddenFromChoice', ['always', 'noOp'])],
            },
          }),
        ],
      }),
    );
    seq.start();
    seq.open({});
    expect(seq.menu().find((e) => e.id === 'secret')?.hidden).toBe(true);
    expect(seq.canChoose('secret')).toBe(false);
  });
});
