import { authenticateRequest } from '../auth/authenticate-request.js';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { NotFoundError } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { Route } from '../http/route.js';
import { ltiDispatchConfiguration } from '../lti/lti-routes.js';
import {
  buildDispatchPackage,
  parseDispatchPackageFormat,
  readDispatchLauncher,
} from './dispatch-package.js';
import { Dispatch } from './dispatch.entity.js';

/** `GET /api/dispatches/:id/package?format=scorm12|scorm2004`: the zip for the recipient LMS. */
export const dispatchPackageRoute: Route = {
  method: 'GET',
  path: /^\/api\/dispatches\/([0-9a-f-]{36})\/package$/,
  async handle({ services, req, res, url, params: [id = ''] }) {
    const caller = await authenticateRequest(services, req);
    const viewer = requireViewer(caller, Role.ADMIN);
    // Over LTI 1.3 there is no file: the tool's URLs and the platform registered, as JSON.
    if (url.searchParams.get('format') === 'lti')
      return sendJson(
        res,
        200,
        await ltiDispatchConfiguration(caller.em, services.config.publicUrl, {
          organizationId: viewer.organizationId,
          dispatchId: id,
        }),
      );
    const format = parseDispatchPackageFormat(url.searchParams.get('format'));
    const dispatch = await caller.em.findOne(
      Dispatch,
      { id, organization: viewer.organizationId },
      { populate: ['course'] },
    );
    if (!dispatch) throw new NotFoundError('Dispatch', id);
    const zip = await buildDispatchPackage({
      format,
      serverUrl: services.config.contentUrl,
      key: dispatch.key,
      title: dispatch.course.title,
      dispatchId: dispatch.id,
      launcher: await readDispatchLauncher(services.config.webDistDir),
    });
    const filename = `${dispatch.course.title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'course'}-${format}.zip`;
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': zip.length,
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    });
    res.end(zip);
  },
};
