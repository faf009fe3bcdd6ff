import type { EntityManager } from '@mikro-orm/postgresql';
import type { ManifestItem, ScormVersion } from '../scorm/manifest.js';
import type { SequencingDefinition } from '../scorm/sequencing/definition.js';

/** What a commit needs to know of a registration's course; courses never change after import. */
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
 * Remembers, per registration, its course's runtime facts. A registration never changes course
 * and a course never changes after import, so the hot commit path reads them from memory; a
 * deleted course only leaves entries that lead nowhere (its registrations are gone too).
 */
export class CourseFactsCache {
  private readonly entries = new Map<string, CourseFacts>();

  constructor(private readonly maxEntries = 50_000) {}

  async get(
    /** Called only on a miss. */
    getEm: () => EntityManager,
    registrationId: string,
    organizationId: string,
  ): Promise<CourseFacts | null> {
    const cached = this.entries.get(registrationId);
    if (cached) return cached.organizationId === organizationId ? cached : null;
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
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(registrationId, facts);
    return facts;
  }
}
