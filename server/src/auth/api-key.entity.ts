import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  OptionalProps,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';

/** An integrator's credential. Only a SHA-256 of the token is kept: tokens are 256-bit random. */
@ObjectType()
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'revokedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  organization!: Rel<Organization>;

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Property({ length: 64, unique: true, hidden: true })
  tokenHash!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
