import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { getToken } from '../apollo/session';
import { graphql } from '../gql';
import { makeCoalescer } from '../ui/coalesce';
import { CopyButton } from '../ui/CopyButton';
import { LoopbackWarning } from '../ui/LoopbackWarning';
import { LtiPanel, LtiScoreCell } from './LtiPanel';
import { formatScore, relativeTime } from '../ui/format';
import { ProgressBar } from '../ui/ProgressBar';
import { Link, navigate } from '../ui/router';
import { StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorState, Loading } from '../ui/Status';
import { useCreateDispatch } from './use-create-dispatch';
import { useDeleteDispatch } from './use-delete-dispatch';

graphql(`
  fragment DispatchSummary on Dispatch {
    id
    recipientName
    key
    active
    maxLaunches
    expiresAt
    launchCount
    completionCount
    completionRate
    lastLaunchAt
    course {
      id
      title
    }
  }
`);

const DISPATCHES = graphql(`
  query Dispatches {
    dispatches {
      ...DispatchSummary
    }
    courses {
      id
      title
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateDispatch($id: ID!, $input: UpdateDispatchInput!) {
    updateDispatch(id: $id, input: $input) {
      ...DispatchSummary
    }
  }
`);

/**
 * Deletes a dispatch after an explicit second click: its package stops launching for good, which
 * revoking (reversible) does not; learners keep their registrations.
 */
