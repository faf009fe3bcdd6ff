import { useQuery, useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';
import type { CompletionStatus, SuccessStatus } from '../gql/graphql';
import { formatDuration, formatScore, relativeTime } from '../ui/format';
import { ProgressBar, RegistrationProgress } from '../ui/ProgressBar';
import { Link } from '../ui/router';
import { StatusBadge } from '../ui/StatusBadge';
import { ErrorState, Loading } from '../ui/Status';
import { ActivityTree } from './ActivityTree';

const REGISTRATION = graphql(`
  query RegistrationDetail($id: ID!) {
    registration(id: $id) {
      ...RegistrationRow
      ...ActivityTree
      resumePoint
      launchCount
      completedAt
      createdAt
      runtimeProblems {
        id
        scoId
        element
        code
        message
        seq
        occurredAt
      }
      activities {
        itemId
        title
        scormType
        launched
        completion
        success
        progress
        timeSpentSeconds
        location
        score {
          scaled
          raw
          min
          max
        }
        interactions {
          index
          id
          type
          description
          learnerResponse
          correctResponses
          result
          latency
        }
        objectives {
          index
          id
          description
          completion
          success
          progress
          score {
            scaled
            raw
          }
        }
        cmi
      }
    }
  }
`);

const COURSE_REGISTRATION_UPDATED = graphql(`
  subscription RegistrationDetailUpdated($courseId: ID) {
    registrationUpdated(courseId: $courseId) {
      id
    }
  }
`);

const COMPLETION_TEXT: Record<CompletionStatus, string> = {
  COMPLETED: 'Completed',
  INCOMPLETE: 'Incomplete',
  NOT_ATTEMPTED: 'Not attempted',
  UNKNOWN: 'Unknown',
};
const SUCCESS_TEXT: Record<SuccessStatus, string> = {
  PASSED: 'Passed',
  FAILED: 'Failed',
  UNKNOWN: '',
};

/** One learner's registration: the summary, then each SCO with its answers, objectives and data. */
export function RegistrationDetail({ id }: { id: string }) {
  const { data, error, loading, refetch } = useQuery(REGISTRATION, { variables: { id } });
  const courseId = data?.registration?.course.id ?? null;
  useSubscription(COURSE_REGISTRATION_UPDATED, {
    variables: { courseId },
    skip: !courseId,
    onData: ({ data: event }) => {
      if (event.data?.registrationUpdated.id === id) void refetch();
    },
  });
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  const registration = data?.registration;
  if (!registration) return <ErrorState error={{ message: 'This registration does not exist.' }} />;
  const learner = registration.learner;
  return (
    <section data-testid="registration-detail">
      <p className="crumbs">
        <Link href="/registrations">Registrations</Link> ·{' '}
        <Link href={`/courses/${registration.course.id}`}>{registration.course.title}</Link>
      </p>
      <h2>{learner.name ?? learner.id}</h2>
      <p>
        {learner.email ?? ''} {learner.email ? '·' : ''} learner id <code>{learner.id}</code>
      </p>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <StatusBadge status={registration.status} />
          </dd>
        </div>
        <div>
          <dt>Progress</dt>
          <dd>
            <RegistrationProgress registration={registration} />
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>{formatScore(registration.score)}</dd>
        </div>
        <div>
          <dt>Time spent</dt>
          <dd>{formatDuration(registration.timeSpentSeconds)}</dd>
        </div>
        <div>
          <dt>Resume point</dt>
          <dd>{registration.canResume ? (registration.resumePoint ?? 'Resumable') : '—'}</dd>
        </div>
        <div>
          <dt>Launches</dt>
          <dd data-testid="launch-count">{registration.launchCount}</dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd title={registration.lastActivityAt ?? ''}>
            {relativeTime(registration.lastActivityAt)}
          </dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd title={registration.completedAt ?? ''}>
            {registration.completedAt ? relativeTime(registration.completedAt) : '—'}
          </dd>
        </div>
      </dl>

      {registration.runtimeProblems.length > 0 && (
        <section className="data-problems" data-testid="data-problems" role="alert">
          <h3>Data problems</h3>
          <p>
            The learner’s player sent data the server refused; it set those commits aside and went
            on. What they carried is not stored.
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>When</th>
                  <th>Activity</th>
                  <th>Element</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {registration.runtimeProblems.map((problem) => (
                  <tr key={problem.id} data-testid="data-problem-row">
                    <td title={problem.occurredAt}>{relativeTime(problem.occurredAt)}</td>
                    <td>
                      {registration.activities.find((a) => a.itemId === problem.scoId)?.title ??
                        problem.scoId}
                    </td>
                    <td>
                      <code>{problem.element || '—'}</code>
                    </td>
                    <td>
                      {problem.message} <small>({problem.code})</small>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {registration.activityTreeList && (
        <ActivityTree
          activities={registration.activityTreeList}
          suspendedActivityId={registration.suspendedActivityId ?? null}
        />
      )}

      <h3>Activities</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Activity</th>
              <th>Status</th>
              <th>Progress</th>
              <th>Score</th>
              <th>Time spent</th>
              <th>Location</th>
            </tr>
          </thead>
          <tbody>
            {registration.activities.map((activity) => (
              <tr key={activity.itemId} data-testid={`activity-${activity.itemId}`}>
                <td>
                  <div>{activity.title}</div>
                  <small>
                    {activity.itemId}
                    {activity.scormType === 'asset' ? ' · asset' : ''}
                  </small>
                </td>
                <td data-testid="activity-status">
                  {[COMPLETION_TEXT[activity.completion], SUCCESS_TEXT[activity.success]]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td>
                  <ProgressBar progress={activity.progress} />
                </td>
                <td>{formatScore(activity.score)}</td>
                <td>{formatDuration(activity.timeSpentSeconds)}</td>
                <td>{activity.location ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {registration.activities
        .filter((a) => a.launched && a.scormType === 'sco')
        .map((activity) => (
          <details key={activity.itemId} className="activity-data">
            <summary>
              {activity.title}: {activity.interactions.length} answer
              {activity.interactions.length === 1 ? '' : 's'}, {activity.objectives.length}{' '}
              objective{activity.objectives.length === 1 ? '' : 's'}
            </summary>
            {activity.interactions.length > 0 && (
              <div className="table-wrap">
                <table data-testid={`interactions-${activity.itemId}`}>
                  <thead>
                    <tr>
                      <th>Question</th>
                      <th>Type</th>
                      <th>Response</th>
                      <th>Correct</th>
                      <th>Result</th>
                      <th>Latency</th>
                    </tr>
                  </thead>
                  <tbody>
                    {activity.interactions.map((interaction) => (
                      <tr key={interaction.index}>
                        <td>{interaction.description ?? interaction.id}</td>
                        <td>{interaction.type ?? '—'}</td>
                        <td>{interaction.learnerResponse ?? '—'}</td>
                        <td>{interaction.correctResponses.join(' | ') || '—'}</td>
                        <td>{interaction.result ?? '—'}</td>
                        <td>{interaction.latency ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {activity.objectives.length > 0 && (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th>Objective</th>
                      <th>Status</th>
                      <th>Progress</th>
                      <th>Score</th>
                    </tr>
                  </thead>
                  <tbody>
                    {activity.objectives.map((objective) => (
                      <tr key={objective.index}>
                        <td>{objective.description ?? objective.id}</td>
                        <td>
                          {[COMPLETION_TEXT[objective.completion], SUCCESS_TEXT[objective.success]]
                            .filter(Boolean)
                            .join(' · ')}
                        </td>
                        <td>
                          <ProgressBar progress={objective.progress} />
                        </td>
                        <td>{formatScore(objective.score)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <details>
              <summary>Runtime data (CMI)</summary>
              <pre className="cmi">{JSON.stringify(activity.cmi, null, 2)}</pre>
            </details>
          </details>
        ))}
    </section>
  );
}
