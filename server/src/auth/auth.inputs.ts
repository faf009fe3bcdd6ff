import { Field, ID, InputType, ObjectType } from 'type-graphql';
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

@InputType()
export class InviteUserInput {
  @Field() email!: string;
  @Field() password!: string;
  @Field(() => Role) role!: Role;
}
