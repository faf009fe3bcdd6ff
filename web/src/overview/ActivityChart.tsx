import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { graphql } from '../gql';
import type { DailyActivityPointFragment } from '../gql/graphql';

graphql(`
  fragment DailyActivityPoint on DailyActivity {
    day
    completions
    activeLearners
  }
`);

/** "Mar 4" for a YYYY-MM-DD day (UTC, as the server counts days). */
function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** Completions (bars) and active learners (line) per day, with the totals said in words. */
export function ActivityChart({ days }: { days: DailyActivityPointFragment[] }) {
  const completions = days.reduce((sum, d) => sum + d.completions, 0);
  const busiest = days.reduce((max, d) => Math.max(max, d.activeLearners), 0);
  return (
    <figure className="chart" data-testid="activity-chart">
      <figcaption>
        <strong>Progress over the last {days.length} days</strong>
        <span data-testid="activity-chart-summary">
          {completions} completion{completions === 1 ? '' : 's'} · up to {busiest} active learner
          {busiest === 1 ? '' : 's'} a day
        </span>
      </figcaption>
      <div className="chart-body" role="img" aria-label="Completions and active learners per day">
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid stroke="#e6e8ee" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={24} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip labelFormatter={(day) => shortDay(String(day))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="completions"
              name="Completions"
              fill="#1d7a46"
              isAnimationActive={false}
            />
            <Line
              dataKey="activeLearners"
              name="Active learners"
              stroke="#3b6fd8"
              strokeWidth={2}
              dot={false}
              type="linear"
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
