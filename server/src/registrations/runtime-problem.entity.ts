import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Registration } from './registration.entity.js';

/**
 * A commit the server refused for its content, as the player reported it after setting the
 * commit aside: what the learner did there is not stored, so the admin must be able to see it.
 */
@Entity({ tableName: 'runtime_problems' })
@Unique({ properties: ['attemptId', 'seq', 'element'] })
@ObjectType({
  description: 'A runtime commit refused for its content and set aside by the player.',
})
export class RuntimeProblem {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @ManyToOne(() => Registration, { deleteRule: 'cascade' })
  @Index()
  registration!: Rel<Registration>;

  @Property({ type: 'uuid' })
  attemptId!: string;

  @Property()
  @Field(() => Int, { description: 'The seq of the refused commit within its attempt.' })
  seq!: number;

  @Property({ length: 255 })
  @Field({ description: 'The manifest item identifier of the SCO that set the data.' })
  scoId!: string;

  @Property({ length: 255, default: '' })
  @Field({ description: 'The element the server named, or empty when it named none.' })
  element: string = '';

  @Property({ length: 64 })
  @Field({ description: 'The error code the server answered with, e.g. BAD_USER_INPUT.' })
  code!: string;

  @Property({ type: 'text' })
  @Field({ description: 'The server’s message, as the learner’s player received it.' })
  message!: string;

  @Property({ type: 'timestamptz' })
  @Field(() => Date, { description: 'When the player was refused.' })
  occurredAt!: Date;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
