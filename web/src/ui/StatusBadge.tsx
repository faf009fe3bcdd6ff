/** The five derived statuses, as the contract spells them for people. */
export const STATUS_TEXT = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  PASSED: 'Passed',
  FAILED: 'Failed',
} as const;

export type Status = keyof typeof STATUS_TEXT;

/** A colour-coded badge for a registration's status. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <span
      className={`badge badge-${status.toLowerCase().replace('_', '-')}`}
      data-testid="status-badge"
    >
      {STATUS_TEXT[status]}
    </span>
  );
}
