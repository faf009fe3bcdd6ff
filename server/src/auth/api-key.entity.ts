import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  OptionalProps,
  ArrayType,
} from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';

/** What an API key may do beyond its organization's reads. */
export enum ApiKeyScope {
  /** Queries and subscriptions. */
  READ = 'READ',
  /** Courses, registrations, launches, dispatches and webhooks: an integrator's writes. */
  WRITE = 'WRITE',
  /** Access itself: API keys and users. Never in the default, so a leaked key cannot mint more. */
  ADMIN = 'ADMIN',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'READ reads; WRITE adds integrator writes; ADMIN adds API keys and users.',
});

/** What `createApiKey` grants when no scopes are asked for: an integrator's key. */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = [ApiKeyScope.READ, ApiKeyScope.WRITE];

/** An integrator's credential. Only a SHA-256 of the token is kept: tokens are 256-bit random. */
@ObjectType()
@Entity({ tableName: 'api_keys' })
export class ApiKey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'scopes';

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

  @Field(() => [ApiKeyScope])
  @Property({ type: ArrayType })
  scopes: ApiKeyScope[] = [...DEFAULT_API_KEY_SCOPES];

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
