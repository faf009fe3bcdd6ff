import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActivityDefinition, RollupRule, SequencingDefinition } from './definition.js';
import { checkSequencingRules, rollupActivityTree, type LeafState } from './rollup.js';

/** An activity with the CAM's defaults, changed only where a row says. */
function activity(
  id: string,
  patch: Partial<
    Omit<ActivityDefinition, 'sequencingControls' | 'deliveryControls' | 'rollupConsiderations'>
  > & {
    controls?: Partial<ActivityDefinition['sequencingControls']>;
    delivery?: Partial<ActivityDefinition['deliveryControls']>;
    considerations?: Partial<ActivityDefinition['rollupConsiderations']>;
  } = {},
): ActivityDefinition {
  const { controls, delivery, considerations, ...rest } = patch;
  return {
    id,
    title: id,
    isVisible: true,
    identifierref: null,
    children: [],
    sequencingIdRef: null,
    sequencingControls: {
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
      ...controls,
    },
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
      ...considerations,
    },
    primaryObjective: null,
    objectives: [],
    deliveryControls: {
      tracked: true,
      completionSetByContent: false,
      objectiveSetByContent: false,
      ...delivery,
    },
    completionThreshold: null,
    hideLmsUi: [],
    ...rest,
  };
}

const tree = (children: ActivityDefinition[], root: Parameters<typeof activity>[1] = {}) =>
  ({
    root: activity('root', { ...root, children }),
    objectivesGlobalToSystem: true,
  }) satisfies SequencingDefinition;

/** A launched leaf still in its attempt, reporting what a row gives. */
function leaf(
  patch: Partial<LeafState> & { satisfied?: boolean | null; measure?: number | null } = {},
): LeafState {
  const { satisfied = null, measure = null, ...rest } = patch;
  return {
    attemptCount: 1,
    ended: false,
    suspended: false,
    completion: 'unknown',
    progressMeasure: null,
    primary: { satisfied, measure },
    objectives: {},
    ...rest,
  };
}

const rule = (
  action: RollupRule['action'],
  consideration: RollupRule['consideration'],
  condition: RollupRule['conditions'][number]['condition'],
  extra: Partial<RollupRule> = {},
): RollupRule => ({
  action,
  consideration,
  minimumCount: 0,
  minimumPercent: 0,
  conditionCombination: 'any',
  conditions: [{ condition, operator: 'noOp' }],
  ...extra,
});

interface Row {
  name: string;
  definition: SequencingDefinition;
  leaves: Record<string, LeafState>;
  satisfied: boolean | null;
  completed: boolean | null;
  measure?: number | null;
}

const abq = (patch: Parameters<typeof activity>[1] = {}) => [
  activity('a', patch),
  activity('b', patch),
  activity('q'),
];

