import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import type { RegistrationStatus } from '../gql/graphql';
import { makeCoalescer } from '../ui/coalesce';
import { formatDuration, formatScore, relativeTime } from '../ui/format';
import { DownloadButton } from '../ui/download';
import { RegistrationProgress } from '../ui/ProgressBar';
import { Link } from '../ui/router';
import { STATUS_TEXT, StatusBadge } from '../ui/StatusBadge';
import { Empty, ErrorState, Loading } from '../ui/Status';

export const REGISTRATIONS = graphql(`
  query Registrations(
    $courseId: ID
    $status: RegistrationStatus
    $search: String
    $first: Int
    $after: String
  ) {
    registrations(
      courseId: $courseId
      status: $status
      search: $search
      first: $first
      after: $after
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...RegistrationRow
        }
      }
    }
  }
`);

graphql(`
  fragment RegistrationRow on Registration {
    id
    status
    progress
    progressSource
    canResume
    timeSpentSeconds
    lastActivityAt
    score {
      scaled
      raw
    }
    learner {
      id
      name
      email
    }
    course {
      id
      title
    }
    dispatch {
      id
      recipientName
    }
  }
`);

const REGISTRATION_UPDATED = graphql(`
  subscription RegistrationUpdated($courseId: ID) {
    registrationUpdated(courseId: $courseId) {
      ...RegistrationRow
    }
  }
`);

const COURSE_OPTIONS = graphql(`
  query CourseOptions {
    courses {
      id
      title
    }
  }
`);

const CREATE_REGISTRATION = graphql(`
  mutation CreateRegistration($courseId: ID!, $learner: LearnerInput!) {
    createRegistration(courseId: $courseId, learner: $learner) {
      ...RegistrationRow
    }
  }
`);

const LAUNCH = graphql(`
  mutation LaunchRegistration($id: ID!) {
    launchRegistration(id: $id) {
      url
      expiresAt
    }
  }
`);

const PAGE_SIZE = 50;

