import type { ScoSnapshot, ScoSummary } from '../derive-status.js';
import { indicesUnder, num } from '../derive-status.js';
import type { SequencingDefinition } from './definition.js';
import {
  rollupActivityTree,
  type ActivityState,
  type GlobalObjectives,
  type LeafState,
  type ObjectiveState,
  type RollupResult,
} from './rollup.js';

/**
 * A leaf's state as the RTE-to-SN data transfer reads it from stored CMI: completion and success
 * as derived for the item (thresholds and passing score applied), score.scaled as the measure,
 * and the other objectives by their ids. The attempt has ended when the content terminated
 * without suspending; an asset's ends when it is opened.
 */
export function leafStateOf(sco: ScoSnapshot, summary: ScoSummary): LeafState {
  const { cmi } = sco;
  const objectives: Record<string, ObjectiveState> = {};
  for (const n of indicesUnder(cmi, 'cmi.objectives')) {
    const id = cmi[`cmi.objectives.${n}.id`];
    if (!id) continue;
    const success = cmi[`cmi.objectives.${n}.success_status`];
    objectives[id] = {
      satisfied: success === 'passed' ? true : success === 'failed' ? false : null,
      measure: num(cmi[`cmi.objectives.${n}.score.scaled`]),
    };
  }
  const asset = sco.facts.scormType === 'asset';
  const suspended = !asset && cmi['cmi.exit'] === 'suspend';
  return {
    attemptCount: sco.launched ? Math.max(1, sco.attemptCount ?? 1) : 0,
    ended: sco.launched && (asset || (sco.finished && !suspended)),
    suspended,
    // RTE: "not attempted" reported by launched content is an attempt not yet complete.
    completion:
      summary.completion === 'completed'
        ? 'completed'
        : summary.completion === 'unknown'
          ? 'unknown'
          : sco.launched
            ? 'incomplete'
            : 'unknown',
    progressMeasure: asset ? null : num(cmi['cmi.progress_measure']),
    primary: {
      satisfied: summary.success === 'passed' ? true : summary.success === 'failed' ? false : null,
      measure: asset ? null : num(cmi['cmi.score.scaled']),
    },
    objectives,
  };
}

/** The SN rollup of a SCORM 2004 registration from its items' stored state. */
export function rollupRegistration(
  definition: SequencingDefinition,
  items: Array<{ sco: ScoSnapshot; summary: ScoSummary }>,
  globals?: GlobalObjectives,
): RollupResult {
  const leaves = new Map<string, LeafState>();
  for (const { sco, summary } of items) {
    if (sco.launched) leaves.set(sco.facts.scoId, leafStateOf(sco, summary));
  }
  return rollupActivityTree(definition, leaves, globals);
}

/**
 * The registration status the root's rolled-up state says, once anything was launched: success
 * first (satisfied is PASSED, not satisfied FAILED), then completion.
 */
export function statusOfRoot(
  root: ActivityState,
): 'PASSED' | 'FAILED' | 'COMPLETED' | 'IN_PROGRESS' {
  if (root.primary.satisfied === true) return 'PASSED';
  if (root.primary.satisfied === false) return 'FAILED';
  return root.completed === true ? 'COMPLETED' : 'IN_PROGRESS';
}
