import { Migration } from '@mikro-orm/migrations';

/** Organizations, users, API keys, courses, registrations, runtime state, stats counters, dispatches, webhooks. */
export class Migration20261124Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "organizations" ("id" uuid not null, "name" varchar(200) not null, "created_at" timestamptz not null, constraint "organizations_pkey" primary key ("id"))',
    );
    this.addSql(
      'create table "courses" ("id" uuid not null, "organization_id" uuid not null, "title" varchar(500) not null, "scorm_version" text check ("scorm_version" in (\'SCORM_12\', \'SCORM_2004\')) not null, "schema_version" varchar(100) null, "sco_count" int not null, "items" jsonb not null, "size_bytes" bigint not null, "created_at" timestamptz not null, constraint "courses_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "courses_organization_id_created_at_index" on "courses" ("organization_id", "created_at")',
    );
    this.addSql(
      'create table "dispatches" ("id" uuid not null, "organization_id" uuid not null, "course_id" uuid not null, "recipient_name" varchar(200) not null, "key" varchar(64) not null, "secret_hash" varchar(64) not null, "max_launches" int null, "expires_at" timestamptz null, "active" boolean not null default true, "launch_count" int not null default 0, "completion_count" int not null default 0, "last_launch_at" timestamptz null, "created_at" timestamptz not null, constraint "dispatches_pkey" primary key ("id"))',
    );
    this.addSql('create index "dispatches_course_id_index" on "dispatches" ("course_id")');
    this.addSql('alter table "dispatches" add constraint "dispatches_key_unique" unique ("key")');
    this.addSql(
      'create index "dispatches_organization_id_created_at_index" on "dispatches" ("organization_id", "created_at")',
    );
    this.addSql(
      'create table "api_keys" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "token_hash" varchar(64) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "api_keys_pkey" primary key ("id"))',
    );
    this.addSql('create index "api_keys_organization_id_index" on "api_keys" ("organization_id")');
    this.addSql(
      'alter table "api_keys" add constraint "api_keys_token_hash_unique" unique ("token_hash")',
    );
    this.addSql(
      'create table "registrations" ("id" uuid not null, "organization_id" uuid not null, "course_id" uuid not null, "scope" varchar(64) not null default \'\', "learner_id" varchar(255) not null, "learner_name" varchar(255) null, "learner_email" varchar(320) null, "status" text check ("status" in (\'NOT_STARTED\', \'IN_PROGRESS\', \'COMPLETED\', \'PASSED\', \'FAILED\')) not null default \'NOT_STARTED\', "progress" double precision null, "progress_source" text check ("progress_source" in (\'REPORTED\', \'SCOS\', \'OBJECTIVES\', \'STATUS\', \'UNKNOWN\')) not null default \'UNKNOWN\', "can_resume" boolean not null default false, "resume_point" text null, "time_spent_seconds" int not null default 0, "observed_seconds" int not null default 0, "score_scaled" double precision null, "score_raw" double precision null, "score_min" double precision null, "score_max" double precision null, "launch_count" int not null default 0, "last_activity_at" timestamptz null, "completed_at" timestamptz null, "created_at" timestamptz not null, constraint "registrations_pkey" primary key ("id"))',
    );
    this.addSql('create index "registrations_course_id_index" on "registrations" ("course_id")');
    this.addSql(
      'create index "registrations_organization_id_status_index" on "registrations" ("organization_id", "status")',
    );
    this.addSql(
      'create index "registrations_organization_id_created_at_id_index" on "registrations" ("organization_id", "created_at", "id")',
    );
    this.addSql(
      'alter table "registrations" add constraint "registrations_course_id_scope_learner_id_unique" unique ("course_id", "scope", "learner_id")',
    );
    this.addSql(
      'create table "dispatch_launches" ("id" uuid not null, "dispatch_id" uuid not null, "registration_id" uuid not null, "learner_id" varchar(255) not null, "learner_email" varchar(320) null, "launched_at" timestamptz not null, "last_launch_at" timestamptz not null, "completed_at" timestamptz null, "ip_address" varchar(64) null, "user_agent" varchar(500) null, constraint "dispatch_launches_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "dispatch_launches_registration_id_index" on "dispatch_launches" ("registration_id")',
    );
    this.addSql(
      'create index "dispatch_launches_dispatch_id_launched_at_index" on "dispatch_launches" ("dispatch_id", "launched_at")',
    );
    this.addSql(
      'alter table "dispatch_launches" add constraint "dispatch_launches_dispatch_id_learner_id_unique" unique ("dispatch_id", "learner_id")',
    );
    this.addSql(
      'create table "dispatch_completion_receipts" ("dispatch_id" uuid not null, "idempotency_key" varchar(200) not null, "launch_id" uuid not null, "created_at" timestamptz not null, constraint "dispatch_completion_receipts_pkey" primary key ("dispatch_id", "idempotency_key"))',
    );
    this.addSql(
      'create table "attempts" ("id" uuid not null, "registration_id" uuid not null, "last_seq" int not null default 0, "dispatch_launch_id" uuid null, "opened_at" timestamptz null, "created_at" timestamptz not null, constraint "attempts_pkey" primary key ("id"))',
    );
    this.addSql('create index "attempts_registration_id_index" on "attempts" ("registration_id")');
    this.addSql(
      'create table "registration_stats" ("organization_id" uuid not null, "course_id" uuid not null, "shard" smallint not null, "total" int not null default 0, "not_started" int not null default 0, "in_progress" int not null default 0, "completed" int not null default 0, "passed" int not null default 0, "failed" int not null default 0, "progress_sum" double precision not null default 0, "progress_count" int not null default 0, constraint "registration_stats_pkey" primary key ("organization_id", "course_id", "shard"))',
    );
    this.addSql(
      'create table "sco_states" ("id" uuid not null, "registration_id" uuid not null, "sco_id" varchar(255) not null, "cmi" jsonb not null, "sessions" jsonb not null, "finished" boolean not null default false, "updated_at" timestamptz not null, constraint "sco_states_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "sco_states" add constraint "sco_states_registration_id_sco_id_unique" unique ("registration_id", "sco_id")',
    );
    this.addSql(
      'create table "users" ("id" uuid not null, "organization_id" uuid not null, "email" varchar(320) not null, "password_hash" varchar(200) not null, "role" text check ("role" in (\'OWNER\', \'ADMIN\', \'VIEWER\')) not null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"))',
    );
    this.addSql('create index "users_organization_id_index" on "users" ("organization_id")');
    this.addSql('alter table "users" add constraint "users_email_unique" unique ("email")');
    this.addSql(
      'create table "webhook_endpoints" ("id" uuid not null, "organization_id" uuid not null, "url" varchar(2000) not null, "events" text[] not null, "secret_encrypted" text not null, "active" boolean not null default true, "created_at" timestamptz not null, constraint "webhook_endpoints_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "webhook_endpoints_organization_id_index" on "webhook_endpoints" ("organization_id")',
    );
    this.addSql(
      'create table "webhook_deliveries" ("id" uuid not null, "seq" bigserial, "endpoint_id" uuid not null, "organization_id" uuid not null, "event_type" varchar(64) not null, "ordering_key" varchar(64) not null, "payload" jsonb not null, "status" text check ("status" in (\'PENDING\', \'DELIVERED\', \'FAILED\')) not null default \'PENDING\', "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "last_error" text null, "last_status_code" smallint null, "latency_ms" int null, "delivered_at" timestamptz null, "created_at" timestamptz not null, constraint "webhook_deliveries_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "webhook_deliveries" add constraint "webhook_deliveries_seq_unique" unique ("seq")',
    );
    this.addSql(
      'create index "webhook_deliveries_endpoint_id_created_at_index" on "webhook_deliveries" ("endpoint_id", "created_at")',
    );
    this.addSql(
      'create index "webhook_deliveries_endpoint_id_ordering_key_seq_index" on "webhook_deliveries" ("endpoint_id", "ordering_key", "seq")',
    );
    this.addSql(
      'create index "webhook_deliveries_status_next_attempt_at_index" on "webhook_deliveries" ("status", "next_attempt_at")',
    );
    this.addSql(
      'alter table "courses" add constraint "courses_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "dispatches" add constraint "dispatches_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "dispatches" add constraint "dispatches_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete restrict',
    );
    this.addSql(
      'alter table "api_keys" add constraint "api_keys_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "registrations" add constraint "registrations_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "registrations" add constraint "registrations_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "dispatch_launches" add constraint "dispatch_launches_dispatch_id_foreign" foreign key ("dispatch_id") references "dispatches" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "dispatch_launches" add constraint "dispatch_launches_registration_id_foreign" foreign key ("registration_id") references "registrations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "dispatch_completion_receipts" add constraint "dispatch_completion_receipts_dispatch_id_foreign" foreign key ("dispatch_id") references "dispatches" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "dispatch_completion_receipts" add constraint "dispatch_completion_receipts_launch_id_foreign" foreign key ("launch_id") references "dispatch_launches" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "attempts" add constraint "attempts_registration_id_foreign" foreign key ("registration_id") references "registrations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "registration_stats" add constraint "registration_stats_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "registration_stats" add constraint "registration_stats_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "sco_states" add constraint "sco_states_registration_id_foreign" foreign key ("registration_id") references "registrations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "users" add constraint "users_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "webhook_endpoints" add constraint "webhook_endpoints_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'alter table "webhook_deliveries" add constraint "webhook_deliveries_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoints" ("id") on update cascade on delete cascade',
    );
  }
}
