import { Migration } from '@mikro-orm/migrations';

/** Invitations replace invite-with-a-password: the invitee sets their own through a one-time link. */
export class Migration20261217Invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "invitations" ("id" uuid not null, "organization_id" uuid not null, "email" varchar(320) not null, "role" text check ("role" in (\'OWNER\', \'ADMIN\', \'VIEWER\')) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, "accepted_at" timestamptz null, "revoked_at" timestamptz null, constraint "invitations_pkey" primary key ("id"))',
    );
    this.addSql(
      'create index "invitations_organization_id_index" on "invitations" ("organization_id")',
    );
    this.addSql(
      'alter table "invitations" add constraint "invitations_token_hash_unique" unique ("token_hash")',
    );
    this.addSql(
      'alter table "invitations" add constraint "invitations_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade',
    );
  }
}
