import { Migration } from '@mikro-orm/migrations';

/** Commits the player set aside because the server refused their content (issue 14). */
export class Migration20261210RuntimeProblems extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "runtime_problems" ("id" uuid not null, "registration_id" uuid not null, "attempt_id" uuid not null, "seq" int not null, "sco_id" varchar(255) not null, "element" varchar(255) not null default \'\', "code" varchar(64) not null, "message" text not null, "occurred_at" timestamptz not null, "created_at" timestamptz not null, constraint "runtime_problems_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "runtime_problems_registration_id_index" on "runtime_problems" ("registration_id")',
    );
    this.addSql(
      'alter table "runtime_problems" add constraint "runtime_problems_attempt_id_seq_element_unique" unique ("attempt_id", "seq", "element")',
    );
    this.addSql(
      'alter table "runtime_problems" add constraint "runtime_problems_registration_id_foreign" foreign key ("registration_id") references "registrations" ("id") on update cascade on delete cascade',
    );
  }
}
