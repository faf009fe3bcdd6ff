import { describe, expect, it } from 'vitest';
import type { PlayerItem } from './player-api.js';
import { SharedData } from './shared-data.js';

const base = {
  title: 't',
  scormType: 'sco',
  visible: true,
  choice: true,
  forwardOnly: false,
  launchUrl: '/x',
  completed: false,
};

describe('SharedData', () => {
  it('hands what one item wrote to a shared store to the next item that reads it', () => {
    const writer: PlayerItem = {
      ...base,
      id: 'w',
      init: { 'adl.data.0.id': 'notes', 'adl.data.0.store': 'old' },
    };
    const reader: PlayerItem = {
      ...base,
      id: 'r',
      init: { 'adl.data.3.id': 'notes', 'adl.data.3.store': 'old', 'cmi.mode': 'normal' },
    };
    const shared = new SharedData();
    expect(shared.initFor(reader)).toEqual(reader.init);
    shared.record(writer, { 'adl.data.0.store': 'new', 'cmi.location': 'p2' });
    expect(shared.initFor(reader)).toEqual({
      'adl.data.3.id': 'notes',
      'adl.data.3.store': 'new',
      'cmi.mode': 'normal',
    });
    // The launch's init is left as it was.
    expect(reader.init['adl.data.3.store']).toBe('old');
  });
});
