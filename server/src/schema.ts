import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from './auth/auth.resolver.js';
import { InvitationResolver } from './auth/invitation.resolver.js';
import { CourseResolver } from './courses/course.resolver.js';
import { DeploymentResolver } from './deployment/deployment.resolver.js';
import { DispatchLaunchResolver, DispatchResolver } from './dispatch/dispatch.resolver.js';
import { DispatchLaunchLtiResolver, DispatchLtiResolver, LtiResolver } from './lti/lti.resolver.js';
import { applyInputBounds } from './graphql/input-bounds.js';
import { DateTimeScalar } from './graphql/scalars.js';
import { OrganizationResolver } from './organizations/organization.resolver.js';
import { LiveResolver } from './registrations/live.resolver.js';
import { RegistrationResolver } from './registrations/registration.resolver.js';
import { RuntimeResolver } from './registrations/runtime.resolver.js';
import { WebhookResolver } from './webhooks/webhook.resolver.js';
import { XapiCredentialResolver } from './xapi/xapi-credential.resolver.js';

/** The one list of resolvers: the app, the schema emitter and the tests all build from it. */
export const resolvers = [
  AuthResolver,
  InvitationResolver,
  OrganizationResolver,
  CourseResolver,
  RegistrationResolver,
  RuntimeResolver,
  LiveResolver,
  DispatchResolver,
  DispatchLaunchResolver,
  WebhookResolver,
  DeploymentResolver,
  XapiCredentialResolver,
  LtiResolver,
  DispatchLtiResolver,
  DispatchLaunchLtiResolver,
] as const;

/**
 * type-graphql insists on a PubSub whenever subscriptions exist, but every Courier subscription
 * brings its own `subscribe` (over the EventBus, with organization filters), so topics are
 * never used; reaching this is a programming error.
 */
const noTopicPubSub = {
  publish(): void {
    throw new Error('Publish through the EventBus (services.events), not type-graphql topics');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Subscriptions must declare their own subscribe function over the EventBus');
  },
};

/**
 * Builds the executable schema from the code (code-first; schema.graphql is emitted from this),
 * with every argument bounded before its resolver runs (see input-bounds.ts).
 */
export async function buildCourierSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: noTopicPubSub,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
  return applyInputBounds(schema);
}
