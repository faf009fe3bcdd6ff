import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { PayloadTooLargeError } from '../errors.js';
import { Course, ScormVersion } from './course.entity.js';
import { preparePackage } from './prepare-package.js';

/**
 * Imports a SCORM zip: streams it to disk under a byte limit, unpacks and checks it in a
 * temporary folder, then writes the row and moves the files into place together. A refused or
 * failed import leaves no files and no rows.
 */
export async function importCourse(
  { em, services }: { em: EntityManager; services: AppServices },
  input: { organizationId: string; body: Readable; declaredLength: number | null },
): Promise<Course> {
  const limit = services.config.uploadLimitBytes;
  if (input.declaredLength !== null && input.declaredLength > limit)
    throw new PayloadTooLargeError(limit);
  const tmpRoot = path.join(services.config.dataDir, 'tmp');
  await mkdir(tmpRoot, { recursive: true });
  const id = randomUUID();
  const zipPath = path.join(tmpRoot, `${id}.zip`);
  const workDir = path.join(tmpRoot, id);
  try {
    await pipeline(input.body, limitBytes(limit), createWriteStream(zipPath));
    const prepared = await preparePackage(zipPath, workDir);
    const { manifest } = prepared;
    return await em.transactional(async (tx) => {
      const course = tx.create(Course, {
        id,
        organization: input.organizationId,
        title: manifest.title,
        scormVersion:
          manifest.version === 'SCORM_2004' ? ScormVersion.SCORM_2004 : ScormVersion.SCORM_12,
        schemaVersion: manifest.schemaVersion,
        scoCount: manifest.scoCount,
        items: manifest.items,
        sequencing: manifest.sequencing,
        sizeBytes: prepared.totalBytes,
      });
      await tx.flush();
      // Last step inside the transaction: if the move fails the row rolls back with it.
      await services.storage.put(id, prepared.dir);
      return course;
    });
  } catch (err) {
    await services.storage.remove(id).catch(() => {});
    throw err;
  } finally {
    await rm(zipPath, { force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A pipeline step that fails once more than `limit` bytes went through it. */
function limitBytes(limit: number) {
  return async function* (source: AsyncIterable<Buffer>) {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > limit) throw new PayloadTooLargeError(limit);
      yield chunk;
    }
  };
}
