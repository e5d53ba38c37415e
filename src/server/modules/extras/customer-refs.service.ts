import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';

// An extra's customer reference (a name typed with it) is kept only while it serves: privacy's
// retention (privacy/retention.ts) drops it when the customer is forgotten, or once it is old.

/** Drops the customer reference of every extra that names this customer (case aside). */
export async function dropCustomerRef(tx: Tx, orgId: string, name: string): Promise<void> {
  await tx.execute(
    sql`update extras set customer_ref = null where org_id = ${orgId} and lower(customer_ref) = lower(${name})`,
  );
}

/**
 * The sweep, over every organisation: drops the customer references of extras that happened before the
 * organisation's retention (organizations.customer_keep_days). Answers how many.
 */
export async function dropOldCustomerRefs(db: Db, now: Date): Promise<number> {
  const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(days => o.customer_keep_days)`;
  const refs = await db.execute(sql`
    update extras e set customer_ref = null
      from organizations o
     where o.id = e.org_id and e.customer_ref is not null and e.occurred_at < ${cutoff}`);
  return refs.rowCount ?? 0;
}
