import type { ScoSnapshot } from '../scorm/derive-status.js';
import type { ManifestItem } from '../scorm/manifest.js';
import type { SessionTime } from './sco-state.entity.js';

/** A SCO's stored runtime facts, as the commit path and the player read them. */
export interface StoredScoState {
  cmi: Record<string, string>;
  sessions: Record<string, SessionTime>;
  finished: boolean;
}

/** What status derivation needs of one item: its manifest facts and its stored runtime state. */
export function toScoFacts(item: ManifestItem, state: StoredScoState | undefined): ScoSnapshot {
  const sessions = Object.values(state?.sessions ?? {});
  return {
    facts: {
      scoId: item.identifier,
      scormType: item.scormType,
      masteryScore: item.masteryScore,
      completionThreshold: item.completionThreshold,
      scaledPassingScore: item.scaledPassingScore,
      objectiveIds: item.objectiveIds,
    },
    cmi: state?.cmi ?? {},
    launched: state !== undefined,
    finished: state?.finished ?? false,
    attemptCount: sessions.filter((s) => s.resumed === false).length,
    reportedSeconds: sessions.reduce((sum, s) => sum + s.reported, 0),
    observedSeconds: sessions.reduce((sum, s) => sum + s.observed, 0),
  };
}
