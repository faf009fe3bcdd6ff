import { Migration } from '@mikro-orm/migrations';

/**
 * SCORM 2004 courses keep their activity tree and sequencing definition, which the status
 * derivation rolls up. Courses imported before stay null until `backfillSequencing` re-reads
 * their stored manifest (the manifest lives with the content files, not in the database, so
 * SQL alone cannot); until then their status follows the item-by-item rule.
 */
export class Migration20261210CourseSequencing extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "courses" add column "sequencing" jsonb null');
  }
}
