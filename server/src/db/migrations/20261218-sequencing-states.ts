import { Migration } from '@mikro-orm/migrations';

/** The player's sequencing engine state per registration; see SequencingState. */
export class Migration20261218SequencingStates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "sequencing_states" ("registration_id" uuid not null, "attempt_id" uuid not null, "seq" int not null, "state" jsonb not null, "updated_at" timestamptz not null, constraint "sequencing_states_pkey" primary key ("registration_id"))',
    );
    this.addSql(
      'alter table "sequencing_states" add constraint "sequencing_states_registration_id_foreign" foreign key ("registration_id") references "registrations" ("id") on update cascade on delete cascade',
    );
  }
}
