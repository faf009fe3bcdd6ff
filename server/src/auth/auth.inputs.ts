import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Invitation } from './invitation.entity.js';
import { Role, User } from './user.entity.js';

@ObjectType()
export class AuthPayload {
  @Field() token!: string;
  @Field(() => User) user!: User;
}

@ObjectType({ description: 'A new API key. The token is shown this once; only its hash is kept.' })
export class ApiKeyCredentials {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() token!: string;
}

@InputType({ description: 'Who to invite; the invitee chooses their own password.' })
export class InviteUserInput {
  @Field() email!: string;
  @Field(() => Role) role!: Role;
}

@ObjectType({
  description:
    'A new invitation and its one-time link, shown this once; only a hash of its token is kept.',
})
export class InvitationCredentials {
  @Field(() => Invitation) invitation!: Invitation;
  @Field({ description: 'The dashboard page that accepts it; the token is in the fragment.' })
  url!: string;
  @Field() token!: string;
}

@ObjectType({ description: "What an invitation link's holder sees before accepting it." })
export class InvitationPreview {
  @Field() email!: string;
  @Field(() => Role) role!: Role;
  @Field() organizationName!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field({ description: 'An account with this email exists already: sign in with it instead.' })
  accountExists!: boolean;
}
