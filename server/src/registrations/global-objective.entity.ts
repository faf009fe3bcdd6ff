import { Entity, ManyToOne, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A learner's SCORM 2004 global objective (an objective map's target), shared by every
 * registration of theirs whose course keeps `objectivesGlobalToSystem` (the default). Written
 * in the commit's transaction from the rollup of the registration that set it; read by the
 * next commit of any of the learner's registrations. Keyed like a registration's learner:
 * organization, scope (a dispatch's learners are their own) and learner id.
 */
@Entity({ tableName: 'global_objectives' })
export class GlobalObjective {
  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @PrimaryKey({ length: 64 })
  scope!: string;

  @PrimaryKey({ length: 255 })
  learnerId!: string;

  /** The map's targetObjectiveID. */
  @PrimaryKey({ type: 'text' })
  objectiveId!: string;

  /** null while its status is unknown. */
  @Property({ type: 'boolean', nullable: true })
  satisfied: boolean | null = null;

  /** Normalized measure, -1 to 1. */
  @Property({ type: 'double', nullable: true })
  measure: number | null = null;

  /** The registration whose commit wrote it last. */
  @Property({ type: 'uuid' })
  registrationId!: string;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
