import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import { Course } from '../courses/course.entity.js';
import { forgetCourseStats } from '../courses/course.resolver.js';
import { coalesce } from '../events/coalesce.js';
import type { TopicPayloads } from '../events/topics.js';
import type { Context } from '../graphql/context.js';
import { committedRowOf } from './committed-rows.js';
import { registrationFromRow } from './registration-columns.js';
import { Registration } from './registration.entity.js';
import { readStats, RegistrationStats } from './registration-stats.js';

const loadedFor = new WeakMap<object, Promise<Registration>>();

/** Stats subscribers get at most this many updates a second. */
const STATS_INTERVAL_MS = 250;

interface CourseArgs {
  courseId?: string | null;
}

/** Subscriptions: each limited to the caller's organization; payloads on the bus are ids only. */
@Resolver()
export class LiveResolver {
  @Subscription(() => Registration, {
    description: "Every accepted commit (and new registration) in the caller's organization.",
    subscribe: ({ args, context }: { args: unknown; context: Context }) => {
      const viewer = requireViewer(context);
      const { courseId } = args as CourseArgs;
      return context.services.events.subscribe(
        'REGISTRATION_UPDATED',
        (event) =>
          event.organizationId === viewer.organizationId &&
          (!courseId || event.courseId === courseId),
        viewer.organizationId,
      );
    },
  })
  async registrationUpdated(
    @Root() event: TopicPayloads['REGISTRATION_UPDATED'],
    @Arg('courseId', () => ID, { nullable: true }) _courseId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Registration> {
    // Every local subscriber receives the same payload object: load the registration once for all.
    // A local commit left its row beside the event: map it rather than read it back. The course
    // is loaded by its field resolver only for subscribers that select it.
    let loaded = loadedFor.get(event);
    if (!loaded) {
      const row = committedRowOf(event);
      loaded = row
        ? Promise.resolve(registrationFromRow(row))
        : ctx.em.fork().findOneOrFail(Registration, event.registrationId);
      loadedFor.set(event, loaded);
    }
    return loaded;
  }

  @Subscription(() => Course, {
    description:
      "The course, each time its stats move (coalesced to at most a few a second): select `stats` and a client's cache stays current.",
    subscribe: ({ args, context }: { args: unknown; context: Context }) => {
      const viewer = requireViewer(context);
      const { courseId } = args as { courseId: string };
      const events = context.services.events.subscribe(
        'STATS_CHANGED',
        (e) => e.organizationId === viewer.organizationId && e.courseId === courseId,
        viewer.organizationId,
      );
      return coalesce(events, STATS_INTERVAL_MS);
    },
  })
  async courseStatsUpdated(
    @Root() event: TopicPayloads['STATS_CHANGED'],
    @Arg('courseId', () => ID) _courseId: string,
    @Ctx() ctx: Context,
  ): Promise<Course> {
    forgetCourseStats(ctx, event.organizationId);
    return ctx.em
      .fork()
      .findOneOrFail(Course, { id: event.courseId, organization: event.organizationId });
  }

  @Subscription(() => RegistrationStats, {
    description: "The caller's organization's stats, coalesced to at most a few updates a second.",
    subscribe: ({ context }: { context: Context }) => {
      const viewer = requireViewer(context);
      const events = context.services.events.subscribe(
        'STATS_CHANGED',
        (e) => e.organizationId === viewer.organizationId,
        viewer.organizationId,
      );
      return coalesce(events, STATS_INTERVAL_MS);
    },
  })
  async organizationStatsUpdated(
    @Root() event: TopicPayloads['STATS_CHANGED'],
    @Ctx() ctx: Context,
  ): Promise<RegistrationStats> {
    return readStats(ctx.em.fork(), { organizationId: event.organizationId });
  }
}
