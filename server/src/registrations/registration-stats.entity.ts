import { Entity, ManyToOne, PrimaryKey, Property, type Rel, OptionalProps } from '@mikro-orm/core';
import { Course } from '../courses/course.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** How many shard rows each course's counters are spread over, so commits don't queue on one row. */
export const STATS_SHARDS = 8;

/**
 * Counters per organization, course and shard, adjusted in each commit's transaction by the
 * old → new status. Stats read SUM over these rows instead of scanning registrations.
 */
@Entity({ tableName: 'registration_stats' })
export class RegistrationStatsRow {
  [OptionalProps]?:
    | 'total'
    | 'notStarted'
    | 'inProgress'
    | 'completed'
    | 'passed'
    | 'failed'
    | 'progressSum'
    | 'progressCount';

  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Course, { primary: true, deleteRule: 'cascade' })
  course!: Rel<Course>;

  @PrimaryKey({ type: 'smallint' })
  shard!: number;

  @Property({ default: 0 }) total: number = 0;
  @Property({ default: 0 }) notStarted: number = 0;
  @Property({ default: 0 }) inProgress: number = 0;
  @Property({ default: 0 }) completed: number = 0;
  @Property({ default: 0 }) passed: number = 0;
  @Property({ default: 0 }) failed: number = 0;
  @Property({ type: 'double', default: 0 }) progressSum: number = 0;
  @Property({ default: 0 }) progressCount: number = 0;
}
