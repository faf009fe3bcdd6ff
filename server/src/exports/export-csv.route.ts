import { authenticateRequest } from '../auth/authenticate-request.js';
import { requireViewer } from '../auth/authorize.js';
import { Course } from '../courses/course.entity.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import type { Route } from '../http/route.js';
import {
  exportDispatchLaunchesCsv,
  exportInteractionsCsv,
  exportRegistrationsCsv,
} from './export-csv.js';

/** `GET /api/exports/registrations.csv?courseId&status&search`: the registrations table. */
export const registrationsCsvRoute: Route = {
  method: 'GET',
  path: '/api/exports/registrations.csv',
  async handle({ services, req, res, url }) {
    const caller = await authenticateRequest(services, req);
    const viewer = requireViewer(caller);
    const q = url.searchParams;
    await exportRegistrationsCsv(caller.em, res, {
      organizationId: viewer.organizationId,
      courseId: q.get('courseId'),
      status: q.get('status'),
      search: q.get('search'),
    });
  },
};

/** `GET /api/exports/interactions.csv?courseId`: every learner's answers in one course. */
export const interactionsCsvRoute: Route = {
  method: 'GET',
  path: '/api/exports/interactions.csv',
  async handle({ services, req, res, url }) {
    const caller = await authenticateRequest(services, req);
    const viewer = requireViewer(caller);
    const courseId = url.searchParams.get('courseId') ?? '';
    if (!/^[0-9a-f-]{36}$/.test(courseId))
      throw new BadUserInputError('courseId must name one of your courses', {
        field: 'courseId',
      });
    const course = await caller.em.findOne(Course, {
      id: courseId,
      organization: viewer.organizationId,
    });
    if (!course) throw new NotFoundError('Course', courseId);
    await exportInteractionsCsv(caller.em, res, course);
  },
};

/** `GET /api/dispatches/:id/launches.csv`: a dispatch's launches. */
export const dispatchLaunchesCsvRoute: Route = {
  method: 'GET',
  path: /^\/api\/dispatches\/([0-9a-f-]{36})\/launches\.csv$/,
  async handle({ services, req, res, params: [id = ''] }) {
    const caller = await authenticateRequest(services, req);
    const viewer = requireViewer(caller);
    const dispatch = await caller.em.findOne(Dispatch, {
      id,
      organization: viewer.organizationId,
    });
    if (!dispatch) throw new NotFoundError('Dispatch', id);
    await exportDispatchLaunchesCsv(caller.em, res, dispatch.id);
  },
};
