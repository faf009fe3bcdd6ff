import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124Initial } from './20261124-initial.js';
import { Migration20261202NotStartedProgress } from './20261202-not-started-progress.js';
import { Migration20261203CourseVersions } from './20261203-course-versions.js';

/** Every migration in order. Add new ones at the end; never edit one that has landed. */
export const migrations: MigrationObject[] = [
  { name: '20261124-initial', class: Migration20261124Initial },
  { name: '20261202-not-started-progress', class: Migration20261202NotStartedProgress },
  { name: '20261203-course-versions', class: Migration20261203CourseVersions },
];
