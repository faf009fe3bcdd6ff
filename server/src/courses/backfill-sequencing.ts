import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import type { EventBus } from '../events/event-bus.js';
import { parseManifest } from '../scorm/manifest.js';
import type { ContentStorage } from '../storage/content-storage.js';
import type { CourseFactsCache } from './course-facts-cache.js';

/** A stored manifest past this is not one (the importer refuses past 8 MiB too). */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

export interface BackfillOutcome {
  /** Courses whose sequencing is now stored. */
  filled: string[];
  /** Courses left as they were, each with why (logged too). */
  failed: Array<{ courseId: string; reason: string }>;
}

/**
 * Re-reads the stored `imsmanifest.xml` of every SCORM 2004 course imported before sequencing
 * was kept, and stores its sequencing definition, so their verdict follows the rollup from the
 * next commit on. The manifest lives with the content files (disk or S3), not in the database,
 * so a migration cannot do this in SQL.
 *
 * Safe with several instances starting together: each course is claimed by a row lock and
 * re-checked under it, so a course is read once and an instance that waited finds it done.
 * A course that cannot be read (files gone, manifest no longer parses) is logged and skipped,
 * and tried again at the next start; nothing here stops the server from starting.
 * A filled course is announced like a new version (`COURSE_UPDATED`), so an instance already
 * serving (a rolling deploy) forgets the course facts it cached without the sequencing.
 */
export async function backfillSequencing({
  orm,
  storage,
  logger,
  events,
  courseFacts,
}: {
  orm: Orm;
  storage: ContentStorage;
  logger: Logger;
  events: EventBus;
  courseFacts: CourseFactsCache;
}): Promise<BackfillOutcome> {
  const outcome: BackfillOutcome = { filled: [], failed: [] };
  const pending: Array<{ id: string; content_id: string; organization_id: string }> = await orm.em
    .fork()
    .execute(
      `SELECT id, content_id, organization_id FROM courses WHERE scorm_version = 'SCORM_2004' AND sequencing IS NULL ORDER BY id`,
    );
  for (const { id, content_id: contentId, organization_id: organizationId } of pending) {
    try {
      const filled = await orm.em.fork().transactional(async (tx) => {
        const claimed = await tx.execute(
          `SELECT id FROM courses WHERE id = ? AND sequencing IS NULL FOR UPDATE`,
          [id],
        );
        if (claimed.length === 0) return false;
        // The current version's files: a course's id names only its first version's folder.
        const file = await storage.open(contentId, 'imsmanifest.xml');
        if (!file) throw new Error('its imsmanifest.xml is not in the content storage');
        if (file.size > MAX_MANIFEST_BYTES) {
          file.stream.destroy();
          throw new Error(`its imsmanifest.xml is larger than ${MAX_MANIFEST_BYTES} bytes`);
        }
        const { sequencing } = parseManifest(await readAll(file.stream));
        if (!sequencing) throw new Error('its manifest no longer reads as SCORM 2004');
        await tx.execute(`UPDATE courses SET sequencing = ?::jsonb WHERE id = ?`, [
          JSON.stringify(sequencing),
          id,
        ]);
        return true;
      });
      if (filled) {
        outcome.filled.push(id);
        courseFacts.forgetCourse(id);
        events.publish('COURSE_UPDATED', { organizationId, courseId: id });
      }
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      outcome.failed.push({ courseId: id, reason });
      logger.warn(
        { err, courseId: id },
        'could not re-read the sequencing of a course imported before it was kept; it keeps the item-by-item rule',
      );
    }
  }
  if (outcome.filled.length > 0)
    logger.info({ courses: outcome.filled.length }, 're-read the sequencing of earlier courses');
  return outcome;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
