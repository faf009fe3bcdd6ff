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
