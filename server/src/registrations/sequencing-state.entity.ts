import { Entity, OneToOne, Property, type Rel } from '@mikro-orm/core';
import { Registration } from './registration.entity.js';

/**
 * The player's SCORM 2004 sequencing engine state of one registration (scorm-again's serialized
 * state: attempt counts, activity and objective status, the suspended activity, global
 * objectives as the engine sees them), saved as sessions go and loaded by the next launch on any
 * device, so a relaunch resumes at the suspended activity and attempt limits hold across
 * sessions. The verdict never reads it: that is the server's rollup of the stored CMI.
 */
@Entity({ tableName: 'sequencing_states' })
export class SequencingState {
  @OneToOne(() => Registration, { primary: true, owner: true, deleteRule: 'cascade' })
  registration!: Rel<Registration>;

  /** The launch that wrote it: the latest launch owns the state. */
  @Property({ type: 'uuid' })
  attemptId!: string;

  /** The writer's save counter, so a retried older save never replaces a newer one. */
  @Property({ type: 'integer' })
  seq!: number;

  @Property({ type: 'json' })
  state!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
