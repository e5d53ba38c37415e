import { type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { coreValues } from '../../db/schema/values.schema';

// What logging an extra reads of the values module's table: inside the extra's own statement, so that a
// value retired at the same moment cannot slip through between a check and the write.

const v = alias(coreValues, 'v');

/** True when every id in `valueIds` is an active (not retired) core value of the organisation. */
export function allValuesActive(orgId: SQL, valueIds: SQL): SQL {
  return sql`(select count(*) from ${coreValues} ${v} where ${v.orgId} = ${orgId} and ${v.id} = any(${valueIds}) and ${v.retiredAt} is null) = cardinality(${valueIds})`;
}
