import { Migration } from '@mikro-orm/migrations';
import { FACT_ELEMENTS, PRESENCE_ELEMENTS } from '../../scorm/runtime-data.js';

/**
 * Runtime data that round-trips and costs the same per commit however much is stored:
 * - values are stored escaped (see `encodeCmiText`); rows written before held no U+0000 and no
 *   lone surrogate (jsonb refused them) but may hold the escape mark U+E000, which is escaped now;
 * - `facts`, the small projection status derivation reads, is filled from what is stored (with
 *   the element lists as this migration landed: a later change to them needs its own refill);
 * - `courier_merge_runtime_data` merges a commit's values into the stored ones in the database
 *   and refuses (SQLSTATE CU413) a result past the cap, so no commit ships or parses the whole.
 */
export class Migration20261210RuntimeData extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sco_states" add column "facts" jsonb not null default '{}'`);
    this.addSql(
      `update sco_states set cmi = (
         select jsonb_object_agg(replace(key, chr(57344), chr(57344) || 'E000'),
                                 replace(value, chr(57344), chr(57344) || 'E000'))
           from jsonb_each_text(cmi))
        where strpos(cmi::text, chr(57344)) > 0`,
    );
    this.addSql(
      `update sco_states set facts = coalesce((
         select jsonb_object_agg(key, case when key ~ '${PRESENCE_ELEMENTS}'
                                           then to_jsonb(case when value = '' then '' else '1' end)
                                           else to_jsonb(value) end)
           from jsonb_each_text(cmi) where key ~ '${FACT_ELEMENTS}'), '{}'::jsonb)`,
    );
    this.addSql(
      `create or replace function courier_merge_runtime_data(stored jsonb, added jsonb, limit_bytes integer)
       returns jsonb language plpgsql immutable as $$
       declare
         merged jsonb := coalesce(stored, '{}'::jsonb) || added;
       begin
         if pg_column_size(merged) > limit_bytes then
           raise exception 'runtime data of % bytes passes the limit of % bytes', pg_column_size(merged), limit_bytes
             using errcode = 'CU413';
         end if;
         return merged;
       end $$`,
    );
  }
}
