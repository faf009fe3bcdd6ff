import { describe, expect, it } from 'vitest';
import { saveText } from './save-text';

describe('saveText', () => {
  it('says when progress was saved, what waits, and when it is not saved', () => {
    const at = new Date(2026, 0, 5, 9, 7);
    expect(saveText('saved', 0, at)).toBe('Saved at 09:07');
    expect(saveText('saved', 0, null)).toBe('All progress saved');
    expect(saveText('saving', 2, at)).toBe('Saving… 2 waiting');
    expect(saveText('offline', 3, at)).toBe('Not sent yet — 3 waiting, retrying');
    expect(saveText('unsaved', 1, at)).toMatch(/^Not saved — .*1 waiting.*still trying$/);
    expect(saveText('expired', 1, at)).toMatch(/^Not saved — your session has ended/);
  });
});
