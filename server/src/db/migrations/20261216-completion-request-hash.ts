import { Migration } from '@mikro-orm/migrations';

/**
 * A completion receipt remembers a hash of the report it applied, so the same idempotency key
 * with a different report is refused (CONFLICT) instead of being dropped silently. Receipts
 * written before have none and keep answering as replays.
 */
export class Migration20261216CompletionRequestHash extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "dispatch_completion_receipts" add column "request_hash" varchar(64) null',
    );
  }
}
