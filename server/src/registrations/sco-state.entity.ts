import { randomUUID } from 'node:crypto';
import {
  Entity,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Rel,
  OptionalProps,
} from '@mikro-orm/core';
import { CmiType } from './cmi-column-types.js';
import { Registration } from './registration.entity.js';

/** Per-session time facts, keyed by the player's session id, so a re-sent session_time counts once. */
export interface SessionTime {
  /** The latest session_time the content reported for this session, in seconds. */
  reported: number;
  firstAt: string;
  lastAt: string;
  /** First-to-last span with idle gaps capped. */
  observed: number;
  /**
   * The session carried on a suspended attempt (the SCO's stored exit was suspend when it
   * began) rather than beginning a new one; absent on sessions stored before it was kept.
   */
  resumed?: boolean;
}

/** The raw runtime facts of one SCO in one registration: every value the content has set. */
@Entity({ tableName: 'sco_states' })
@Unique({ properties: ['registration', 'scoId'] })
export class ScoState {
  [OptionalProps]?: 'cmi' | 'facts' | 'sessions' | 'finished' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Registration, { deleteRule: 'cascade' })
  registration!: Rel<Registration>;

  @Property({ length: 255 })
  scoId!: string;

  /**
   * Flat element → value, merged commit after commit, latest wins, up to the configured cap.
   * Suspend data is never cut. Stored escaped so every value round-trips; read here decoded.
   */
  @Property({ type: CmiType, columnType: 'jsonb' })
  cmi: Record<string, string> = {};

  /** What status derivation reads of `cmi`, kept beside it by every commit (`projectFacts`). */
  @Property({ type: 'jsonb', default: '{}' })
  facts: Record<string, string> = {};

  @Property({ type: 'jsonb' })
  sessions: Record<string, SessionTime> = {};

  /** The content called LMSFinish/Terminate in its latest session. */
  @Property({ default: false })
  finished: boolean = false;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
