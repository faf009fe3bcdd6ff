import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressBar, progressText } from './ProgressBar';

afterEach(cleanup);

describe('ProgressBar', () => {
  it('rounds a known progress to NN%', () => {
    expect(progressText(0.456)).toBe('46%');
    expect(progressText(1)).toBe('100%');
    expect(progressText(0)).toBe('0%');
  });

  it('shows — for unknown progress and never a fake 0%', () => {
    render(<ProgressBar progress={null} />);
    expect(screen.getByTestId('progress-text').textContent).toBe('—');
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(bar.getAttribute('aria-valuetext')).toBe('unknown');
  });

  it('fills the bar to the progress', () => {
    render(<ProgressBar progress={0.25} />);
    expect(screen.getByTestId('progress-text').textContent).toBe('25%');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
  });
});