const rows: Row[] = [
  {
    name: 'defaults: nothing known yet rolls up nothing',
    definition: tree(abq()),
    leaves: { a: leaf({ completion: 'completed' }) },
    satisfied: null,
    completed: null,
  },
  {
    name: 'defaults: all completed is completed; satisfaction still unknown while the quiz says nothing',
    definition: tree(abq()),
    leaves: {
      a: leaf({ completion: 'completed', ended: true }),
      b: leaf({ completion: 'completed', ended: true }),
      q: leaf({ completion: 'completed' }),
    },
    satisfied: null,
    completed: true,
  },
  {
    name: 'defaults: an ended attempt the content did not judge is satisfied (objectiveSetByContent=false); a failed quiz makes all known, not all satisfied: not satisfied',
    definition: tree(abq()),
    leaves: {
      a: leaf({ completion: 'completed', ended: true }),
      b: leaf({ completion: 'completed', ended: true }),
      q: leaf({ completion: 'completed', satisfied: false, ended: true }),
    },
    satisfied: false,
    completed: true,
  },
  {
    name: 'defaults: every child satisfied is satisfied',
    definition: tree(abq()),
    leaves: {
      a: leaf({ completion: 'completed', ended: true }),
      b: leaf({ completion: 'completed', ended: true }),
      q: leaf({ completion: 'completed', satisfied: true, ended: true }),
    },
    satisfied: true,
    completed: true,
  },
  {
    name: 'defaults: one failed child among unknown ones is not yet a verdict (not satisfied needs every status known)',
    definition: tree(abq()),
    leaves: { q: leaf({ completion: 'completed', satisfied: false }) },
    satisfied: null,
    completed: null,
  },
  {
    name: 'defaults: all progress known but one incomplete is incomplete',
    definition: tree(abq()),
    leaves: {
      a: leaf({ completion: 'completed' }),
      b: leaf({ completion: 'incomplete' }),
      q: leaf({ completion: 'completed' }),
    },
    satisfied: null,
    completed: false,
  },
  {
    name: 'objectiveSetByContent=true: a silent ended attempt stays unjudged',
    definition: tree(
      abq({ delivery: { objectiveSetByContent: true, completionSetByContent: true } }),
    ),
    leaves: {
      a: leaf({ ended: true }),
      b: leaf({ ended: true }),
      q: leaf({ completion: 'completed', satisfied: true, ended: true }),
    },
    satisfied: null,
    completed: null,
  },
  {
    name: 'rollupObjectiveSatisfied=false: content does not count for satisfaction; the quiz alone decides',
    definition: tree(abq({ controls: { rollupObjectiveSatisfied: false } })),
    leaves: { q: leaf({ completion: 'completed', satisfied: false }) },
    satisfied: false,
    completed: null,
  },
  {
    name: 'rollupProgressCompletion=false: content does not count for completion',
    definition: tree(abq({ controls: { rollupProgressCompletion: false } })),
    leaves: { q: leaf({ completion: 'completed' }) },
    satisfied: null,
    completed: true,
  },
  {
    name: 'tracked=false: the child neither counts nor records',
    definition: tree(abq({ delivery: { tracked: false } })),
    leaves: {
      a: leaf({ completion: 'incomplete', satisfied: false }),
      q: leaf({ completion: 'completed', satisfied: true }),
    },
    satisfied: true,
    completed: true,
  },
  {
    name: 'rule any satisfied: one satisfied child is enough',
    definition: tree(abq(), { rollupRules: { rules: [rule('satisfied', 'any', 'satisfied')] } }),
    leaves: { a: leaf({ satisfied: true }) },
    satisfied: true,
    completed: null,
  },
  {
    name: 'rule none attempted → not satisfied: holds while no child is attempted',
    definition: tree(abq(), {
      rollupRules: { rules: [rule('notSatisfied', 'none', 'attempted')] },
    }),
    leaves: {},
    satisfied: false,
    completed: null,
  },
  {
    name: 'rule none: one child attempted breaks it',
    definition: tree(abq(), {
      rollupRules: { rules: [rule('notSatisfied', 'none', 'attempted')] },
    }),
    leaves: { b: leaf() },
    satisfied: null,
    completed: null,
  },
  {
    name: 'rule atLeastCount 2 completed',
    definition: tree(abq(), {
      rollupRules: { rules: [rule('completed', 'atLeastCount', 'completed', { minimumCount: 2 })] },
    }),
    leaves: { a: leaf({ completion: 'completed' }), q: leaf({ completion: 'completed' }) },
    satisfied: null,
    completed: true,
  },
  {
    name: 'rule atLeastPercent 0.5 satisfied: one of three is not enough',
    definition: tree(abq(), {
      rollupRules: {
        rules: [rule('satisfied', 'atLeastPercent', 'satisfied', { minimumPercent: 0.5 })],
      },
    }),
    leaves: { a: leaf({ satisfied: true }) },
    satisfied: null,
    completed: null,
  },
  {
    name: 'a not operator: all children not satisfied (known) → not satisfied',
    definition: tree([activity('a'), activity('b')], {
      rollupRules: {
        rules: [
          {
            ...rule('notSatisfied', 'all', 'satisfied'),
            conditions: [{ condition: 'satisfied', operator: 'not' }],
          },
        ],
      },
    }),
    leaves: { a: leaf({ satisfied: false }), b: leaf({ satisfied: false }) },
    satisfied: false,
    completed: null,
  },
  {
    name: 'ifAttempted: an unattempted child does not hold satisfaction back',
    definition: tree([
      activity('a', { considerations: { requiredForSatisfied: 'ifAttempted' } }),
      activity('b'),
    ]),
    leaves: { b: leaf({ satisfied: true }) },
    satisfied: true,
    completed: null,
  },
  {
    name: 'measure rollup: weights over every tracked child, weight 0 leaves a child out',
    definition: tree([
      activity('a', { controls: { objectiveMeasureWeight: 0 } }),
      activity('b', { controls: { objectiveMeasureWeight: 1 } }),
      activity('q', { controls: { objectiveMeasureWeight: 3 } }),
    ]),
    leaves: { a: leaf({ measure: 1 }), q: leaf({ measure: 0.6 }) },
    satisfied: null,
    completed: null,
    measure: (0.6 * 3) / 4,
  },
  {
    name: 'satisfiedByMeasure on the root: the rolled-up measure against minNormalizedMeasure decides',
    definition: tree([activity('a'), activity('b')], {
      primaryObjective: {
        objectiveID: 'p',
        isPrimary: true,
        satisfiedByMeasure: true,
        minNormalizedMeasure: 0.7,
        mapInfo: [],
      },
    }),
    leaves: { a: leaf({ measure: 0.9, satisfied: false }), b: leaf({ measure: 0.6 }) },
    satisfied: true,
    completed: null,
    measure: 0.75,
  },
  {
    name: 'nested clusters roll up to the root',
    definition: tree([activity('m1', { children: [activity('a'), activity('b')] }), activity('q')]),
    leaves: {
      a: leaf({ completion: 'completed', satisfied: true }),
      b: leaf({ completion: 'completed', satisfied: true }),
      q: leaf({ completion: 'completed', satisfied: true }),
    },
    satisfied: true,
    completed: true,
  },
  {
    name: 'a suspended attempt is not ended: no default satisfaction',
    definition: tree([activity('a')]),
    leaves: { a: leaf({ completion: 'incomplete', ended: true, suspended: true }) },
    satisfied: null,
    completed: false,
  },
];

