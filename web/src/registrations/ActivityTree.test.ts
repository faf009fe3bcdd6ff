import { describe, expect, it } from 'vitest';
import { nestActivities } from './ActivityTree';

const node = (id: string, parentId: string | null) => ({
  id,
  parentId,
  title: id,
  itemId: null,
  completion: 'UNKNOWN' as const,
  success: 'UNKNOWN' as const,
  measure: null,
  completionAmount: null,
  attemptCount: 0,
  attemptLimit: null,
  suspended: false,
  tracked: true,
  objectives: [],
});

describe('nestActivities', () => {
  it('nests the flat list into clusters over their items, in manifest order', () => {
    const root = nestActivities([
      node('org', null),
      node('module_1', 'org'),
      node('lesson_1', 'module_1'),
      node('lesson_2', 'module_1'),
      node('test', 'org'),
    ]);
    expect(root?.id).toBe('org');
    expect(root?.children.map((c) => c.id)).toEqual(['module_1', 'test']);
    expect(root?.children[0]?.children.map((c) => c.id)).toEqual(['lesson_1', 'lesson_2']);
  });

  it('has no tree for an empty list', () => {
    expect(nestActivities([])).toBeNull();
  });
});