/** Registrations with filters and pages; rows change in place (briefly highlighted) as commits arrive. */
export function RegistrationsTable({ courseId: fixedCourse }: { courseId?: string }) {
  const [status, setStatus] = useState<RegistrationStatus | ''>('');
  const [courseId, setCourseId] = useState(fixedCourse ?? '');
  const [search, setSearch] = useState('');
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [highlighted, setHighlighted] = useState<Set<string>>(new Set());
  const variables = {
    courseId: courseId || null,
    status: status || null,
    search: search.trim() || null,
    first: PAGE_SIZE,
    after: cursors.at(-1) ?? null,
  };
  const { data, error, loading, refetch } = useQuery(REGISTRATIONS, { variables });
  const shown = useRef(new Set<string>());
  shown.current = new Set(data?.registrations.edges.map((e) => e.node.id) ?? []);

  const coalescer = useMemo(
    () =>
      makeCoalescer<string>((ids) => {
        // Updated rows already sit in the cache (normalized by id); new ones need the first page again.
        if (ids.some((id) => !shown.current.has(id)) && cursors.length === 1) void refetch();
        setHighlighted(new Set(ids));
        setTimeout(() => setHighlighted(new Set()), 1500);
      }),
    [refetch, cursors.length],
  );
  useEffect(() => () => coalescer.cancel(), [coalescer]);
  useSubscription(REGISTRATION_UPDATED, {
    variables: { courseId: fixedCourse ?? null },
    onData: ({ data: event }) => {
      const id = event.data?.registrationUpdated.id;
      if (id) coalescer.push(id);
    },
  });

  const resetPages = () => setCursors([null]);
  return (
    <section>
      <div className="toolbar">
        <label>
          Status
          <select
            value={status}
            onChange={(e) => (setStatus(e.target.value as RegistrationStatus | ''), resetPages())}
          >
            <option value="">All</option>
            {Object.entries(STATUS_TEXT).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        {!fixedCourse && (
          <CourseSelect value={courseId} onChange={(id) => (setCourseId(id), resetPages())} />
        )}
        <label>
          Search
          <input
            type="search"
            value={search}
            placeholder="Name, email or id"
            onChange={(e) => (setSearch(e.target.value), resetPages())}
          />
        </label>
      </div>
      <div className="toolbar">
        <NewRegistration courseId={fixedCourse} onCreated={() => void refetch()} />
        <DownloadButton
          path={`/api/exports/registrations.csv?${new URLSearchParams({
            ...(variables.courseId ? { courseId: variables.courseId } : {}),
            ...(variables.status ? { status: variables.status } : {}),
            ...(variables.search ? { search: variables.search } : {}),
          })}`}
          filename="registrations.csv"
        >
          Download as CSV
        </DownloadButton>
      </div>
      {error && <ErrorState error={error} />}
      {loading && !data && <Loading />}
      {data && data.registrations.edges.length === 0 && <Empty>No registrations match.</Empty>}
      {data && data.registrations.edges.length > 0 && (
        <>
          <p className="count">
            {data.registrations.totalCount} registration
            {data.registrations.totalCount === 1 ? '' : 's'}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Learner</th>
                  {!fixedCourse && <th>Course</th>}
                  <th>Status</th>
                  <th>Progress</th>
                  <th>Resume</th>
                  <th>Time spent</th>
                  <th>Score</th>
                  <th>Last activity</th>
                  <th>Launch</th>
                </tr>
              </thead>
              <tbody>
                {data.registrations.edges.map(({ node }) => (
                  <tr
                    key={node.id}
                    data-testid={`registration-row-${node.id}`}
                    className={highlighted.has(node.id) ? 'changed' : ''}
                  >
                    <td>
                      <div>
                        <Link href={`/registrations/${node.id}`}>
                          {node.learner.name ?? node.learner.id}
                        </Link>
                      </div>
                      <small>{node.learner.email ?? node.learner.id}</small>
                      {node.dispatch && (
                        <small className="via" data-testid="via-dispatch">
                          {' '}
                          via{' '}
                          <Link href={`/dispatches/${node.dispatch.id}`}>
                            {node.dispatch.recipientName}
                          </Link>
                        </small>
                      )}
                    </td>
                    {!fixedCourse && <td>{node.course.title}</td>}
                    <td>
                      <StatusBadge status={node.status} />
                    </td>
                    <td>
                      <RegistrationProgress registration={node} />
                    </td>
                    <td>
                      {node.canResume ? (
                        <span className="resume" title="Can resume where they left">
                          ↻ Resumable
                        </span>
                      ) : (
                        ''
                      )}
                    </td>
                    <td>{formatDuration(node.timeSpentSeconds)}</td>
                    <td>{formatScore(node.score)}</td>
                    <td title={node.lastActivityAt ?? ''}>{relativeTime(node.lastActivityAt)}</td>
                    <td>
                      {node.dispatch ? (
                        <small title="Learners of a dispatch launch from their own LMS">
                          in {node.dispatch.recipientName}
                        </small>
                      ) : (
                        <LaunchButtons id={node.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button
              type="button"
              disabled={cursors.length < 2}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Previous page
            </button>
            <button
              type="button"
              disabled={!data.registrations.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, data.registrations.pageInfo.endCursor])}
            >
              Next page
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function CourseSelect({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { data } = useQuery(COURSE_OPTIONS);
  return (
    <label>
      Course
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {data?.courses.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function LaunchButtons({ id }: { id: string }) {
  const [launch, { loading }] = useMutation(LAUNCH);
  const [link, setLink] = useState<{ url: string; expiresAt: string; copied: boolean } | null>(
    null,
  );
  const get = async () => {
    const { data } = await launch({ variables: { id } });
    return data?.launchRegistration ?? null;
  };
  return (
    <div className="launch">
      <button
        type="button"
        disabled={loading}
        onClick={async () => {
          const made = await get();
          if (!made) return;
          const copied = await navigator.clipboard
            ?.writeText(made.url)
            .then(() => true)
            .catch(() => false);
          setLink({ url: made.url, expiresAt: made.expiresAt, copied: copied ?? false });
        }}
      >
        Copy launch link
      </button>
      <button
        type="button"
        disabled={loading}
        onClick={async () => {
          const made = await get();
          if (made) window.open(made.url, '_blank', 'noopener');
        }}
      >
        Open
      </button>
      {link && (
        <>
          <input
            className="launch-url"
            readOnly
            value={link.url}
            aria-label="Launch link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <small role="status" data-testid="launch-link-note">
            {link.copied ? 'Copied. ' : ''}Works until{' '}
            {new Date(link.expiresAt).toLocaleTimeString([], {
              hour: '2-digit',
              minute: '2-digit',
            })}
            .
          </small>
        </>
      )}
    </div>
  );
}

function NewRegistration({ courseId, onCreated }: { courseId?: string; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [create, { loading, error }] = useMutation(CREATE_REGISTRATION);
  const { data } = useQuery(COURSE_OPTIONS, { skip: !!courseId });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        New registration
      </button>
    );
  }
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const learner = {
      id: String(form.get('learnerId')),
      name: String(form.get('learnerName') || '') || null,
      email: String(form.get('learnerEmail') || '') || null,
    };
    await create({ variables: { courseId: courseId ?? String(form.get('courseId')), learner } });
    setOpen(false);
    onCreated();
  };
  return (
    <form className="inline-form" onSubmit={onSubmit} aria-label="New registration">
      {!courseId && (
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
      )}
      <label>
        Learner id
        <input name="learnerId" required />
      </label>
      <label>
        Name
        <input name="learnerName" />
      </label>
      <label>
        Email
        <input name="learnerEmail" type="email" />
      </label>
      <button type="submit" disabled={loading}>
        Create
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && <ErrorState error={error} />}
    </form>
  );
}
