import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Course } from '../courses/course.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A course distributed to another LMS. Its limits (active, expiry, cap) are checked and the
 * launch counted in one conditional UPDATE, so concurrent launches never overshoot.
 */
@ObjectType()
@Entity({ tableName: 'dispatches' })
@Index({ properties: ['organization', 'createdAt'] })
export class Dispatch {
  [OptionalProps]?:
    | 'maxLaunches'
    | 'expiresAt'
    | 'active'
    | 'launchCount'
    | 'completionCount'
    | 'lastLaunchAt'
    | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Course, { deleteRule: 'restrict' })
  @Index()
  course!: Rel<Course>;

  @Field()
  @Property({ length: 200 })
  recipientName!: string;

  /** Exposed by DispatchResolver.key: whole to admins only. */
  @Property({ length: 64, unique: true })
  key!: string;

  @Property({ length: 64, hidden: true })
  secretHash!: string;

  @Field(() => Int, { nullable: true, description: 'Distinct learners allowed; null for no cap.' })
  @Property({ type: 'integer', nullable: true })
  maxLaunches: number | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Field()
  @Property({ default: true })
  active: boolean = true;

  @Field(() => Int, { description: 'Distinct learners launched (relaunches do not count).' })
  @Property({ default: 0 })
  launchCount: number = 0;

  @Field(() => Int)
  @Property({ default: 0 })
  completionCount: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastLaunchAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
