import { describe, expect, it } from 'vitest';
import { ScoRuntime } from './sco-runtime';

interface Api12 {
  LMSInitialize(arg: string): string;
  LMSSetValue(element: string, value: string): string;
}

describe('ScoRuntime.commitUnsaved (the player’s own commit clock)', () => {
  it('sends what the content set and did not commit, once, and nothing when nothing changed', () => {
    const commits: Array<Record<string, string>> = [];
    const runtime = new ScoRuntime('SCORM_12', {}, { commit: (values) => commits.push(values) });
    const api = runtime.api as unknown as Api12;
    api.LMSInitialize('');
    runtime.commitUnsaved();
    expect(commits).toEqual([]);
    api.LMSSetValue('cmi.core.lesson_location', 'page-3');
    runtime.commitUnsaved();
    expect(commits).toHaveLength(1);
    expect(commits[0]!['cmi.core.lesson_location']).toBe('page-3');
    expect(commits[0]!['cmi.core.session_time']).toMatch(/^\d{4}:\d\d:\d\d\.00$/);
    runtime.commitUnsaved();
    expect(commits).toHaveLength(1);
  });
});
