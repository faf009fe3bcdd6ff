import { useState } from 'react';
import { ProgressBar } from '../ui/ProgressBar';
import { uploadPackage } from './upload-package';

interface Version {
  version: number;
  title: string;
  scoCount: number;
  createdAt: string;
}

/**
 * A course's versions, newest first, and the upload of its next one. Learners keep their progress
 * across versions; new launches get the new files.
 */
export function CourseVersions({
  courseId,
  versions,
  onUploaded,
}: {
  courseId: string;
  versions: Version[];
  onUploaded: () => void;
}) {
  const [upload, setUpload] = useState<{
    name: string;
    progress: number;
    error?: string;
    done?: string;
  } | null>(null);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setUpload({ name: file.name, progress: 0 });
    try {
      const course = await uploadPackage(
        file,
        (progress) => setUpload({ name: file.name, progress }),
        courseId,
      );
      setUpload({ name: file.name, progress: 1, done: `Version ${course.version} is live` });
      onUploaded();
    } catch (err) {
      setUpload({ name: file.name, progress: 0, error: (err as Error).message });
    }
  };

  return (
    <section aria-labelledby="versions-heading">
      <h3 id="versions-heading">Versions</h3>
      <label className="upload-version">
        Upload new version (.zip): learners keep their progress, new launches get the new files
        <input
          type="file"
          name="version"
          accept=".zip,application/zip"
          onChange={(e) => {
            void send(e.target.files?.[0]);
            e.target.value = '';
          }}
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
      <div className="table-wrap">
        <table data-testid="course-versions">
          <thead>
            <tr>
              <th>Version</th>
              <th>Title</th>
              <th>SCOs</th>
              <th>Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v, i) => (
              <tr key={v.version}>
                <td>
                  {v.version}
                  {i === 0 && <small> (current)</small>}
                </td>
                <td>{v.title}</td>
                <td>{v.scoCount}</td>
                <td>{new Date(v.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
