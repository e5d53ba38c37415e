import { type AnyColumn, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { offerings } from '../../db/schema/values.schema';

// Read model over the values module's offerings, for the promise lists: the name of the offering a
// promise concerns, inside the lists' one keyset-paged query. Read only; the values module owns the table.

const o = alias(offerings, 'o');

/**
 * Joins the offering `offeringId` of organisation `orgId` (columns of the promise it hangs on), and
 * names its columns `offering_id` and `offering_name` (null for a promise outside the offer profile).
 */
export const offeringOf = (orgId: AnyColumn, offeringId: AnyColumn) => ({
  join: sql`left join ${offerings} ${o} on ${o.orgId} = ${orgId} and ${o.id} = ${offeringId}`,
  columns: sql`${o.id} as offering_id, ${o.name} as offering_name`,
});
