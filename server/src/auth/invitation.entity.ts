import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';
import { Role } from './user.entity.js';

/**
 * An offer to join an organization, redeemed once through a link. Only a SHA-256 of the link's
 * token is kept; the invitee chooses their own password when they accept.
 */
@ObjectType({ description: 'A pending (or past) invitation to join the organization.' })
@Entity({ tableName: 'invitations' })
export class Invitation {
  [OptionalProps]?: 'createdAt' | 'acceptedAt' | 'revokedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  organization!: Rel<Organization>;

  @Field()
  @Property({ length: 320 })
  email!: string;

  @Field(() => Role)
  @Enum({ items: () => Role, nativeEnumName: undefined })
  role!: Role;

  @Property({ length: 64, unique: true, hidden: true })
  tokenHash!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
