import { Migration } from '@mikro-orm/migrations';

/**
 * Principals that can be taken back: a user's session epoch (sessions carry it; bumping it
 * signs every session out), a user's disabled flag, and API key scopes. Existing keys get the
 * integrator scopes, so a leaked old key can no longer mint keys or invite users.
 */
export class Migration20261210RevocablePrincipals extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "users" add column "session_epoch" int not null default 0');
    this.addSql('alter table "users" add column "disabled_at" timestamptz null');
    this.addSql(
      `alter table "api_keys" add column "scopes" text[] not null default '{READ,WRITE}'`,
    );
    this.addSql('alter table "api_keys" alter column "scopes" drop default');
  }
}
