import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../registrations/registration.inputs.js';
import { Dispatch } from './dispatch.entity.js';
import { DispatchLaunch } from './dispatch-launch.entity.js';

@InputType()
export class CreateDispatchInput {
  @Field(() => ID) courseId!: string;
  @Field() recipientName!: string;
  @Field(() => Int, { nullable: true }) maxLaunches?: number | null;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
}

@InputType({ description: 'Change a dispatch: re-enable or revoke, change its cap or expiry.' })
export class UpdateDispatchInput {
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
  @Field(() => Int, { nullable: true }) maxLaunches?: number | null;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Remove the cap.' }) clearMaxLaunches?:
    boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Remove the expiry.' }) clearExpiresAt?:
    boolean | null;
}

@ObjectType({
  description: 'A new dispatch. The secret is shown this once; only its hash is kept.',
})
export class DispatchCredentials {
  @Field(() => Dispatch) dispatch!: Dispatch;
  @Field() key!: string;
  @Field() secret!: string;
}

@InputType()
export class DispatchCompletionInput {
  @Field(() => ID, { nullable: true, description: 'Our DispatchLaunch id; or give learnerId.' })
  launchId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The host LMS's learner id; or give launchId.",
  })
  learnerId?: string | null;
  @Field({ description: 'The same key twice is one completion.' }) idempotencyKey!: string;
  @Field() completed!: boolean;
  @Field(() => Boolean, { nullable: true }) passed?: boolean | null;
  @Field(() => Float, { nullable: true }) progress?: number | null;
  @Field(() => Float, { nullable: true }) scoreScaled?: number | null;
}

@ObjectType()
export class DispatchLaunchEdge {
  @Field() cursor!: string;
  @Field(() => DispatchLaunch) node!: DispatchLaunch;
}

@ObjectType()
export class DispatchLaunchConnection {
  @Field(() => [DispatchLaunchEdge]) edges!: DispatchLaunchEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
