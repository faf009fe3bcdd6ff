import { randomUUID } from 'node:crypto';
import {
  Entity,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Rel,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Course } from './course.entity.js';

/** One uploaded package of a course; the newest is the course's current content. */
@ObjectType({ description: 'One uploaded package of a course, newest first in Course.versions.' })
@Entity({ tableName: 'course_versions' })
@Unique({ properties: ['course', 'version'] })
export class CourseVersion {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Course, { deleteRule: 'cascade' })
  course!: Rel<Course>;

  @Field(() => Int)
  @Property()
  version!: number;

  @Field({ description: "The manifest's title in this version." })
  @Property({ length: 500 })
  title!: string;

  @Field(() => Int)
  @Property()
  scoCount!: number;

  @Field(() => Int, { description: 'Uncompressed size of the stored content.' })
  @Property({ type: 'bigint', runtimeType: 'number' })
  sizeBytes!: number;

  /** Where this version's files are stored (see Course.contentId). */
  @Property({ type: 'uuid' })
  contentId!: string;

  @Field(() => Date, { description: 'When this version was uploaded.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
