import { Migration } from '@mikro-orm/migrations';

/**
 * LTI 1.3: a platform registered on a dispatch, the tool's own key pairs, one-time login
 * states, each launch's LTI context (the platform's `sub` and line item) and the AGS score
 * outbox.
 */
export class Migration20261218Lti extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "lti_launch_contexts" ("dispatch_launch_id" uuid not null, "platform_id" uuid not null, "sub" varchar(255) not null, "lineitem_url" varchar(1000) null, "updated_at" timestamptz not null, constraint "lti_launch_contexts_pkey" primary key ("dispatch_launch_id"))`,
    );
    this.addSql(
      `create table "lti_login_states" ("state" varchar(64) not null, "nonce" varchar(64) not null, "platform_id" uuid not null, "expires_at" timestamptz not null, constraint "lti_login_states_pkey" primary key ("state"))`,
    );
    this.addSql(
      `create table "lti_platforms" ("id" uuid not null, "organization_id" uuid not null, "dispatch_id" uuid not null, "issuer" varchar(255) not null, "client_id" varchar(255) not null, "deployment_ids" jsonb not null, "authorization_url" varchar(1000) not null, "token_url" varchar(1000) not null, "jwks_url" varchar(1000) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "lti_platforms_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create table "lti_score_deliveries" ("id" uuid not null, "dispatch_launch_id" uuid not null, "payload" jsonb not null, "status" varchar(16) not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "lease_until" timestamptz null, "last_error" varchar(500) null, "last_status_code" int null, "created_at" timestamptz not null, "delivered_at" timestamptz null, constraint "lti_score_deliveries_pkey" primary key ("id"))`,
    );
    this.addSql(
      `create table "lti_tool_keys" ("kid" varchar(64) not null, "private_key_sealed" text not null, "public_jwk" jsonb not null, "created_at" timestamptz not null, constraint "lti_tool_keys_pkey" primary key ("kid"))`,
    );
    this.addSql(
      `alter table "lti_platforms" add constraint "lti_platforms_dispatch_id_unique" unique ("dispatch_id")`,
    );
    this.addSql(
      `alter table "lti_platforms" add constraint "lti_platforms_issuer_client_id_unique" unique ("issuer", "client_id")`,
    );
    this.addSql(
      `create index "lti_launch_contexts_platform_id_index" on "lti_launch_contexts" ("platform_id")`,
    );
    this.addSql(
      `create index "lti_login_states_expires_at_index" on "lti_login_states" ("expires_at")`,
    );
    this.addSql(
      `create index "lti_score_deliveries_launch_index" on "lti_score_deliveries" ("dispatch_launch_id", "created_at")`,
    );
    this.addSql(
      `alter table "lti_launch_contexts" add constraint "lti_launch_contexts_dispatch_launch_id_foreign" foreign key ("dispatch_launch_id") references "dispatch_launches" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "lti_launch_contexts" add constraint "lti_launch_contexts_platform_id_foreign" foreign key ("platform_id") references "lti_platforms" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "lti_login_states" add constraint "lti_login_states_platform_id_foreign" foreign key ("platform_id") references "lti_platforms" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "lti_platforms" add constraint "lti_platforms_dispatch_id_foreign" foreign key ("dispatch_id") references "dispatches" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "lti_platforms" add constraint "lti_platforms_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on update cascade on delete cascade`,
    );
    this.addSql(
      `alter table "lti_score_deliveries" add constraint "lti_score_deliveries_dispatch_launch_id_foreign" foreign key ("dispatch_launch_id") references "lti_launch_contexts" ("dispatch_launch_id") on update cascade on delete cascade`,
    );
  }
}
