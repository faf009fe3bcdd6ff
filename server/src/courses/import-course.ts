import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app-services.js';
import { LockMode } from '@mikro-orm/core';
import { InvalidPackageError, NotFoundError, PayloadTooLargeError } from '../errors.js';
import { Course, ScormVersion } from './course.entity.js';
import { CourseVersion } from './course-version.entity.js';
import { preparePackage } from './prepare-package.js';

/**
 * Imports a SCORM zip: streams it to disk under a byte limit, unpacks and checks it in a
 * temporary folder, then writes the rows and moves the files into place together. A refused or
 * failed import leaves no files and no rows.
 *
 * With `courseId`, the package becomes that course's next version: the course keeps its id, its
 * registrations and their runtime data, and launches from then on get the new files and items.
 * The older versions' files stay, so a learner mid-session finishes on the files they started.
 */
export async function importCourse(
  { em, services }: { em: EntityManager; services: AppServices },
  input: {
    organizationId: string;
    body: Readable;
    declaredLength: number | null;
    courseId?: string | null;
  },
): Promise<Course> {
  const limit = services.config.uploadLimitBytes;
  if (input.declaredLength !== null && input.declaredLength > limit)
    throw new PayloadTooLargeError(limit);
  if (input.courseId) {
    const exists = /^[0-9a-f-]{36}$/i.test(input.courseId)
      ? await em.count(Course, { id: input.courseId, organization: input.organizationId })
      : 0;
    if (!exists) throw new NotFoundError('Course', input.courseId.slice(0, 40));
  }
  const tmpRoot = path.join(services.config.dataDir, 'tmp');
  await mkdir(tmpRoot, { recursive: true });
  const id = randomUUID();
  const zipPath = path.join(tmpRoot, `${id}.zip`);
  const workDir = path.join(tmpRoot, id);
  try {
    await pipeline(input.body, limitBytes(limit), createWriteStream(zipPath));
    const prepared = await preparePackage(zipPath, workDir, {
      maxTotalBytes: services.config.packageInflatedLimitBytes,
    });
    const { manifest } = prepared;
    const scormVersion =
      manifest.version === 'SCORM_2004' ? ScormVersion.SCORM_2004 : ScormVersion.SCORM_12;
    const facts = {
      title: manifest.title,
      scormVersion,
      schemaVersion: manifest.schemaVersion,
      scoCount: manifest.scoCount,
      items: manifest.items,
      sequencing: manifest.sequencing,
      sizeBytes: prepared.totalBytes,
      contentId: id,
    };
    const course = await em.transactional(async (tx) => {
      let course: Course;
      if (input.courseId) {
        // Locked, so two uploads at once get versions n+1 and n+2, never both n+1.
        course = await tx.findOneOrFail(
          Course,
          { id: input.courseId, organization: input.organizationId },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        if (course.scormVersion !== scormVersion) {
          // Stored runtime data is in the old edition's data model; the new one cannot read it.
          throw new InvalidPackageError(
            `This package is ${label(scormVersion)} but the course is ${label(course.scormVersion)}; a new version must keep the SCORM edition (import it as a new course instead)`,
          );
        }
        tx.assign(course, { ...facts, version: course.version + 1 });
      } else {
        course = tx.create(Course, { id, organization: input.organizationId, ...facts });
      }
      tx.create(CourseVersion, {
        course,
        version: course.version,
        title: facts.title,
        scoCount: facts.scoCount,
        sizeBytes: facts.sizeBytes,
        contentId: id,
      });
      await tx.flush();
      // Last step inside the transaction: if the move fails the rows roll back with it.
      await services.storage.put(id, prepared.dir);
      return course;
    });
    if (input.courseId) {
      services.courseFacts.forgetCourse(course.id);
      services.events.publish('COURSE_UPDATED', {
        organizationId: input.organizationId,
        courseId: course.id,
      });
    }
    return course;
  } catch (err) {
    await services.storage.remove(id).catch(() => {});
    throw err;
  } finally {
    await rm(zipPath, { force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}

function label(version: ScormVersion): string {
  return version === ScormVersion.SCORM_2004 ? 'SCORM 2004' : 'SCORM 1.2';
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
