import { useQuery, useSubscription } from '@apollo/client/react';
import { graphql } from '../gql';
import { RegistrationsTable } from '../registrations/RegistrationsTable';
import { DownloadButton } from '../ui/download';
import { StatCards } from '../ui/StatCards';
import { ErrorState, Loading } from '../ui/Status';
import { CourseVersions } from './CourseVersions';

const COURSE = graphql(`
  query CourseDetail($id: ID!) {
    course(id: $id) {
      id
      title
      scormVersion
      scoCount
      version
      versions {
        version
        title
        scoCount
        createdAt
      }
      stats {
        ...StatsFields
      }
    }
  }
`);

const COURSE_STATS_UPDATED = graphql(`
  subscription CourseStatsUpdated($courseId: ID!) {
    courseStatsUpdated(courseId: $courseId) {
      id
      stats {
        ...StatsFields
      }
    }
  }
`);

/** One course: its figures (live) and its registrations. */
export function CourseDetail({ id }: { id: string }) {
  const { data, error, loading, refetch } = useQuery(COURSE, { variables: { id } });
  // The event is the course with its new stats: Apollo writes it over the cached course by id,
  // so the cards move with no refetch.
  useSubscription(COURSE_STATS_UPDATED, { variables: { courseId: id } });
  if (error) return <ErrorState error={error} />;
  if (loading && !data) return <Loading />;
  if (!data?.course) return <ErrorState error={{ message: 'This course does not exist.' }} />;
  return (
    <section>
      <h2>{data.course.title}</h2>
      <p>
        SCORM {data.course.scormVersion === 'SCORM_12' ? '1.2' : '2004'} · {data.course.scoCount}{' '}
        SCO{data.course.scoCount === 1 ? '' : 's'} · version {data.course.version}
      </p>
      <StatCards stats={data.course.stats} />
      <p className="exports">
        <DownloadButton
          path={`/api/exports/interactions.csv?courseId=${id}`}
          filename="interactions.csv"
        >
          Download learners’ answers (CSV)
        </DownloadButton>
      </p>
      <RegistrationsTable courseId={id} />
      <CourseVersions
        courseId={id}
        versions={data.course.versions}
        onUploaded={() => void refetch()}
      />
    </section>
  );
}
