import { type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { coreValues } from '../../db/schema/values.schema';

// What logging an extra reads of the values module's table: in the statement that reads the organisation's
// rules with its config_version (extras.repo selectOrgRules), so that a value retired since is noticed by
// the free extra's own statement (the version moved on) rather than slipping through.

const v = alias(coreValues, 'v');

/** The ids of the organisation's active (not retired) core values, as an array. */
export function activeValueIds(orgId: SQL): SQL {
  return sql`array(select ${v.id} from ${coreValues} ${v} where ${v.orgId} = ${orgId} and ${v.retiredAt} is null)`;
}
