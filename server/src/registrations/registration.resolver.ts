import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { Course } from '../courses/course.entity.js';
import { NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { Activity, loadActivities } from './activity.js';
import { loadSequencingView, SequencingActivity } from './activity-tree.js';
import { createRegistration } from './create-registration.js';
import { launchRegistration } from './launch-registration.js';
import { listRegistrations } from './list-registrations.js';
import {
  Learner,
  Registration,
  RegistrationStatus,
  Score,
  scoreOf,
} from './registration.entity.js';
import { Launch, LearnerInput, RegistrationConnection } from './registration.inputs.js';
import { RuntimeProblem } from './runtime-problem.entity.js';

@Resolver(() => Registration)
export class RegistrationResolver {
  @Query(() => RegistrationConnection, {
    description: 'Newest first; search matches learner id, name and email.',
  })
  async registrations(
    @Ctx() ctx: Context,
    @Arg('courseId', () => ID, { nullable: true }) courseId?: string | null,
    @Arg('status', () => RegistrationStatus, { nullable: true }) status?: RegistrationStatus | null,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<RegistrationConnection> {
    const viewer = requireViewer(ctx);
    return listRegistrations(ctx.em, {
      organizationId: viewer.organizationId,
      courseId,
      status,
      search,
      first,
      after,
    });
  }

  @Query(() => Registration, { nullable: true })
  async registration(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<Registration | null> {
    const viewer = requireViewer(ctx);
    return ctx.em.findOne(
      Registration,
      { id, organization: viewer.organizationId },
      { populate: ['course'] },
    );
  }

  @Mutation(() => Registration, {
    description: 'One per learner and course: asking again returns the same registration.',
  })
  async createRegistration(
    @Arg('courseId', () => ID) courseId: string,
    @Arg('learner') learner: LearnerInput,
    @Ctx() ctx: Context,
  ): Promise<Registration> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return createRegistration(ctx, { organizationId: viewer.organizationId, courseId, learner });
  }

  @Mutation(() => Launch, { description: 'A new attempt and its player link.' })
  async launchRegistration(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Launch> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const registration = await ctx.em.findOne(Registration, {
      id,
      organization: viewer.organizationId,
    });
    if (!registration) throw new NotFoundError('Registration', id);
    return launchRegistration(ctx, registration);
  }

  @FieldResolver(() => Course)
  async course(@Root() registration: Registration, @Ctx() ctx: Context): Promise<Course> {
    return registration.course.title !== undefined
      ? registration.course
      : ctx.em.findOneOrFail(Course, registration.course.id);
  }

  @FieldResolver(() => Dispatch, {
    nullable: true,
    description:
      "The dispatch this learner came through (the host LMS's learner); null when registered directly.",
  })
  async dispatch(
    @Root() registration: Registration,
    @Ctx() ctx: Context,
  ): Promise<Dispatch | null> {
    if (!registration.scope) return null;
    // findOne answers from the identity map after the first row: a page of a dispatch's learners
    // reads that dispatch once.
    return ctx.em.findOne(Dispatch, {
      id: registration.scope,
      organization: registration.organization.id,
    });
  }

  @FieldResolver(() => Learner)
  learner(@Root() registration: Registration): Learner {
    return Object.assign(new Learner(), {
      id: registration.learnerId,
      name: registration.learnerName,
      email: registration.learnerEmail,
    });
  }

  @FieldResolver(() => [RuntimeProblem], {
    description:
      'Commits the learner’s player set aside because the server refused their content, newest first (up to 50).',
  })
  runtimeProblems(
    @Root() registration: Registration,
    @Ctx() ctx: Context,
  ): Promise<RuntimeProblem[]> {
    return ctx.em.find(
      RuntimeProblem,
      { registration: registration.id },
      { orderBy: { occurredAt: 'desc', seq: 'desc' }, limit: 50 },
    );
  }

  @FieldResolver(() => [Activity], {
    description:
      'Each launchable item of the course in manifest order, with its own status, score, time, interactions, objectives and CMI data. A page of registrations asking for it is loaded together.',
  })
  activities(@Root() registration: Registration, @Ctx() ctx: Context): Promise<Activity[]> {
    return loadActivities(ctx.em, registration);
  }

  @FieldResolver(() => SequencingActivity, {
    nullable: true,
    description:
      "SCORM 2004: the course's activity tree with each activity's sequencing state for this learner (completion, success, measure, attempts, objectives), rolled up as the status is; null for SCORM 1.2 and for courses without a sequencing definition. Read-only.",
  })
  async activityTree(
    @Root() registration: Registration,
    @Ctx() ctx: Context,
  ): Promise<SequencingActivity | null> {
    return (await loadSequencingView(ctx.em, registration))?.tree ?? null;
  }

  @FieldResolver(() => [SequencingActivity], {
    nullable: true,
    description:
      'SCORM 2004: activityTree flattened in manifest order (a cluster before its children), each activity with its parentId and depth, for clients that show the whole tree without a recursive selection; null where activityTree is.',
  })
  async activityTreeList(
    @Root() registration: Registration,
    @Ctx() ctx: Context,
  ): Promise<SequencingActivity[] | null> {
    return (await loadSequencingView(ctx.em, registration))?.list ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'SCORM 2004: the item whose attempt is suspended (the one touched last where several are); a relaunch resumes it.',
  })
  async suspendedActivityId(
    @Root() registration: Registration,
    @Ctx() ctx: Context,
  ): Promise<string | null> {
    return (await loadSequencingView(ctx.em, registration))?.suspendedActivityId ?? null;
  }

  @FieldResolver(() => Score, {
    nullable: true,
    description: 'Null until the content reports a score.',
  })
  score(@Root() registration: Registration): Score | null {
    return scoreOf(registration);
  }
}
