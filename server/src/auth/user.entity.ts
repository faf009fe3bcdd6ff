import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  OptionalProps,
} from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';

export enum Role {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  VIEWER = 'VIEWER',
}
registerEnumType(Role, {
  name: 'Role',
  description:
    'OWNER runs the platform (the ADMIN_EMAIL user); ADMIN manages one organization; VIEWER reads it.',
});

@ObjectType()
@Entity({ tableName: 'users' })
export class User {
  [OptionalProps]?: 'createdAt' | 'sessionEpoch' | 'disabledAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  organization!: Rel<Organization>;

  /** Stored lower-cased: sign-in is case-insensitive. */
  @Field()
  @Property({ length: 320, unique: true })
  email!: string;

  @Property({ length: 200, hidden: true })
  passwordHash!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: undefined })
  role!: Role;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Every session carries the epoch it was signed in; bumping it ends them all. */
  @Property({ type: 'integer', default: 0, hidden: true })
  sessionEpoch: number = 0;

  @Field(() => Date, { nullable: true, description: 'Set while the user may not sign in.' })
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;
}
