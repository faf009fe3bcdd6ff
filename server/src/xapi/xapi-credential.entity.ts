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
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';

/** What an LRS credential may do: read statements and documents, write them, or both. */
export enum XapiCredentialScope {
  READ = 'READ',
  WRITE = 'WRITE',
  READ_WRITE = 'READ_WRITE',
}
registerEnumType(XapiCredentialScope, {
  name: 'XapiCredentialScope',
  description: 'READ: GET only; WRITE: PUT, POST and DELETE only; READ_WRITE: both.',
});

/**
 * HTTP Basic credentials for the LRS at /xapi/, made by an admin for an activity provider or a
 * reporting tool. Only a SHA-256 of the secret is kept (256 random bits): it is shown once.
 */
@ObjectType()
@Entity({ tableName: 'xapi_credentials' })
export class XapiCredential {
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

  @Field({ description: 'The Basic user name; not a secret.' })
  @Property({ length: 64, unique: true })
  key!: string;

  @Property({ length: 64, hidden: true })
  secretHash!: string;

  @Field(() => XapiCredentialScope)
  @Enum({ items: () => XapiCredentialScope, nativeEnumName: undefined })
  scope!: XapiCredentialScope;

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
