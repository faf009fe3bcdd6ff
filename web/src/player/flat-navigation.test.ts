import { describe, expect, it } from 'vitest';
import { FlatNavigation } from './flat-navigation.js';
import type { PlayerItem } from './player-api.js';

function item(id: string, overrides: Partial<PlayerItem> = {}): PlayerItem {
  return {
    id,
    title: id,
    scormType: 'sco',
    visible: true,
    choice: true,
    forwardOnly: false,
    launchUrl: `/content/${id}.html`,
    completed: false,
    init: {},
    ...overrides,
  };
}

describe('FlatNavigation', () => {
  const [a, b, c] = [item('a'), item('b'), item('c')];
  const nav = new FlatNavigation([a, b, c]);

  it.each([
    ['continue', a, { kind: 'open', item: b }],
    ['continue', c, null],
    ['previous', b, { kind: 'open', item: a }],
    ['previous', a, null],
    ['{target=c}choice', a, { kind: 'open', item: c }],
    ['{target=nope}choice', a, null],
    ['exitAll', b, { kind: 'leave' }],
    ['suspendAll', b, { kind: 'leave' }],
    ['_none_', b, null],
  ] as const)('%s from %s leads where manifest order says', (request, from, expected) => {
    expect(nav.resolve(request, from)).toEqual(expected);
  });

  it('keeps a forwardOnly cluster from going back, by Previous or by choice', () => {
    const [x, y, z] = [
      item('x', { forwardOnly: true }),
      item('y', { forwardOnly: true }),
      item('z', { forwardOnly: true }),
    ];
    const only = new FlatNavigation([x, y, z]);
    expect(only.resolve('previous', y)).toBeNull();
    expect(only.resolve('{target=x}choice', y)).toBeNull();
    // A jump is the content's own way: control modes do not hold it.
    expect(only.resolve('{target=x}jump', y)).toEqual({ kind: 'open', item: x });
    expect(only.facts(y)).toEqual({
      itemIds: ['x', 'y', 'z'],
      choiceIds: ['y', 'z'],
      canContinue: true,
      canGoBack: false,
    });
  });

  it('refuses a choice into a cluster that does not allow it', () => {
    const locked = item('locked', { choice: false });
    const withLocked = new FlatNavigation([a, locked]);
    expect(withLocked.resolve('{target=locked}choice', a)).toBeNull();
    expect(withLocked.resolve('continue', a)).toEqual({ kind: 'open', item: locked });
  });
});
