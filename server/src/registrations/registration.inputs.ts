import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Registration } from './registration.entity.js';

@InputType()
export class LearnerInput {
  @Field({
    description: 'Your system’s id for the learner; one registration per learner and course.',
  })
  id!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@ObjectType()
export class Launch {
  @Field({
    description: 'Opens the player; the token rides in the fragment so it never reaches logs.',
  })
  url!: string;
  @Field({ description: 'The bearer token for commitRuntime and the player.' }) token!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => ID, { description: 'One per launch (player session).' }) attemptId!: string;
  @Field(() => ID, { nullable: true, description: 'Set when the launch came through a dispatch.' })
  dispatchLaunchId!: string | null;
}

@ObjectType()
export class LaunchRenewal {
  @Field() token!: string;
  @Field(() => Date) expiresAt!: Date;
}

@InputType()
export class CommitRuntimeInput {
  @Field(() => ID, { description: 'From the Launch: one per player session.' }) attemptId!: string;
  @Field(() => Int, {
    description: '1, 2, 3 … within the attempt; a repeat is acknowledged and ignored.',
  })
  seq!: number;
  @Field(() => String, {
    nullable: true,
    description: 'The manifest item identifier; the first SCO when omitted.',
  })
  scoId?: string | null;
  @Field(() => GraphQLJSON, {
    description:
      'Flat element → value set since the last commit (or all of them); merged into the SCO’s CMI.',
  })
  cmi!: Record<string, unknown>;
  @Field(() => String, {
    nullable: true,
    description:
      'One per SCO launch inside the player; its session_time counts once. Defaults to attemptId.',
  })
  sessionId?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'True on the commit sent by LMSFinish / Terminate.',
  })
  finished?: boolean | null;
}

@ObjectType()
export class CommitResult {
  @Field({
    description:
      'False when this (attemptId, seq) was already applied or is older than one applied.',
  })
  accepted!: boolean;

  /** Read lazily: the player asks only for `accepted`, so most commits never map an entity. */
  private load!: () => Registration | Promise<Registration>;

  @Field(() => Registration)
  get registration(): Registration | Promise<Registration> {
    return this.load();
  }

  static of(outcome: {
    accepted: boolean;
    readonly registration: Registration | Promise<Registration>;
  }): CommitResult {
    const result = new CommitResult();
    result.accepted = outcome.accepted;
    result.load = () => outcome.registration;
    return result;
  }
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class RegistrationEdge {
  @Field() cursor!: string;
  @Field(() => Registration) node!: Registration;
}

@ObjectType()
export class RegistrationConnection {
  @Field(() => [RegistrationEdge]) edges!: RegistrationEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
