import { randomUUID } from 'node:crypto';
import {
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Rel,
  OptionalProps,
} from '@mikro-orm/core';
import { Registration } from './registration.entity.js';

/**
 * One player session (one launch). `lastSeq` is the gate that applies each commit once and in
 * order: a commit is accepted only by the conditional UPDATE that raises it.
 */
@Entity({ tableName: 'attempts' })
export class Attempt {
  [OptionalProps]?: 'lastSeq' | 'dispatchLaunchId' | 'openedAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Registration, { deleteRule: 'cascade' })
  @Index()
  registration!: Rel<Registration>;

  @Property({ default: 0 })
  lastSeq: number = 0;

  @Property({ type: 'uuid', nullable: true })
  dispatchLaunchId: string | null = null;

  /** When the player first opened this attempt: the learner launched the course. */
  @Property({ type: 'timestamptz', nullable: true })
  openedAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
