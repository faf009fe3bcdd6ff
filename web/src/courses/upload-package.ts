import { getToken } from '../apollo/session';

export interface UploadedCourse {
  id: string;
  title: string;
  version: number;
}

/**
 * Uploads a SCORM zip with progress: a new course, or with `courseId` that course's next version.
 * Resolves with the server's answer or rejects with its message.
 */
export function uploadPackage(
  file: File,
  onProgress: (fraction: number) => void,
  courseId?: string,
): Promise<UploadedCourse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      courseId ? `/api/courses?courseId=${encodeURIComponent(courseId)}` : '/api/courses',
    );
    xhr.setRequestHeader('authorization', `Bearer ${getToken() ?? ''}`);
    xhr.setRequestHeader('content-type', 'application/zip');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: Partial<UploadedCourse> & { error?: { message: string } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: { message: `The server answered ${xhr.status}` } };
      }
      if (xhr.status === 201 && body.id)
        resolve({ id: body.id, title: body.title ?? '', version: body.version ?? 1 });
      else reject(new Error(body.error?.message ?? `The server answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: the server could not be reached'));
    xhr.send(file);
  });
}
