import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Rel,
  OptionalProps,
} from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Course } from '../courses/course.entity.js';
import { CmiTextType } from './cmi-column-types.js';
import { Organization } from '../organizations/organization.entity.js';

export enum RegistrationStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}
registerEnumType(RegistrationStatus, { name: 'RegistrationStatus' });

export enum ProgressSource {
  REPORTED = 'REPORTED',
  SCOS = 'SCOS',
  OBJECTIVES = 'OBJECTIVES',
  STATUS = 'STATUS',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(ProgressSource, {
  name: 'ProgressSource',
  description:
    'Where a progress figure comes from; UNKNOWN when nothing tells (progress is then null).',
});

@ObjectType()
export class Learner {
  @Field()
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;
}

@ObjectType()
export class Score {
  @Field(() => Float, { nullable: true })
  scaled!: number | null;

  @Field(() => Float, { nullable: true })
  raw!: number | null;

  @Field(() => Float, { nullable: true })
  min!: number | null;

  @Field(() => Float, { nullable: true })
  max!: number | null;
}

/** A registration's score as the API shows it; null until the content reports one. */
export function scoreOf(
  r: Pick<Registration, 'scoreScaled' | 'scoreRaw' | 'scoreMin' | 'scoreMax'>,
): Score | null {
  if (r.scoreScaled === null && r.scoreRaw === null && r.scoreMin === null && r.scoreMax === null)
    return null;
  return Object.assign(new Score(), {
    scaled: r.scoreScaled,
    raw: r.scoreRaw,
    min: r.scoreMin,
    max: r.scoreMax,
  });
}

/**
 * One learner in one course. The derived summary lives on the row, recomputed in the commit's
 * transaction, so lists and stats never parse CMI at read time.
 */
@ObjectType()
@Entity({ tableName: 'registrations' })
@Unique({ properties: ['course', 'scope', 'learnerId'] })
@Index({ properties: ['organization', 'createdAt', 'id'] })
@Index({ properties: ['organization', 'status'] })
export class Registration {
  [OptionalProps]?:
    | 'scope'
    | 'learnerName'
    | 'learnerEmail'
    | 'status'
    | 'progress'
    | 'progressSource'
    | 'canResume'
    | 'resumePoint'
    | 'timeSpentSeconds'
    | 'observedSeconds'
    | 'scoreScaled'
    | 'scoreRaw'
    | 'scoreMin'
    | 'scoreMax'
    | 'launchCount'
    | 'lastActivityAt'
    | 'completedAt'
    | 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  @Index()
  course!: Rel<Course>;

  /** '' for direct registrations; the dispatch id for a dispatch's learners (their ids are the host LMS's). */
  @Property({ length: 64, default: '' })
  scope: string = '';

  @Property({ length: 255 })
  learnerId!: string;

  @Property({ length: 255, nullable: true })
  learnerName: string | null = null;

  @Property({ length: 320, nullable: true })
  learnerEmail: string | null = null;

  @Field(() => RegistrationStatus)
  @Enum({ items: () => RegistrationStatus, default: RegistrationStatus.NOT_STARTED })
  status: RegistrationStatus = RegistrationStatus.NOT_STARTED;

  /** Not started is exactly 0 (by STATUS); null only while nothing tells how far a learner is. */
  @Field(() => Float, { nullable: true })
  @Property({ type: 'double', nullable: true, default: 0 })
  progress: number | null = 0;

  @Field(() => ProgressSource)
  @Enum({ items: () => ProgressSource, default: ProgressSource.STATUS })
  progressSource: ProgressSource = ProgressSource.STATUS;

  @Field()
  @Property({ default: false })
  canResume: boolean = false;

  /** The content's location, stored escaped (see runtime-data.ts) so it round-trips. */
  @Field(() => String, { nullable: true })
  @Property({ type: CmiTextType, columnType: 'text', nullable: true })
  resumePoint: string | null = null;

  @Field(() => Int)
  @Property({ default: 0 })
  timeSpentSeconds: number = 0;

  @Field(() => Int, { description: 'First-to-last commit span of each session, idle gaps capped.' })
  @Property({ default: 0 })
  observedSeconds: number = 0;

  @Property({ type: 'double', nullable: true })
  scoreScaled: number | null = null;

  @Property({ type: 'double', nullable: true })
  scoreRaw: number | null = null;

  @Property({ type: 'double', nullable: true })
  scoreMin: number | null = null;

  @Property({ type: 'double', nullable: true })
  scoreMax: number | null = null;

  @Field(() => Int)
  @Property({ default: 0 })
  launchCount: number = 0;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastActivityAt: Date | null = null;

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
