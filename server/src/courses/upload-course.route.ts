import { authenticateRequest } from '../auth/authenticate-request.js';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { DomainError } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { Route } from '../http/route.js';
import { importCourse } from './import-course.js';

/**
 * `POST /api/courses`: a SCORM zip as the body becomes a course (or, with `?courseId=`, that
 * course's next version). Answers 201 `{ id, title, scormVersion, version }`.
 */
export const uploadCourseRoute: Route = {
  method: 'POST',
  path: '/api/courses',
  async handle({ services, req, res, url }) {
    const caller = await authenticateRequest(services, req);
    const viewer = requireViewer(caller, Role.ADMIN);
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/(zip|x-zip-compressed|octet-stream)/i.test(type)) {
      throw new DomainError(
        'INVALID_PACKAGE',
        'Send the SCORM package as the body with Content-Type: application/zip',
      );
    }
    const length = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
    const course = await importCourse(
      { em: caller.em, services },
      {
        organizationId: viewer.organizationId,
        body: req,
        declaredLength: length,
        // With ?courseId=, the package is that course's next version.
        courseId: url.searchParams.get('courseId'),
      },
    );
    sendJson(res, 201, {
      id: course.id,
      title: course.title,
      scormVersion: course.scormVersion,
      version: course.version,
    });
  },
};
