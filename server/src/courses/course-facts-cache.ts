import type { EntityManager } from '@mikro-orm/postgresql';
import type { ManifestItem, ScormVersion } from '../scorm/manifest.js';
import type { SequencingDefinition } from '../scorm/sequencing/definition.js';

/** What a commit needs to know of a registration's course (its current version). */
export interface CourseFacts {
  courseId: string;
  organizationId: string;
  version: ScormVersion;
  items: ManifestItem[];
  sequencing: SequencingDefinition | null;
}

/** A launch, as far as finding its course goes. */
export interface CourseOfLaunch {
  registrationId: string;
  organizationId: string;
  /** Carried by launch tokens (a registration never changes course); older tokens lack it. */
  courseId?: string;
}

interface CourseRow {
  course_id: string;
  organization_id: string;
  scorm_version: ScormVersion;
  items: ManifestItem[];
  sequencing: SequencingDefinition | null;
}

/**
 * Remembers each course's runtime facts, one entry per course shared by all its registrations
 * (10,000 learners of one course hold one copy of its items). A launch token names its course,
 * so the hot commit path reads them from memory without looking the registration up. A course
 * changes only when a new version is uploaded, which every instance hears of (`COURSE_UPDATED`)
 * and answers with `forgetCourse`. Entries also expire after `ttlMs`, so an instance that missed
 * the event (its bus was reconnecting) still takes up a new version within that time.
 */
export class CourseFactsCache {
  private readonly entries = new Map<string, CourseFacts & { readAt: number }>();
  /** Moves on every forget: a read that began before one must not store what it read. */
  private generation = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60_000,
  ) {}

  /** Drops a course's entry, so the next commit reads its new version's items. */
  forgetCourse(courseId: string): void {
    this.generation++;
    this.entries.delete(courseId);
  }

  /**
   * The facts of the launch's course, or null when the course (or, for a token that does not
   * name its course, the registration) is gone or belongs to another organization. The
   * registration itself is checked by the commit's row lock.
   */
  async get(
    /** Called only on a miss. */
    getEm: () => EntityManager,
    launch: CourseOfLaunch,
  ): Promise<CourseFacts | null> {
    const cached = launch.courseId ? this.entries.get(launch.courseId) : undefined;
    if (cached && Date.now() - cached.readAt < this.ttlMs)
      return cached.organizationId === launch.organizationId ? cached : null;
    const generation = this.generation;
    const rows: CourseRow[] = launch.courseId
      ? await getEm().execute(
          `SELECT id AS course_id, organization_id, scorm_version, items, sequencing
             FROM courses WHERE id = ? AND organization_id = ?`,
          [launch.courseId, launch.organizationId],
        )
      : await getEm().execute(
          `SELECT c.id AS course_id, c.organization_id, c.scorm_version, c.items, c.sequencing
             FROM registrations r JOIN courses c ON c.id = r.course_id
            WHERE r.id = ? AND r.organization_id = ?`,
          [launch.registrationId, launch.organizationId],
        );
    const row = rows[0];
    if (!row) return null;
    const facts: CourseFacts = {
      courseId: row.course_id,
      organizationId: row.organization_id,
      version: row.scorm_version,
      items: row.items,
      sequencing: row.sequencing,
    };
    // A new version uploaded while this read was in flight: answer, but keep nothing stale.
    if (generation !== this.generation) return facts;
    this.entries.delete(facts.courseId);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    const entry = { ...facts, readAt: Date.now() };
    this.entries.set(facts.courseId, entry);
    return entry;
  }
}
