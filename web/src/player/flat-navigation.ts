import type { PlayerItem } from './player-api.js';
import type { NavigationFacts } from './sco-runtime.js';

/** Where a navigation request leads: an item to open, leaving the course, or nowhere. */
export type FlatStep = { kind: 'open'; item: PlayerItem } | { kind: 'leave' } | null;

/**
 * Navigation of a course played in manifest order (SCORM 1.2, and 2004 without sequencing of
 * its own): Previous and Next along the items, choice where the clusters' control modes allow.
 */
export class FlatNavigation {
  constructor(readonly items: PlayerItem[]) {}

  /**
   * Whether a choice (the menu, or the content's `{target=…}choice`) may open `item` now: its
   * cluster allows choice, and it is not behind the learner in a forwardOnly cluster.
   */
  choosable(item: PlayerItem, current: PlayerItem | null): boolean {
    if (!item.choice) return false;
    return !(current?.forwardOnly && this.items.indexOf(item) < this.items.indexOf(current));
  }

  /** Previous is allowed from item `index`: there is one, and no controlMode forwardOnly forbids it. */
  canGoBack(index: number): boolean {
    return index > 0 && !this.items[index]!.forwardOnly;
  }

  /** What content running `item` may ask of adl.nav.request_valid. */
  facts(item: PlayerItem): NavigationFacts {
    const index = this.items.indexOf(item);
    return {
      itemIds: this.items.map((i) => i.id),
      choiceIds: this.items.filter((i) => this.choosable(i, item)).map((i) => i.id),
      canContinue: index < this.items.length - 1,
      canGoBack: this.canGoBack(index),
    };
  }

  /** Where a request (Previous, Next, or the content's own) leads from `current`. */
  resolve(request: string, current: PlayerItem | null): FlatStep {
    const list = this.items;
    const index = current ? list.indexOf(current) : -1;
    const choice = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    if (choice) {
      const target = list.find((i) => i.id === choice[1]);
      // A jump is the content's own way; a choice obeys the clusters' controlMode.
      return target && (choice[2] === 'jump' || this.choosable(target, current))
        ? { kind: 'open', item: target }
        : null;
    }
    if (request === 'continue') {
      const next = list[index + 1];
      return next ? { kind: 'open', item: next } : null;
    }
    if (request === 'previous') {
      const previous = list[index - 1];
      return previous && this.canGoBack(index) ? { kind: 'open', item: previous } : null;
    }
    if (/^(exit|exitAll|suspendAll|abandon|abandonAll)$/.test(request)) return { kind: 'leave' };
    return null;
  }
}
