import { Migration } from '@mikro-orm/migrations';

/**
 * The LRS: Basic credentials per organization, statements (JSONB plus the columns every GET
 * query parameter filters on), attachments by hash, documents (state, activity and agent
 * profiles) and the activity definitions statements carried.
 */
export class Migration20261220XapiLrs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "xapi_credentials" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "key" varchar(64) not null, "secret_hash" varchar(64) not null, "scope" text check ("scope" in (\'READ\', \'WRITE\', \'READ_WRITE\')) not null, "created_at" timestamptz not null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, constraint "xapi_credentials_pkey" primary key ("id"))',
    );
    this.addSql(
      'alter table "xapi_credentials" add constraint "xapi_credentials_key_unique" unique ("key")',
    );
    this.addSql(
      'create index "xapi_credentials_organization_id_index" on "xapi_credentials" ("organization_id")',
    );
    this.addSql(
      'alter table "xapi_credentials" add constraint "xapi_credentials_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
    this.addSql(
      'create table "xapi_statements" ("organization_id" uuid not null references "organizations" ("id") on delete cascade, "id" uuid not null, "statement" jsonb not null, "stored" timestamptz not null, "verb_id" text not null, "voided" boolean not null default false, "voids" uuid null, "refers_to" uuid null, "registration" uuid null, "actor_keys" text[] not null, "related_agent_keys" text[] not null, "activity_id" text null, "related_activity_ids" text[] not null, constraint "xapi_statements_pkey" primary key ("organization_id", "id"))',
    );
    this.addSql(
      'create index "xapi_statements_stored_index" on "xapi_statements" ("organization_id", "stored", "id")',
    );
    this.addSql(
      'create index "xapi_statements_verb_index" on "xapi_statements" ("organization_id", "verb_id", "stored")',
    );
    this.addSql(
      'create index "xapi_statements_registration_index" on "xapi_statements" ("organization_id", "registration") where "registration" is not null',
    );
    this.addSql(
      'create index "xapi_statements_refers_to_index" on "xapi_statements" ("organization_id", "refers_to") where "refers_to" is not null',
    );
    this.addSql(
      'create index "xapi_statements_activity_index" on "xapi_statements" ("organization_id", "activity_id")',
    );
    this.addSql(
      'create index "xapi_statements_actor_keys_index" on "xapi_statements" using gin ("actor_keys")',
    );
    this.addSql(
      'create index "xapi_statements_related_agent_keys_index" on "xapi_statements" using gin ("related_agent_keys")',
    );
    this.addSql(
      'create index "xapi_statements_related_activity_ids_index" on "xapi_statements" using gin ("related_activity_ids")',
    );
    this.addSql(
      'create table "xapi_attachments" ("organization_id" uuid not null references "organizations" ("id") on delete cascade, "sha2" varchar(128) not null, "content_type" varchar(255) not null, "content" bytea not null, constraint "xapi_attachments_pkey" primary key ("organization_id", "sha2"))',
    );
    this.addSql(
      'create table "xapi_documents" ("organization_id" uuid not null references "organizations" ("id") on delete cascade, "kind" text check ("kind" in (\'state\', \'activity_profile\', \'agent_profile\')) not null, "activity_id" text not null default \'\', "agent_key" text not null default \'\', "registration" text not null default \'\', "document_id" text not null, "content_type" varchar(255) not null, "content" bytea not null, "etag" varchar(64) not null, "updated" timestamptz not null, constraint "xapi_documents_pkey" primary key ("organization_id", "kind", "activity_id", "agent_key", "registration", "document_id"))',
    );
    this.addSql(
      'create table "xapi_activities" ("organization_id" uuid not null references "organizations" ("id") on delete cascade, "id" text not null, "definition" jsonb not null, constraint "xapi_activities_pkey" primary key ("organization_id", "id"))',
    );
  }
}
