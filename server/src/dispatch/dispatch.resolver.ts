import {
  Arg,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { Course } from '../courses/course.entity.js';
import { BadUserInputError, NotFoundError } from '../errors.js';
import type { TopicPayloads } from '../events/topics.js';
import type { Context } from '../graphql/context.js';
import {
  Registration,
  RegistrationStatus,
  Score,
  scoreOf,
} from '../registrations/registration.entity.js';
import { Launch, LearnerInput } from '../registrations/registration.inputs.js';
import { createDispatch } from './create-dispatch.js';
import { deleteDispatch } from './delete-dispatch.js';
import { Dispatch } from './dispatch.entity.js';
import {
  CreateDispatchInput,
  DispatchCompletionInput,
  DispatchCredentials,
  DispatchLaunchConnection,
  UpdateDispatchInput,
} from './dispatch.inputs.js';
import { DispatchLaunch } from './dispatch-launch.entity.js';
import { launchDispatch } from './launch-dispatch.js';
import { reportDispatchCompletion } from './report-dispatch-completion.js';
import { updateDispatch } from './update-dispatch.js';

@Resolver(() => Dispatch)
export class DispatchResolver {
  @Query(() => [Dispatch])
  async dispatches(@Ctx() ctx: Context): Promise<Dispatch[]> {
    const viewer = requireViewer(ctx);
    return ctx.em.find(
      Dispatch,
      { organization: viewer.organizationId },
      { populate: ['course'], orderBy: { createdAt: 'desc' } },
    );
  }

  @Query(() => Dispatch, { nullable: true })
  async dispatch(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Dispatch | null> {
    const viewer = requireViewer(ctx);
    return ctx.em.findOne(
      Dispatch,
      { id, organization: viewer.organizationId },
      { populate: ['course'] },
    );
  }

  @Mutation(() => DispatchCredentials, { description: 'The secret is in this answer only.' })
  async createDispatch(
    @Arg('input') input: CreateDispatchInput,
    @Ctx() ctx: Context,
  ): Promise<DispatchCredentials> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return createDispatch(ctx.em, { organizationId: viewer.organizationId, ...input });
  }

  @Mutation(() => Dispatch, {
    description: 'Stops new launches and relaunches; updateDispatch(active: true) re-enables.',
  })
  async revokeDispatch(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Dispatch> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return updateDispatch(ctx, {
      organizationId: viewer.organizationId,
      id,
      changes: { active: false },
    });
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a dispatch and its launch records (its learners keep their registrations); then its course may be deleted.',
  })
  async deleteDispatch(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    await deleteDispatch(ctx.em, { organizationId: viewer.organizationId, id });
    return true;
  }

  @Mutation(() => Dispatch, { description: 'Re-enable or revoke, change the cap or the expiry.' })
  async updateDispatch(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateDispatchInput,
    @Ctx() ctx: Context,
  ): Promise<Dispatch> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    return updateDispatch(ctx, { organizationId: viewer.organizationId, id, changes: input });
  }

  @Mutation(() => Launch, {
    description: 'Called by the dispatch package; the key is the credential and its limits decide.',
  })
  async launchDispatch(
    @Arg('key') key: string,
    @Arg('learner') learner: LearnerInput,
    @Ctx() ctx: Context,
  ): Promise<Launch> {
    return launchDispatch(ctx, { key, learner, ipAddress: ctx.ip, userAgent: ctx.userAgent });
  }

  @Mutation(() => DispatchLaunch, {
    description: 'Authorized by Basic base64(key:secret); once per idempotencyKey.',
  })
  async reportDispatchCompletion(
    @Arg('input') input: DispatchCompletionInput,
    @Ctx() ctx: Context,
  ): Promise<DispatchLaunch> {
    return reportDispatchCompletion(ctx, ctx.authorization, input);
  }

  @Subscription(() => Dispatch, {
    description:
      "A dispatch's launches, completions or settings changed (one dispatch, or all of the organization's).",
    subscribe: ({ args, context }: { args: unknown; context: Context }) => {
      const viewer = requireViewer(context);
      const { id } = args as { id?: string | null };
      return context.services.events.subscribe(
        'DISPATCH_UPDATED',
        (event) =>
          event.organizationId === viewer.organizationId && (!id || event.dispatchId === id),
        viewer.organizationId,
      );
    },
  })
  async dispatchUpdated(
    @Root() event: TopicPayloads['DISPATCH_UPDATED'],
    @Arg('id', () => ID, { nullable: true }) _id: string | null,
    @Ctx() ctx: Context,
  ): Promise<Dispatch> {
    return ctx.em.fork().findOneOrFail(Dispatch, event.dispatchId, { populate: ['course'] });
  }

  @FieldResolver(() => Course)
  async course(@Root() dispatch: Dispatch, @Ctx() ctx: Context): Promise<Course> {
    return dispatch.course.title !== undefined
      ? dispatch.course
      : ctx.em.findOneOrFail(Course, dispatch.course.id);
  }

  @FieldResolver(() => String, {
    description:
      'The public id the dispatch package launches with. Admins see it whole; others see it masked but for its last 4 characters.',
  })
  key(@Root() dispatch: Dispatch, @Ctx() ctx: Context): string {
    const role = ctx.viewer?.role;
    if (role === Role.ADMIN || role === Role.OWNER) return dispatch.key;
    return `${'•'.repeat(8)}${dispatch.key.slice(-4)}`;
  }

  @FieldResolver(() => Float, {
    description: 'completionCount / launchCount, 0 before any launch.',
  })
  completionRate(@Root() dispatch: Dispatch): number {
    return dispatch.launchCount === 0 ? 0 : dispatch.completionCount / dispatch.launchCount;
  }

  @FieldResolver(() => DispatchLaunchConnection)
  async launches(
    @Root() dispatch: Dispatch,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<DispatchLaunchConnection> {
    const limit = first ?? 50;
    if (limit < 1 || limit > 200) throw new BadUserInputError('first must be between 1 and 200');
    const offset = after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0)
      throw new BadUserInputError('The cursor is not one this API gave out');
    const [rows, totalCount] = await ctx.em.findAndCount(
      DispatchLaunch,
      { dispatch: dispatch.id },
      {
        populate: ['registration'],
        orderBy: { launchedAt: 'desc', id: 'desc' },
        limit: limit + 1,
        offset,
      },
    );
    const page = rows.slice(0, limit);
    const edges = page.map((node, i) => ({
      cursor: Buffer.from(String(offset + i + 1)).toString('base64url'),
      node,
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }
}

/** A dispatch launch's progress is its backing registration's. */
@Resolver(() => DispatchLaunch)
export class DispatchLaunchResolver {
  private async registrationOf(launch: DispatchLaunch, ctx: Context): Promise<Registration> {
    if (launch.registration.status !== undefined) return launch.registration;
    const found = await ctx.em.findOne(Registration, launch.registration.id);
    if (!found) throw new NotFoundError('Registration', launch.registration.id);
    return found;
  }

  @FieldResolver(() => RegistrationStatus)
  async status(@Root() launch: DispatchLaunch, @Ctx() ctx: Context): Promise<RegistrationStatus> {
    return (await this.registrationOf(launch, ctx)).status;
  }

  @FieldResolver(() => Float, { nullable: true })
  async progress(@Root() launch: DispatchLaunch, @Ctx() ctx: Context): Promise<number | null> {
    return (await this.registrationOf(launch, ctx)).progress;
  }

  @FieldResolver(() => Score, { nullable: true })
  async score(@Root() launch: DispatchLaunch, @Ctx() ctx: Context): Promise<Score | null> {
    return scoreOf(await this.registrationOf(launch, ctx));
  }
}
