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
  knownProgressCount: 7,
};

describe('StatCards', () => {
  it('shows every figure, rates as percentages', () => {
    render(<StatCards stats={stats} />);
    expect(screen.getByTestId('stat-total').textContent).toContain('10');
    expect(screen.getByTestId('stat-passed').textContent).toContain('3');
    expect(screen.getByTestId('stat-completion-rate').textContent).toContain('50%');
    expect(screen.getByTestId('stat-average-progress').textContent).toContain('62%');
  });

  it('says what the average progress is the mean of', () => {
    render(<StatCards stats={stats} />);
    expect(screen.getByTestId('stat-average-progress-basis').textContent).toBe(
      'of 7 with known progress',
    );
  });

  it('shows — and says none report progress when no progress is known', () => {
    render(<StatCards stats={{ ...stats, averageProgress: null, knownProgressCount: 0 }} />);
    expect(screen.getByTestId('stat-average-progress').textContent).toContain('—');
    expect(screen.getByTestId('stat-average-progress-basis').textContent).toBe(
      'none of 10 report progress',
    );
  });

  it('names every status of the bar in a legend with its count', () => {
    render(<StatCards stats={stats} />);
    const legend = screen.getByTestId('status-legend').textContent?.trim();
    expect(legend).toBe('Not started 2 In progress 3 Completed 1 Passed 3 Failed 1');
  });
});
