import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { recordAudit } from '../org/org.service';

// Customers' names are kept only while they serve: a customer can be forgotten by hand (they asked),
// and the hourly sweep pseudonymises customers and drops extras' customer references once the
// organisation's retention (organizations.customer_keep_days) has passed since their last use.
// Pseudonymised means: the name becomes a code such as "Klant 7F3A2C", the contact person goes;
// the promises stay, so the chain and the figures stay true.

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
 * Forgets one customer now: their name and contact person in every promise, the same name as an
 * extra's customer reference, the contact details left with reactions to their promises, and the
 * addresses their promises' reactions were asked at by e-mail.
 */
export async function forgetCustomer(db: Db, tenant: TenantContext, customerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ pseudonymised_at: Date | null }>(
      sql`select pseudonymised_at from customers where org_id = ${tenant.orgId} and id = ${customerId} for update`,
    );
    if (!rows[0]) throw notFound();
    if (rows[0].pseudonymised_at) return;
    const [forgotten] = await pseudonymise(tx, sql`c.org_id = ${tenant.orgId} and c.id = ${customerId}`, new Date());
    await tx.execute(
      sql`update extras set customer_ref = null where org_id = ${tenant.orgId} and lower(customer_ref) = lower(${forgotten!.old_name})`,
    );
    await tx.execute(sql`
      update customer_reactions set contact_name = null, contact_email = null, contact_phone = null
       where org_id = ${tenant.orgId} and promise_id in (select id from promises where org_id = ${tenant.orgId} and customer_id = ${customerId})`);
    // The address a reaction was asked at by e-mail (voice/reaction-requests.service.ts); the request stays.
    await tx.execute(sql`
      update reaction_requests set email = null
       where org_id = ${tenant.orgId} and promise_id in (select id from promises where org_id = ${tenant.orgId} and customer_id = ${customerId})`);
    // The audit says that it happened, never the name.
    await recordAudit(tx, tenant, 'customer.forgotten', 'customer', customerId);
  });
}

/**
 * The sweep, over every organisation: pseudonymises customers without an open promise and without a
 * promise due, delivered or changed within the retention, and drops extras' customer references older
 * than it. Returns how many of each.
 */
export async function pseudonymiseOldCustomers(
  db: Db,
  now = new Date(),
): Promise<{ customers: number; extraRefs: number }> {
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
  const refs = await db.execute(sql`
    update extras e set customer_ref = null
      from organizations o
     where o.id = e.org_id and e.customer_ref is not null and e.occurred_at < ${cutoff}`);
  return { customers: customers.length, extraRefs: refs.rowCount ?? 0 };
}
