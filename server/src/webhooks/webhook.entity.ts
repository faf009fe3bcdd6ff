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
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';

/** What an endpoint can ask to hear about. */
export const WEBHOOK_EVENTS = [
  'registration.updated',
  'registration.completed',
  'dispatch.launched',
  'dispatch.completed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryStatus, { name: 'WebhookDeliveryStatus' });

/**
 * An integrator's URL that hears about results. The signing secret is needed in the clear to
 * sign, so it is kept encrypted (AES-256-GCM under a key derived from JWT_SECRET), never hashed.
 */
@ObjectType()
@Entity({ tableName: 'webhook_endpoints' })
export class WebhookEndpoint {
  [OptionalProps]?: 'active' | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  organization!: Rel<Organization>;

  @Field()
  @Property({ length: 2000 })
  url!: string;

  @Field(() => [String])
  @Property({ type: 'text[]' })
  events!: string[];

  @Property({ type: 'text', hidden: true })
  secretEncrypted!: string;

  @Field()
  @Property({ default: true })
  active: boolean = true;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/**
 * The outbox: one row per event per endpoint, written in the same transaction as the change
 * it reports, so a process that dies after committing still delivers. `seq` orders deliveries
 * of one registration (or dispatch); workers lease rows with FOR UPDATE SKIP LOCKED.
 */
@ObjectType()
@Entity({ tableName: 'webhook_deliveries' })
@Index({ properties: ['status', 'nextAttemptAt'] })
@Index({ properties: ['endpoint', 'orderingKey', 'seq'] })
@Index({ properties: ['endpoint', 'createdAt'] })
export class WebhookDelivery {
  [OptionalProps]?:
    | 'status'
    | 'attempts'
    | 'nextAttemptAt'
    | 'leaseUntil'
    | 'lastError'
    | 'lastStatusCode'
    | 'latencyMs'
    | 'deliveredAt'
    | 'createdAt'
    | 'seq';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'bigint', autoincrement: true, unique: true, runtimeType: 'number' })
  seq!: number;

  @ManyToOne(() => WebhookEndpoint, { deleteRule: 'cascade' })
  endpoint!: Rel<WebhookEndpoint>;

  @Property({ type: 'uuid' })
  organizationId!: string;

  @Field()
  @Property({ length: 64 })
  eventType!: string;

  /** The registration or dispatch the event is about: deliveries with one key go in order. */
  @Property({ length: 64 })
  orderingKey!: string;

  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, default: DeliveryStatus.PENDING })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Field(() => Int)
  @Property({ default: 0 })
  attempts: number = 0;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'smallint', nullable: true })
  lastStatusCode: number | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  latencyMs: number | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
