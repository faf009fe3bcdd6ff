import { Migration } from '@mikro-orm/migrations';

/**
 * SCORM 2004 global objectives per learner, shared across their registrations where the course
 * keeps `objectivesGlobalToSystem`; see GlobalObjective.
 */
export class Migration20261211GlobalObjectives extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "global_objectives" ("organization_id" uuid not null, "scope" varchar(64) not null, "learner_id" varchar(255) not null, "objective_id" text not null, "satisfied" boolean null, "measure" double precision null, "registration_id" uuid not null, "updated_at" timestamptz not null, constraint "global_objectives_pkey" primary key ("organization_id", "scope", "learner_id", "objective_id"))',
    );
    this.addSql(
      'alter table "global_objectives" add constraint "global_objectives_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
  }
}
