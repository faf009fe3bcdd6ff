import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  OptionalProps,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';
import type { ManifestItem } from '../scorm/manifest.js';
import type { SequencingDefinition } from '../scorm/sequencing/definition.js';

export enum ScormVersion {
  SCORM_12 = 'SCORM_12',
  SCORM_2004 = 'SCORM_2004',
}
registerEnumType(ScormVersion, { name: 'ScormVersion' });

@ObjectType({ description: 'An imported SCORM package.' })
@Entity({ tableName: 'courses' })
@Index({ properties: ['organization', 'createdAt'] })
export class Course {
  [OptionalProps]?: 'createdAt' | 'schemaVersion' | 'sequencing' | 'version';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field()
  @Property({ length: 500 })
  title!: string;

  @Field(() => ScormVersion)
  @Enum({ items: () => ScormVersion })
  scormVersion!: ScormVersion;

  /** `metadata/schemaversion` as the manifest wrote it, e.g. "2004 4th Edition". */
  @Field(() => String, { nullable: true })
  @Property({ length: 100, nullable: true })
  schemaVersion: string | null = null;

  @Field(() => Int, { description: 'Launchable items whose SCORM type is sco.' })
  @Property()
  scoCount!: number;

  /** Launchable items in manifest order, with the facts the runtime needs (mastery, thresholds…). */
  @Property({ type: 'json' })
  items!: ManifestItem[];

  /**
   * SCORM 2004: the activity tree and its sequencing definition, which the status derivation
   * rolls up; null for SCORM 1.2.
   */
  @Property({ type: 'json', nullable: true })
  sequencing: SequencingDefinition | null = null;

  @Field(() => Int, { description: 'Uncompressed size of the stored content.' })
  @Property({ type: 'bigint', runtimeType: 'number' })
  sizeBytes!: number;

  @Field(() => Int, { description: 'The current version: 1 at import, one more per new version.' })
  @Property({ default: 1 })
  version: number = 1;

  /**
   * Where the current version's files are stored and served (`/content/<contentId>/…`): the
   * course id for version 1, a new id per later version, so launches of an older version keep
   * their files and no cached file of one version is served for another.
   */
  @Property({ type: 'uuid' })
  contentId!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
