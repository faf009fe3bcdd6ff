import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireViewer } from '../auth/authorize.js';
import { Role } from '../auth/user.entity.js';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { DispatchLaunch } from '../dispatch/dispatch-launch.entity.js';
import { BadUserInputError, DomainError, NotFoundError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { checkPlatform } from './check-platform.js';
import { LtiPlatform, LtiScoreDelivery } from './lti.entity.js';
import { LtiPlatformInput, LtiToolUrls } from './lti.inputs.js';
import { ltiToolUrls } from './lti-routes.js';

@Resolver(() => LtiPlatform)
export class LtiResolver {
  @Query(() => LtiToolUrls, {
    description: "The tool's login, launch, JWKS and deep-linking URLs for an LTI platform.",
  })
  ltiToolUrls(@Ctx() ctx: Context): LtiToolUrls {
    requireViewer(ctx);
    return ltiToolUrls(ctx.services.config.publicUrl);
  }

  @Mutation(() => LtiPlatform, {
    description:
      'Registers (or changes) the LTI 1.3 platform that launches this dispatch. An issuer and client id name one dispatch.',
  })
  async setDispatchLtiPlatform(
    @Arg('dispatchId', () => ID) dispatchId: string,
    @Arg('input') input: LtiPlatformInput,
    @Ctx() ctx: Context,
  ): Promise<LtiPlatform> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const checked = await checkPlatform(input, ctx.services.config.ltiAllowPrivate);
    const dispatch = await ctx.em.findOne(Dispatch, {
      id: dispatchId,
      organization: viewer.organizationId,
    });
    if (!dispatch) throw new NotFoundError('Dispatch', dispatchId);
    const existing = await ctx.em.findOne(LtiPlatform, { dispatch: dispatch.id });
    const platform =
      existing ??
      ctx.em.create(LtiPlatform, {
        organization: viewer.organizationId,
        dispatch,
        ...checked,
      });
    ctx.em.assign(platform, { ...checked, updatedAt: new Date() });
    try {
      await ctx.em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException)
        throw new DomainError(
          'CONFLICT',
          'This issuer and client id are already registered on another dispatch: give this one its own client id in the platform',
        );
      throw err;
    }
    return platform;
  }

  @Mutation(() => Boolean, {
    description: 'Removes the LTI platform of a dispatch: its launches and queued scores stop.',
  })
  async removeDispatchLtiPlatform(
    @Arg('dispatchId', () => ID) dispatchId: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const viewer = requireViewer(ctx, Role.ADMIN);
    const removed = await ctx.em.nativeDelete(LtiPlatform, {
      dispatch: dispatchId,
      organization: viewer.organizationId,
    });
    return removed > 0;
  }
}

@Resolver(() => Dispatch)
export class DispatchLtiResolver {
  @FieldResolver(() => LtiPlatform, {
    nullable: true,
    description: 'The LTI 1.3 platform registered on this dispatch, if any.',
  })
  async ltiPlatform(@Root() dispatch: Dispatch, @Ctx() ctx: Context): Promise<LtiPlatform | null> {
    return ctx.em.findOne(LtiPlatform, { dispatch: dispatch.id });
  }
}

@Resolver(() => DispatchLaunch)
export class DispatchLaunchLtiResolver {
  @FieldResolver(() => [LtiScoreDelivery], {
    description: 'Scores sent (or on their way) to the LTI platform for this launch, newest first.',
  })
  async ltiScores(
    @Root() launch: DispatchLaunch,
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<LtiScoreDelivery[]> {
    const limit = first ?? 10;
    if (limit < 1 || limit > 100) throw new BadUserInputError('first must be between 1 and 100');
    return ctx.em.find(
      LtiScoreDelivery,
      { dispatchLaunch: launch.id },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit },
    );
  }
}