describe('rollupActivityTree', () => {
  for (const row of rows) {
    it(row.name, () => {
      const { root } = rollupActivityTree(row.definition, new Map(Object.entries(row.leaves)));
      assert.equal(root.primary.satisfied, row.satisfied, 'satisfied');
      assert.equal(root.completed, row.completed, 'completed');
      if (row.measure !== undefined) assert.equal(root.primary.measure, row.measure, 'measure');
    });
  }

  it('reads a global objective another activity wrote, within the registration', () => {
    const map = (write: boolean) => ({
      targetObjectiveID: 'g',
      readSatisfiedStatus: true,
      readNormalizedMeasure: true,
      writeSatisfiedStatus: write,
      writeNormalizedMeasure: write,
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
    });
    const objective = (write: boolean) => ({
      objectiveID: 'o',
      isPrimary: true,
      satisfiedByMeasure: false,
      minNormalizedMeasure: 1,
      mapInfo: [map(write)],
    });
    const definition = tree([
      activity('pretest', { primaryObjective: objective(true) }),
      activity('content', { primaryObjective: objective(false) }),
    ]);
    const result = rollupActivityTree(
      definition,
      new Map([['pretest', leaf({ satisfied: true, measure: 0.9 })]]),
    );
    assert.deepEqual(result.activities.get('content')!.primary, { satisfied: true, measure: 0.9 });
    assert.equal(result.root.primary.satisfied, true);
    assert.deepEqual(result.globals.get('g'), { satisfied: true, measure: 0.9 });
  });
});

describe('checkSequencingRules', () => {
  const limited = activity('a', {
    attemptLimit: 2,
    sequencingRules: {
      preConditionRules: [
        {
          action: 'disabled',
          conditionCombination: 'all',
          conditions: [
            {
              condition: 'attemptLimitExceeded',
              operator: 'noOp',
              referencedObjective: null,
              measureThreshold: 0,
            },
          ],
        },
      ],
      exitConditionRules: [],
      postConditionRules: [],
    },
  });
  const state = (attemptCount: number) => ({
    attemptCount,
    suspended: false,
    completed: null,
    completionAmount: null,
    primary: { satisfied: null, measure: null },
    objectives: {},
  });
  const table: Array<[number, string | null]> = [
    [0, null],
    [1, null],
    [2, 'disabled'],
    [3, 'disabled'],
  ];
  for (const [attempts, expected] of table) {
    it(`attempt limit 2 after ${attempts} attempts: ${expected ?? 'no rule applies'}`, () => {
      assert.equal(
        checkSequencingRules(limited, state(attempts), limited.sequencingRules.preConditionRules),
        expected,
      );
    });
  }

  it('a condition on an unknown referenced objective is unknown, and not of unknown is unknown', () => {
    const skipIfSatisfied = activity('c', {
      sequencingRules: {
        preConditionRules: [
          {
            action: 'skip',
            conditionCombination: 'any',
            conditions: [
              {
                condition: 'satisfied',
                operator: 'not',
                referencedObjective: 'prev',
                measureThreshold: 0,
              },
            ],
          },
        ],
        exitConditionRules: [],
        postConditionRules: [],
      },
    });
    const rules = skipIfSatisfied.sequencingRules.preConditionRules;
    assert.equal(checkSequencingRules(skipIfSatisfied, state(0), rules), null);
    assert.equal(
      checkSequencingRules(
        skipIfSatisfied,
        { ...state(0), objectives: { prev: { satisfied: false, measure: null } } },
        rules,
      ),
      'skip',
    );
  });
});
