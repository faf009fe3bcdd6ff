import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Rel,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Registration } from '../registrations/registration.entity.js';
import { Dispatch } from './dispatch.entity.js';

/** One learner of the host LMS in a dispatch, backed by a registration in our organization. */
@ObjectType()
@Entity({ tableName: 'dispatch_launches' })
@Unique({ properties: ['dispatch', 'learnerId'] })
@Index({ properties: ['dispatch', 'launchedAt'] })
export class DispatchLaunch {
  [OptionalProps]?:
    'learnerEmail' | 'launchedAt' | 'lastLaunchAt' | 'completedAt' | 'ipAddress' | 'userAgent';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Dispatch, { deleteRule: 'cascade' })
  dispatch!: Rel<Dispatch>;

  @ManyToOne(() => Registration, { deleteRule: 'cascade' })
  @Index()
  registration!: Rel<Registration>;

  @Field({ description: "The host LMS's learner id." })
  @Property({ length: 255 })
  learnerId!: string;

  @Field(() => String, { nullable: true })
  @Property({ length: 320, nullable: true })
  learnerEmail: string | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  launchedAt: Date = new Date();

  @Field(() => Date, { description: 'The latest launch (relaunches included).' })
  @Property({ type: 'timestamptz' })
  lastLaunchAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ length: 64, nullable: true })
  ipAddress: string | null = null;

  @Field(() => String, { nullable: true })
  @Property({ length: 500, nullable: true })
  userAgent: string | null = null;
}

/** An external completion report already applied: the same idempotency key twice is one completion. */
@Entity({ tableName: 'dispatch_completion_receipts' })
export class DispatchCompletionReceipt {
  [OptionalProps]?: 'createdAt' | 'requestHash';

  @ManyToOne(() => Dispatch, { primary: true, deleteRule: 'cascade' })
  dispatch!: Rel<Dispatch>;

  @PrimaryKey({ length: 200 })
  idempotencyKey!: string;

  @ManyToOne(() => DispatchLaunch, { deleteRule: 'cascade' })
  launch!: Rel<DispatchLaunch>;

  /** SHA-256 of the report applied under this key: the same key with another report conflicts. */
  @Property({ length: 64, nullable: true })
  requestHash: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
