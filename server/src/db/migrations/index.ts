import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124Initial } from './20261124-initial.js';
import { Migration20261202NotStartedProgress } from './20261202-not-started-progress.js';
import { Migration20261210RuntimeProblems } from './20261210-runtime-problems.js';
import { Migration20261210CourseSequencing } from './20261210-course-sequencing.js';
import { Migration20261211GlobalObjectives } from './20261211-global-objectives.js';
import { Migration20261210RevocablePrincipals } from './20261210-revocable-principals.js';
import { Migration20261216CompletionRequestHash } from './20261216-completion-request-hash.js';
import { Migration20261210RuntimeData } from './20261210-runtime-data.js';
import { Migration20261203CourseVersions } from './20261203-course-versions.js';
import { Migration20261217Invitations } from './20261217-invitations.js';
import { Migration20261218SequencingStates } from './20261218-sequencing-states.js';
import { Migration20261220XapiLrs } from './20261220-xapi-lrs.js';
import { Migration20261218Lti } from './20261218-lti.js';

/** Every migration in order. Add new ones at the end; never edit one that has landed. */
export const migrations: MigrationObject[] = [
  { name: '20261124-initial', class: Migration20261124Initial },
  { name: '20261202-not-started-progress', class: Migration20261202NotStartedProgress },
  { name: '20261210-runtime-problems', class: Migration20261210RuntimeProblems },
  { name: '20261210-course-sequencing', class: Migration20261210CourseSequencing },
  { name: '20261211-global-objectives', class: Migration20261211GlobalObjectives },
  { name: '20261210-revocable-principals', class: Migration20261210RevocablePrincipals },
  { name: '20261216-completion-request-hash', class: Migration20261216CompletionRequestHash },
  { name: '20261210-runtime-data', class: Migration20261210RuntimeData },
  { name: '20261203-course-versions', class: Migration20261203CourseVersions },
  { name: '20261217-invitations', class: Migration20261217Invitations },
  { name: '20261218-sequencing-states', class: Migration20261218SequencingStates },
  { name: '20261220-xapi-lrs', class: Migration20261220XapiLrs },
  { name: '20261218-lti', class: Migration20261218Lti },
];
