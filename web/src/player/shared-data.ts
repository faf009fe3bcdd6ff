import type { PlayerItem } from './player-api.js';

/**
 * SCORM 2004 4th edition shared data (adl.data) written in this session, by target id. Each
 * item's init was built at launch; what an earlier item wrote since must carry over to the next.
 */
export class SharedData {
  private readonly stores = new Map<string, string>();

  /** `item`'s init with the stores written since launch in place of the launch's. */
  initFor(item: PlayerItem): Record<string, string> {
    const init = { ...item.init };
    for (const [key, target] of Object.entries(item.init)) {
      const map = /^adl\.data\.(\d+)\.id$/.exec(key);
      const value = map ? this.stores.get(target) : undefined;
      if (value !== undefined) init[`adl.data.${map![1]}.store`] = value;
    }
    return init;
  }

  /** Keeps the stores among the values `item` committed. */
  record(item: PlayerItem, values: Record<string, string>): void {
    for (const [key, value] of Object.entries(values)) {
      const store = /^adl\.data\.(\d+)\.store$/.exec(key);
      const target = store ? item.init[`adl.data.${store[1]}.id`] : undefined;
      if (target) this.stores.set(target, value);
    }
  }
}
