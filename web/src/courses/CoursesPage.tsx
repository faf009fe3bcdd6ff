import { useQuery } from '@apollo/client/react';
import { useState, type DragEvent } from 'react';
import { getToken } from '../apollo/session';
import { graphql } from '../gql';
import { ProgressBar } from '../ui/ProgressBar';
import { Link } from '../ui/router';
import { Empty, ErrorState, Loading } from '../ui/Status';
import { useDeleteCourse } from './use-delete-course';

const COURSES = graphql(`
  query Courses {
    courses {
      id
      title
      scormVersion
      scoCount
      createdAt
      stats {
        total
        completionRate
        averageProgress
      }
    }
  }
`);

/** Uploads a zip with progress; resolves with the server's answer or rejects with its message. */
function uploadPackage(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ id: string; title: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/courses');
    xhr.setRequestHeader('authorization', `Bearer ${getToken() ?? ''}`);
    xhr.setRequestHeader('content-type', 'application/zip');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: string; title?: string; error?: { message: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: { message: `The server answered ${xhr.status}` } };
      }
      if (xhr.status === 201 && body.id) resolve({ id: body.id, title: body.title ?? '' });
      else reject(new Error(body.error?.message ?? `The server answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    xhr.send(file);
  });
}

/** Courses with their learners and completion, and the package upload. */
export function CoursesPage() {
  const { data, error, loading, refetch } = useQuery(COURSES);
  const [remove] = useDeleteCourse();
  const [upload, setUpload] = useState<{
    name: string;
    progress: number;
    error?: string;
    done?: string;
  } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ name: file.name, progress: 0 });
    try {
      const course = await uploadPackage(file, (progress) =>
        setUpload({ name: file.name, progress }),
      );
      setUpload({ name: file.name, progress: 1, done: `Imported “${course.title}”` });
      void refetch();
    } catch (err) {
      setUpload({ name: file.name, progress: 0, error: (err as Error).message });
    }
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    void send(event.dataTransfer.files[0]);
  };
  return (
    <section>
      <h2>Courses</h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label>
          Upload a SCORM package (.zip): drop it here or choose a file
          <input
            type="file"
            name="package"
            accept=".zip,application/zip"
            onChange={(e) => void send(e.target.files?.[0])}
          />
        </label>
        {upload && (
          <div className="upload" role="status">
            <span>{upload.name}</span>
            {!upload.error && !upload.done && (
              <ProgressBar progress={upload.progress} label="Upload" />
            )}
            {upload.done && <span className="ok">{upload.done}</span>}
            {upload.error && (
              <span className="state-error" role="alert">
                {upload.error}
              </span>
            )}
          </div>
        )}
      </div>
      {error && <ErrorState error={error} />}
      {removeError && (
        <p className="state-error" role="alert">
          {removeError}
        </p>
      )}
      {loading && !data && <Loading />}
      {data && data.courses.length === 0 && (
        <Empty>No courses yet: upload a SCORM package to start.</Empty>
      )}
      {data && data.courses.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Title</th>
                <th>SCORM</th>
                <th>SCOs</th>
                <th>Learners</th>
                <th>Completion rate</th>
                <th>Average progress</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.courses.map((course) => (
                <tr key={course.id}>
                  <td>
                    <Link href={`/courses/${course.id}`}>{course.title}</Link>
                  </td>
                  <td>{course.scormVersion === 'SCORM_12' ? '1.2' : '2004'}</td>
                  <td>{course.scoCount}</td>
                  <td>{course.stats.total}</td>
                  <td>
                    <ProgressBar progress={course.stats.completionRate} label="Completion rate" />
                  </td>
                  <td>
                    <ProgressBar progress={course.stats.averageProgress} label="Average progress" />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      onClick={async () => {
                        if (!confirm(`Delete “${course.title}” with all its registrations?`))
                          return;
                        setRemoveError(null);
                        try {
                          await remove(course.id);
                        } catch (err) {
                          setRemoveError((err as Error).message);
                        }
                      }}
                    >
                      Delete
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
