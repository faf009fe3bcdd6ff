import { Migration } from '@mikro-orm/migrations';

/**
 * Course versions: a course's current version and where its files live (`content_id`, the course
 * id for every course imported so far), and one `course_versions` row per upload, version 1
 * recorded for every existing course.
 */
export class Migration20261203CourseVersions extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "courses" add column "version" int not null default 1');
    this.addSql('alter table "courses" add column "content_id" uuid null');
    this.addSql('update "courses" set "content_id" = "id"');
    this.addSql('alter table "courses" alter column "content_id" set not null');
    this.addSql(
      'create table "course_versions" ("id" uuid not null, "course_id" uuid not null, "version" int not null, "title" varchar(500) not null, "sco_count" int not null, "size_bytes" bigint not null, "content_id" uuid not null, "created_at" timestamptz not null, constraint "course_versions_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "course_versions" add constraint "course_versions_course_id_version_unique" unique ("course_id", "version")',
    );
    this.addSql(
      'alter table "course_versions" add constraint "course_versions_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      `insert into "course_versions" ("id", "course_id", "version", "title", "sco_count", "size_bytes", "content_id", "created_at")
       select gen_random_uuid(), "id", 1, "title", "sco_count", "size_bytes", "id", "created_at" from "courses"`,
    );
  }
}
