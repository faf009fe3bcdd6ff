import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tenant: its courses, learners and dispatches are its own.' })
@Entity({ tableName: 'organizations' })
export class Organization {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field()
  @Property({ length: 200 })
  name!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
