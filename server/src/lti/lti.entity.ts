import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  OneToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Rel,
} from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Dispatch } from '../dispatch/dispatch.entity.js';
import { DispatchLaunch } from '../dispatch/dispatch-launch.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * An LTI 1.3 platform (an LMS) registered on a dispatch: who signs its launches (issuer, client
 * id, deployments) and where its OIDC authorization, token and key set live. One per dispatch;
 * an (issuer, client id) pair names one dispatch, so a login finds its course by it.
 */
@ObjectType()
@Entity({ tableName: 'lti_platforms' })
@Unique({ properties: ['issuer', 'clientId'] })
export class LtiPlatform {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @OneToOne(() => Dispatch, { owner: true, deleteRule: 'cascade' })
  dispatch!: Rel<Dispatch>;

  @Field({ description: "The platform's issuer (`iss` of its id_tokens)." })
  @Property({ length: 255 })
  issuer!: string;

  @Field({ description: 'The client id the platform gave Courier (`aud` of its id_tokens).' })
  @Property({ length: 255 })
  clientId!: string;

  @Field(() => [String], { description: 'Deployment ids accepted from this platform.' })
  @Property({ type: 'json' })
  deploymentIds!: string[];

  @Field({ description: "The platform's OIDC authorization endpoint." })
  @Property({ length: 1000 })
  authorizationUrl!: string;

  @Field({ description: "The platform's OAuth 2 token endpoint (for AGS)." })
  @Property({ length: 1000 })
  tokenUrl!: string;

  @Field({ description: "The platform's public key set." })
  @Property({ length: 1000 })
  jwksUrl!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/**
 * One of the tool's own RSA key pairs. The newest signs; older ones stay published at the JWKS
 * URL for one rotation period so platforms that cached them still verify. The private key is
 * stored sealed (AES-256-GCM under a key derived from JWT_SECRET) and never leaves the server.
 */
@Entity({ tableName: 'lti_tool_keys' })
export class LtiToolKey {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ length: 64 })
  kid!: string;

  @Property({ type: 'text', hidden: true })
  privateKeySealed!: string;

  @Property({ type: 'json' })
  publicJwk!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A login in flight: its state and nonce, each good for one launch within a few minutes. */
@Entity({ tableName: 'lti_login_states' })
export class LtiLoginState {
  @PrimaryKey({ length: 64 })
  state!: string;

  @Property({ length: 64 })
  nonce!: string;

  @ManyToOne(() => LtiPlatform, { deleteRule: 'cascade' })
  platform!: Rel<LtiPlatform>;

  @Property({ type: 'timestamptz' })
  @Index()
  expiresAt!: Date;
}

/** What the platform told about a dispatch launch: the learner's `sub` and the AGS line item. */
@Entity({ tableName: 'lti_launch_contexts' })
export class LtiLaunchContext {
  [OptionalProps]?: 'updatedAt' | 'lineitemUrl';

  @OneToOne(() => DispatchLaunch, { owner: true, primary: true, deleteRule: 'cascade' })
  dispatchLaunch!: Rel<DispatchLaunch>;

  @ManyToOne(() => LtiPlatform, { deleteRule: 'cascade' })
  @Index()
  platform!: Rel<LtiPlatform>;

  @Property({ length: 255 })
  sub!: string;

  @Property({ length: 1000, nullable: true })
  lineitemUrl: string | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** A score on its way to the platform's line item (the AGS outbox). */
@ObjectType()
@Entity({ tableName: 'lti_score_deliveries' })
@Index({ name: 'lti_score_deliveries_launch_index', properties: ['dispatchLaunch', 'createdAt'] })
export class LtiScoreDelivery {
  [OptionalProps]?:
    'attempts' | 'leaseUntil' | 'lastError' | 'lastStatusCode' | 'createdAt' | 'deliveredAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => LtiLaunchContext, { deleteRule: 'cascade', fieldName: 'dispatch_launch_id' })
  dispatchLaunch!: Rel<LtiLaunchContext>;

  /** The AGS score as sent (activityProgress, gradingProgress, scoreGiven, …). */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Field({ description: 'PENDING, DELIVERED, SUPERSEDED (a newer score replaced it) or FAILED.' })
  @Property({ length: 16 })
  status!: string;

  @Field(() => Int)
  @Property({ default: 0 })
  attempts: number = 0;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  @Field(() => String, { nullable: true })
  @Property({ length: 500, nullable: true })
  lastError: string | null = null;

  @Field(() => Int, { nullable: true })
  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  @Field(() => String, { description: 'Initialized, InProgress or Completed.' })
  get activityProgress(): string {
    return String(this.payload['activityProgress']);
  }

  @Field(() => String, { description: 'NotReady or FullyGraded.' })
  get gradingProgress(): string {
    return String(this.payload['gradingProgress']);
  }

  @Field(() => Float, { nullable: true })
  get scoreGiven(): number | null {
    const v = this.payload['scoreGiven'];
    return typeof v === 'number' ? v : null;
  }

  @Field(() => Float, { nullable: true })
  get scoreMaximum(): number | null {
    const v = this.payload['scoreMaximum'];
    return typeof v === 'number' ? v : null;
  }
}
