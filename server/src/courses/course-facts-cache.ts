import type { EntityManager } from '@mikro-orm/postgresql';
import type { ManifestItem, ScormVersion } from '../scorm/manifest.js';
import type { SequencingDefinition } from '../scorm/sequencing/definition.js';

/** What a commit needs to know of a registration's course (its current version). */
export interface CourseFacts {
  registrationId: string;
  organizationId: string;
  courseId: string;
  scope: string;
  version: ScormVersion;
  items: ManifestItem[];
  sequencing: SequencingDefinition | null;
}

/**
 * Remembers, per registration, its course's runtime facts. A registration never changes course,
 * and a course changes only when a new version is uploaded, which every instance hears of
 * (`COURSE_UPDATED`) and answers with `forgetCourse`; so the hot commit path reads them from
 * memory. A deleted course only leaves entries that lead nowhere (its registrations are gone too).
 * Entries also expire after `ttlMs`, so an instance that missed the event (its bus was
 * reconnecting) still takes up a new version within that time.
 */
export class CourseFactsCache {
  private readonly entries = new Map<string, CourseFacts & { readAt: number }>();
  /** Moves on every forget: a read that began before one must not store what it read. */
  private generation = 0;

  constructor(
    private readonly maxEntries = 50_000,
    private readonly ttlMs = 60_000,
  ) {}

  /** Drops every entry of one course, so the next commit reads its new version's items. */
  forgetCourse(courseId: string): void {
    this.generation++;
    for (const [registrationId, facts] of this.entries) {
      if (facts.courseId === courseId) this.entries.delete(registrationId);
    }
  }

  async get(
    /** Called only on a miss. */
    getEm: () => EntityManager,
    registrationId: string,
    organizationId: string,
  ): Promise<CourseFacts | null> {
    const cached = this.entries.get(registrationId);
    if (cached && Date.now() - cached.readAt < this.ttlMs)
      return cached.organizationId === organizationId ? cached : null;
    const generation = this.generation;
    const rows: Array<{
      course_id: string;
      scope: string;
      scorm_version: ScormVersion;
      items: ManifestItem[];
      sequencing: SequencingDefinition | null;
    }> = await getEm().execute(
      `SELECT r.course_id, r.scope, c.scorm_version, c.items, c.sequencing
         FROM registrations r JOIN courses c ON c.id = r.course_id
        WHERE r.id = ? AND r.organization_id = ?`,
      [registrationId, organizationId],
    );
    const row = rows[0];
    if (!row) return null;
    const facts: CourseFacts = {
      registrationId,
      organizationId,
      courseId: row.course_id,
      scope: row.scope,
      version: row.scorm_version,
      items: row.items,
      sequencing: row.sequencing,
    };
    // A new version uploaded while this read was in flight: answer, but keep nothing stale.
    if (generation !== this.generation) return facts;
    this.entries.delete(registrationId);
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(registrationId, { ...facts, readAt: Date.now() });
    return facts;
  }
}
