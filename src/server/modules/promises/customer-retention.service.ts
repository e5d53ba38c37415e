import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';

// Customers' names are kept only while they serve (privacy/retention.ts decides when): pseudonymised
// means the name becomes a code such as "Klant 7F3A2C" and the contact person goes; the promises stay,
// so the chain and the figures stay true.

/** "Klant 7F3A2C" / "Customer 7F3A2C": the organisation's language, six characters of the record's id. */
const codeName = sql`(case o.default_language when 'en' then 'Customer ' else 'Klant ' end) || upper(substr(replace(c.id::text, '-', ''), 1, 6))`;

async function pseudonymise(
  tx: Tx | Db,
  where: ReturnType<typeof sql>,
  at: Date,
): Promise<{ id: string; org_id: string; old_name: string }[]> {
  const { rows } = await tx.execute<{ id: string; org_id: string; old_name: string }>(sql`
    update customers c
       set name = ${codeName}, contact_person = null, pseudonymised_at = ${at.toISOString()}
      from organizations o, customers before
     where o.id = c.org_id and before.org_id = c.org_id and before.id = c.id and c.pseudonymised_at is null and ${where}
    returning c.id, c.org_id, before.name as old_name`);
  return rows;
}

/**
 * Locks one customer for forgetting, in the caller's transaction: undefined when there is no such
 * customer, else whether they were pseudonymised already.
 */
export async function lockCustomer(
  tx: Tx,
  orgId: string,
  customerId: string,
): Promise<{ pseudonymised: boolean } | undefined> {
  const { rows } = await tx.execute<{ pseudonymised_at: Date | null }>(
    sql`select pseudonymised_at from customers where org_id = ${orgId} and id = ${customerId} for update`,
  );
  return rows[0] ? { pseudonymised: rows[0].pseudonymised_at !== null } : undefined;
}

/** Pseudonymises one customer now; answers the name they had, and the ids of their promises. */
export async function pseudonymiseCustomer(
  tx: Tx,
  orgId: string,
  customerId: string,
  at: Date,
): Promise<{ oldName: string; promiseIds: string[] }> {
  const [forgotten] = await pseudonymise(tx, sql`c.org_id = ${orgId} and c.id = ${customerId}`, at);
  const { rows } = await tx.execute<{ id: string }>(
    sql`select id from promises where org_id = ${orgId} and customer_id = ${customerId}`,
  );
  return { oldName: forgotten!.old_name, promiseIds: rows.map((r) => r.id) };
}

/**
 * The sweep, over every organisation: pseudonymises customers created before the organisation's
 * retention (organizations.customer_keep_days) without an open promise and without a promise due,
 * delivered or changed within it. Answers how many.
 */
export async function pseudonymiseIdleCustomers(db: Db, now: Date): Promise<number> {
  const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(days => o.customer_keep_days)`;
  const customers = await pseudonymise(
    db,
    sql`c.created_at < ${cutoff}
        and not exists (
          select 1 from promises p
           where p.org_id = c.org_id and p.customer_id = c.id
             and (p.delivered_on is null or greatest(p.delivered_on, p.due_date) >= (${cutoff})::date or p.updated_at >= ${cutoff}))`,
    now,
  );
  return customers.length;
}
