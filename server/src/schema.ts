import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuthResolver } from './auth/auth.resolver.js';
import { CourseResolver } from './courses/course.resolver.js';
import { DispatchLaunchResolver, DispatchResolver } from './dispatch/dispatch.resolver.js';
import { DateTimeScalar } from './graphql/scalars.js';
import { OrganizationResolver } from './organizations/organization.resolver.js';
import { LiveResolver } from './registrations/live.resolver.js';
import { RegistrationResolver } from './registrations/registration.resolver.js';
import { RuntimeResolver } from './registrations/runtime.resolver.js';

/** The one list of resolvers: the app, the schema emitter and the tests all build from it. */
export const resolvers = [
  AuthResolver,
  OrganizationResolver,
  CourseResolver,
  RegistrationResolver,
  RuntimeResolver,
  LiveResolver,
  DispatchResolver,
  DispatchLaunchResolver,
] as const;

/** Builds the executable schema from the code (code-first; schema.graphql is emitted from this). */
export async function buildCourierSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
}
