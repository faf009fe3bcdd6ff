import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge, type Status } from './StatusBadge';

afterEach(cleanup);

describe('StatusBadge', () => {
  const cases: Array<[Status, string, string]> = [
    ['NOT_STARTED', 'Not started', 'badge-not-started'],
    ['IN_PROGRESS', 'In progress', 'badge-in-progress'],
    ['COMPLETED', 'Completed', 'badge-completed'],
    ['PASSED', 'Passed', 'badge-passed'],
    ['FAILED', 'Failed', 'badge-failed'],
  ];
  for (const [status, text, className] of cases) {
    it(`reads "${text}" for ${status}, in its own colour`, () => {
      render(<StatusBadge status={status} />);
      const badge = screen.getByTestId('status-badge');
      expect(badge.textContent).toBe(text);
      expect(badge.className).toContain(className);
    });
  }
});
