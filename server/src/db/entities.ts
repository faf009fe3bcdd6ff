import { ApiKey } from '../auth/api-key.entity.js';
import { Invitation } from '../auth/invitation.entity.js';
import { User } from '../auth/user.entity.js';
import { Course } from '../courses/course.entity.js';
import { CourseVersion } from '../courses/course-version.entity.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { DispatchCompletionReceipt, DispatchLaunch } from '../dispatch/dispatch-launch.entity.js';
import {
  LtiLaunchContext,
  LtiLoginState,
  LtiPlatform,
  LtiScoreDelivery,
  LtiToolKey,
} from '../lti/lti.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Attempt } from '../registrations/attempt.entity.js';
import { GlobalObjective } from '../registrations/global-objective.entity.js';
import { Registration } from '../registrations/registration.entity.js';
import { RuntimeProblem } from '../registrations/runtime-problem.entity.js';
import { RegistrationStatsRow } from '../registrations/registration-stats.entity.js';
import { ScoState } from '../registrations/sco-state.entity.js';
import { SequencingState } from '../registrations/sequencing-state.entity.js';
import { WebhookDelivery, WebhookEndpoint } from '../webhooks/webhook.entity.js';
import { XapiCredential } from '../xapi/xapi-credential.entity.js';

/** The one list of entities; the ORM discovers nothing by file globs (ESM, compiled output). */
export const entities = [
  Organization,
  User,
  ApiKey,
  Invitation,
  Course,
  CourseVersion,
  Registration,
  ScoState,
  Attempt,
  RuntimeProblem,
  RegistrationStatsRow,
  GlobalObjective,
  SequencingState,
  Dispatch,
  DispatchLaunch,
  DispatchCompletionReceipt,
  WebhookEndpoint,
  WebhookDelivery,
  XapiCredential,
  LtiPlatform,
  LtiToolKey,
  LtiLoginState,
  LtiLaunchContext,
  LtiScoreDelivery,
];
