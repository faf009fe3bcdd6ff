import { Link } from '../ui/router';

/**
 * What to do next on an empty organization: upload a course, then register a learner or create
 * a dispatch. Gone once learners exist.
 */
export function FirstRun({
  courseCount,
  learnerCount,
}: {
  courseCount: number;
  learnerCount: number;
}) {
  if (learnerCount > 0) return null;
  return (
    <section className="first-run" aria-label="Getting started" data-testid="first-run">
      <h3>Getting started</h3>
      <ol>
        <li className={courseCount > 0 ? 'done' : ''}>
          {courseCount > 0 ? (
            <>
              {courseCount} course{courseCount === 1 ? '' : 's'} uploaded.
            </>
          ) : (
            <>
              <Link href="/courses">Upload your first course</Link>: a SCORM 1.2 or 2004 zip, as
              exported by your authoring tool.
            </>
          )}
        </li>
        <li>
          <Link href="/registrations">Register a learner</Link> and open or copy their launch link,
          or <Link href="/dispatches">create a dispatch</Link> to run the course in another LMS.
        </li>
        <li>Watch their progress arrive here, live.</li>
      </ol>
    </section>
  );
}
