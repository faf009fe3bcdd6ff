import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireLaunch } from '../auth/authorize.js';
import type { Context } from '../graphql/context.js';
import { commitRuntime } from './commit-runtime.js';
import { CommitResult, CommitRuntimeInput, LaunchRenewal } from './registration.inputs.js';
import { openPlayerSession, PlayerSession, renewLaunch } from './player-session.js';
import { reportRuntimeProblem, RuntimeProblemInput } from './report-runtime-problem.js';
import { saveSequencingState, SequencingStateInput } from './save-sequencing-state.js';

/** What the player calls with its launch token. */
@Resolver()
export class RuntimeResolver {
  @Mutation(() => CommitResult, {
    description: 'Authorized by the launch token. Applied once, in seq order.',
  })
  async commitRuntime(
    @Arg('input') input: CommitRuntimeInput,
    @Ctx() ctx: Context,
  ): Promise<CommitResult> {
    const launch = requireLaunch(ctx);
    return CommitResult.of(await commitRuntime(ctx, launch, input));
  }

  @Mutation(() => Boolean, {
    description:
      'Authorized by the launch token: a commit refused for its content, set aside by the player. False once the attempt has reported its maximum.',
  })
  async reportRuntimeProblem(
    @Arg('input') input: RuntimeProblemInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const launch = requireLaunch(ctx);
    return reportRuntimeProblem(ctx, launch, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Authorized by the launch token: the SCORM 2004 sequencing engine state of this session, loaded by the next launch of the registration on any device. False when a newer save (or a newer launch) has it.',
  })
  async saveSequencingState(
    @Arg('input') input: SequencingStateInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const launch = requireLaunch(ctx);
    return saveSequencingState(ctx, launch, input);
  }

  @Query(() => PlayerSession, {
    description: 'Authorized by the launch token: the player’s start-up data.',
  })
  async playerSession(@Ctx() ctx: Context): Promise<PlayerSession> {
    const launch = requireLaunch(ctx);
    return openPlayerSession(ctx, launch, launch.expiresAt);
  }

  @Mutation(() => LaunchRenewal, {
    description:
      'Authorized by the launch token: a fresh token for the same attempt, while its dispatch (if any) is active and unexpired and the launch is younger than 12 hours.',
  })
  async renewLaunch(@Ctx() ctx: Context): Promise<LaunchRenewal> {
    return renewLaunch(ctx, requireLaunch(ctx));
  }
}
