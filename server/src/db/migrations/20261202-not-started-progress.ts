import { Migration } from '@mikro-orm/migrations';

/**
 * A registration not started has progress 0 by its status (design: STATUS, 0 not started), not an
 * unknown one: new rows default to it, existing ones take it, and their counters count it as a
 * known progress (`progress_count`; the sum gains 0).
 */
export class Migration20261202NotStartedProgress extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "registrations" alter column "progress" set default 0');
    this.addSql(
      'alter table "registrations" alter column "progress_source" set default \'STATUS\'',
    );
    this.addSql(
      `update registration_stats s set progress_count = s.progress_count + n.count
         from (select organization_id, course_id,
                      ('x' || lpad(substr(id::text, 1, 8), 16, '0'))::bit(64)::bigint % 8 as shard,
                      count(*) as count
                 from registrations
                where status = 'NOT_STARTED' and progress is null
                group by 1, 2, 3) n
        where s.organization_id = n.organization_id and s.course_id = n.course_id and s.shard = n.shard`,
    );
    this.addSql(
      `update registrations set progress = 0, progress_source = 'STATUS'
        where status = 'NOT_STARTED' and progress is null`,
    );
  }
}
