import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatCards } from './StatCards';

afterEach(cleanup);

const stats = {
  total: 10,
  notStarted: 2,
  inProgress: 3,
  completed: 1,
  passed: 3,
  failed: 1,
  completionRate: 0.5,
  averageProgress: 0.618,
};

describe('StatCards', () => {
  it('shows every figure, rates as percentages', () => {
    render(<StatCards stats={stats} />);
    expect(screen.getByTestId('stat-total').textContent).toContain('10');
    expect(screen.getByTestId('stat-passed').textContent).toContain('3');
    expect(screen.getByTestId('stat-completion-rate').textContent).toContain('50%');
    expect(screen.getByTestId('stat-average-progress').textContent).toContain('62%');
  });

  it('shows — when no progress is known', () => {
    render(<StatCards stats={{ ...stats, averageProgress: null }} />);
    expect(screen.getByTestId('stat-average-progress').textContent).toContain('—');
  });
});