function DeleteDispatch({ id }: { id: string }) {
  const [confirming, setConfirming] = useState(false);
  const [remove, { loading, error }] = useDeleteDispatch();
  if (!confirming)
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete dispatch
      </button>
    );
  return (
    <div className="confirm" role="alertdialog" aria-label="Delete this dispatch?">
      <p>
        Delete this dispatch? Its package stops working in the other LMS for good and its launch
        records go; its learners keep their registrations and progress.
      </p>
      <button
        type="button"
        className="danger"
        disabled={loading}
        onClick={async () => {
          const result = await remove(id).catch(() => null);
          if (result?.data?.deleteDispatch) navigate('/dispatches');
        }}
      >
        Delete
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {error && (
        <p className="state-error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}

const DISPATCH = graphql(`
  query DispatchDetail($id: ID!) {
    dispatch(id: $id) {
      ...DispatchSummary
      launches(first: 100) {
        totalCount
        edges {
          node {
            id
            learnerId
            learnerEmail
            launchedAt
            completedAt
            status
            progress
            score {
              scaled
              raw
            }
            ipAddress
            userAgent
            ltiScores(first: 1) {
              id
              status
              attempts
              lastError
              activityProgress
              scoreGiven
              scoreMaximum
            }
          }
        }
      }
    }
  }
`);

const DISPATCH_UPDATED = graphql(`
  subscription DispatchUpdated($id: ID) {
    dispatchUpdated(id: $id) {
      ...DispatchSummary
    }
  }
`);

/** The launch rows of a dispatch's page are read again at most this often while it changes. */
const LAUNCHES_INTERVAL_MS = 1000;

/** Saves the dispatch package (fetched with the bearer token) as a file. */
async function download(id: string, format: 'scorm12' | 'scorm2004'): Promise<void> {
  const res = await fetch(`/api/dispatches/${id}/package?format=${format}`, {
    headers: { authorization: `Bearer ${getToken() ?? ''}` },
  });
  if (!res.ok) throw new Error(`The package could not be built (${res.status})`);
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), {
    href: url,
    download: `courier-dispatch-${format}.zip`,
  });
  a.click();
  URL.revokeObjectURL(url);
}

/** Dispatches: create (secret shown once), download packages, revoke or re-enable; counters move live. */
export function DispatchesPage() {
  const { data, error, loading } = useQuery(DISPATCHES);
  const [create, created] = useCreateDispatch();
  const [update] = useMutation(UPDATE);
  useSubscription(DISPATCH_UPDATED, { variables: { id: null } });
  const [problem, setProblem] = useState<string | null>(null);
  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const cap = String(form.get('maxLaunches') || '');
    const expiry = String(form.get('expiresAt') || '');
    await create({
      courseId: String(form.get('courseId')),
      recipientName: String(form.get('recipientName')),
      maxLaunches: cap ? Number(cap) : null,
      expiresAt: expiry ? new Date(expiry).toISOString() : null,
    }).then(
      // A fresh form for the next dispatch: the one just made is in the table and the secret box.
      () => element.reset(),
      () => {},
    );
  };
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  const secret = created.data?.createDispatch;
  return (
    <section>
      <h2>Dispatches</h2>
      <LoopbackWarning what="Dispatch packages" />
      <form className="inline-form" onSubmit={onCreate} aria-label="New dispatch">
        <label>
          Course
          <select name="courseId" required>
            {data?.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Recipient
          <input name="recipientName" required placeholder="Partner LMS" />
        </label>
        <label>
          Launch cap
          <input name="maxLaunches" type="number" min={1} placeholder="no cap" />
        </label>
        <label>
          Expires
          <input name="expiresAt" type="datetime-local" />
        </label>
        <button type="submit" disabled={created.loading || !data?.courses.length}>
          Create dispatch
        </button>
        {created.error && <ErrorState error={created.error} />}
      </form>
      {secret && (
        <div className="secret" role="alert" data-testid="dispatch-secret">
          <p>
            <strong>This secret will not be shown again.</strong> Store it now: the recipient LMS
            uses key and secret to report completions.
          </p>
          <p>
            Key: <code>{secret.key}</code> <CopyButton text={secret.key} label="Copy key" />
          </p>
          <p>
            Secret: <code data-testid="dispatch-secret-value">{secret.secret}</code>{' '}
            <CopyButton text={secret.secret} label="Copy secret" />
          </p>
        </div>
      )}
      {problem && (
        <p className="state-error" role="alert">
          {problem}
        </p>
      )}
      {data && data.dispatches.length === 0 && <Empty>No dispatches yet.</Empty>}
      {data && data.dispatches.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Recipient</th>
                <th>Course</th>
                <th>State</th>
                <th>Launches</th>
                <th>Completions</th>
                <th>Expires</th>
                <th>Package</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.dispatches.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/dispatches/${d.id}`}>{d.recipientName}</Link>
                  </td>
                  <td>{d.course.title}</td>
                  <td>
                    <DispatchState active={d.active} />
                  </td>
                  <td data-testid="dispatch-launches">
                    {d.launchCount}
                    {d.maxLaunches !== null ? ` / ${d.maxLaunches}` : ''}
                  </td>
                  <td>
                    {d.completionCount}{' '}
                    <ProgressBar progress={d.completionRate} label="Completion rate" />
                  </td>
                  <td>{d.expiresAt ? new Date(d.expiresAt).toLocaleString() : '—'}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() =>
                        download(d.id, 'scorm12').catch((e: Error) => setProblem(e.message))
                      }
                    >
                      SCORM 1.2
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        download(d.id, 'scorm2004').catch((e: Error) => setProblem(e.message))
                      }
                    >
                      SCORM 2004
                    </button>
                    <Link href={`/dispatches/${d.id}#lti`}>LTI 1.3</Link>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() =>
                        void update({ variables: { id: d.id, input: { active: !d.active } } })
                      }
                    >
                      {d.active ? 'Revoke' : 'Re-enable'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One dispatch with live counters and its launches. */
export function DispatchDetail({ id }: { id: string }) {
  const { data, error, loading, refetch } = useQuery(DISPATCH, { variables: { id } });
  // The event's counters land in the cache by the dispatch's id; the launch rows are a page read
  // again, at most once a second however many learners launch at once.
  const coalescer = useMemo(
    () => makeCoalescer<true>(() => void refetch(), LAUNCHES_INTERVAL_MS),
    [refetch],
  );
  useEffect(() => () => coalescer.cancel(), [coalescer]);
  useSubscription(DISPATCH_UPDATED, { variables: { id }, onData: () => coalescer.push(true) });
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  const d = data?.dispatch;
  if (!d) return <ErrorState error={{ message: 'This dispatch does not exist.' }} />;
  return (
    <section>
      <h2>
        {d.recipientName} · {d.course.title}
      </h2>
      <DeleteDispatch id={d.id} />
      <LtiPanel dispatchId={d.id} />
      <div className="cards">
        <div className="card">
          <div className="card-value">{d.launchCount}</div>
          <div className="card-label">
            Launches{d.maxLaunches !== null ? ` of ${d.maxLaunches}` : ''}
          </div>
        </div>
        <div className="card">
          <div className="card-value">{d.completionCount}</div>
          <div className="card-label">Completions</div>
        </div>
        <div className="card">
          <div className="card-value">{Math.round(d.completionRate * 100)}%</div>
          <div className="card-label">Completion rate</div>
        </div>
        <div className="card">
          <div className="card-value">
            <DispatchState active={d.active} />
          </div>
          <div className="card-label">Last launch {relativeTime(d.lastLaunchAt)}</div>
        </div>
      </div>
      {d.launches.edges.length === 0 ? (
        <Empty>No learner has launched this dispatch yet.</Empty>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Learner</th>
                <th>Status</th>
                <th>Progress</th>
                <th>Score</th>
                <th>Launched</th>
                <th>Completed</th>
                <th>IP</th>
                <th>User agent</th>
                <th>LTI score</th>
              </tr>
            </thead>
            <tbody>
              {d.launches.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    {node.learnerId}
                    {node.learnerEmail && <small> {node.learnerEmail}</small>}
                  </td>
                  <td>
                    <StatusBadge status={node.status} />
                  </td>
                  <td>
                    <ProgressBar progress={node.progress} />
                  </td>
                  <td>{formatScore(node.score)}</td>
                  <td>{new Date(node.launchedAt).toLocaleString()}</td>
                  <td>{node.completedAt ? new Date(node.completedAt).toLocaleString() : '—'}</td>
                  <td>{node.ipAddress ?? '—'}</td>
                  <td className="ua">{node.userAgent ?? '—'}</td>
                  <td>
                    <LtiScoreCell score={node.ltiScores[0]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A dispatch's state as a badge, like a registration's status. */
function DispatchState({ active }: { active: boolean }) {
  return (
    <span
      className={`badge ${active ? 'badge-passed' : 'badge-failed'}`}
      data-testid="dispatch-state"
    >
      {active ? 'Active' : 'Revoked'}
    </span>
  );
}
