import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { graphql } from '../gql';
import type { CourseSummaryRowFragment } from '../gql/graphql';
import { ProgressBar } from '../ui/ProgressBar';
import { Link } from '../ui/router';
import { STATUS_TEXT } from '../ui/StatusBadge';

graphql(`
  fragment CourseSummaryRow on Course {
    id
    title
    stats {
      ...StatsFields
    }
  }
`);

/** The chart's series: each status in the badges' colours. */
const SERIES = [
  ['notStarted', STATUS_TEXT.NOT_STARTED, '#aab1c0'],
  ['inProgress', STATUS_TEXT.IN_PROGRESS, '#e0a100'],
  ['completed', STATUS_TEXT.COMPLETED, '#3b6fd8'],
  ['passed', STATUS_TEXT.PASSED, '#1d7a46'],
  ['failed', STATUS_TEXT.FAILED, '#b3261e'],
] as const;

/** Each course's completion as a bar, then its learners by status as a stacked chart. */
export function CourseSummary({ courses }: { courses: CourseSummaryRowFragment[] }) {
  if (courses.length === 0) return null;
  const withLearners = courses.filter((c) => c.stats.total > 0);
  const rows = withLearners.map((c) => ({ title: c.title, ...c.stats }));
  return (
    <section className="course-summary" aria-label="Courses">
      <h3>Courses</h3>
      <div className="table-wrap">
        <table data-testid="course-summary">
          <thead>
            <tr>
              <th>Course</th>
              <th>Learners</th>
              <th>Completed</th>
              <th>Completion</th>
            </tr>
          </thead>
          <tbody>
            {courses.map((course) => {
              const done = course.stats.completed + course.stats.passed + course.stats.failed;
              return (
                <tr key={course.id} data-testid={`course-summary-${course.id}`}>
                  <td>
                    <Link href={`/courses/${course.id}`}>{course.title}</Link>
                  </td>
                  <td>{course.stats.total}</td>
                  <td data-testid="course-summary-done">
                    {done} of {course.stats.total}
                  </td>
                  <td>
                    <ProgressBar progress={course.stats.completionRate} label="Completion rate" />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > 0 && (
        <figure className="chart" data-testid="status-by-course-chart">
          <figcaption>
            <strong>Learners by status, per course</strong>
          </figcaption>
          <div className="chart-body" role="img" aria-label="Learners by status, per course">
            <ResponsiveContainer width="100%" height={Math.max(120, 44 * rows.length + 60)}>
              <BarChart
                data={rows}
                layout="vertical"
                margin={{ top: 0, right: 8, bottom: 0, left: 0 }}
              >
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis type="category" dataKey="title" width={140} fontSize={12} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {SERIES.map(([key, name, colour]) => (
                  <Bar
                    key={key}
                    dataKey={key}
                    name={name}
                    stackId="status"
                    fill={colour}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      )}
    </section>
  );
}
