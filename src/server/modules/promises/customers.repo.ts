import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bareColumn, type Db, type Tx } from '../../db/client';
import { organizations } from '../../db/schema/org.schema';
import { customers, promises } from '../../db/schema/promises.schema';

// The promises module's SQL for its customers: recording and finding them, and forgetting their names
// (customer-retention.service.ts). Tables and columns are named through the schema objects, as in
// promises.repo.ts.

/** The aliases the raw SQL uses: a customer `c` and its organisation `o`. */
const c = alias(customers, 'c');
const o = alias(organizations, 'o');

/** `%text%` as a like pattern: its \, % and _ stand for themselves. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function insertCustomer(
  tx: Tx,
  orgId: string,
  values: { name: string; contactPerson: string | null; segment: string | null; createdBy: string },
) {
  const [row] = await tx
    .insert(customers)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function selectCustomer(tx: Tx, orgId: string, customerId: string) {
  const [row] = await tx
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, customerId)));
  return row;
}

/** Customers whose name holds `q`, most recently added first. */
export async function searchCustomers(tx: Tx, orgId: string, q: string | undefined, limit: number) {
  const { rows } = await tx.execute<{
    id: string;
    name: string;
    contact_person: string | null;
    segment: string | null;
  }>(sql`
    select ${c.id}, ${c.name}, ${c.contactPerson}, ${c.segment} from ${customers} ${c}
     where ${c.orgId} = ${orgId} and ${c.pseudonymisedAt} is null ${q ? sql`and ${c.name} ilike ${containing(q)}` : sql``}
     order by ${c.createdAt} desc limit ${limit}`);
  return rows;
}

// ---------- forgetting customers ----------

/**
 * Pseudonymises the customers `c` matching `where` (their organisation is `o`) that are not yet: the
 * name becomes the code `codeName`, the contact person goes. Answers each one's id, organisation and old name.
 */
async function pseudonymise(db: Tx | Db, where: SQL, at: Date) {
  const before = alias(customers, 'before');
  /** "Klant 7F3A2C" / "Customer 7F3A2C": the organisation's language, six characters of the record's id. */
  const codeName = sql`(case ${o.defaultLanguage} when 'en' then 'Customer ' else 'Klant ' end) || upper(substr(replace(${c.id}::text, '-', ''), 1, 6))`;
  const { rows } = await db.execute<{ id: string; org_id: string; old_name: string }>(sql`
    update ${customers} ${c}
       set ${bareColumn(c.name)} = ${codeName}, ${bareColumn(c.contactPerson)} = null, ${bareColumn(c.pseudonymisedAt)} = ${at.toISOString()}
      from ${organizations} ${o}, ${customers} ${before}
     where ${o.id} = ${c.orgId} and ${before.orgId} = ${c.orgId} and ${before.id} = ${c.id} and ${c.pseudonymisedAt} is null and ${where}
    returning ${c.id}, ${c.orgId}, ${before.name} as old_name`);
  return rows;
}

/** The customer, locked for the rest of the transaction; undefined when there is none. */
export async function lockCustomer(tx: Tx, orgId: string, customerId: string) {
  const { rows } = await tx.execute<{ pseudonymised_at: Date | null }>(
    sql`select ${customers.pseudonymisedAt} from ${customers} where ${customers.orgId} = ${orgId} and ${customers.id} = ${customerId} for update`,
  );
  return rows[0];
}

/** Pseudonymises one customer; answers their id, organisation and old name (none when they were already). */
export async function pseudonymiseOne(tx: Tx, orgId: string, customerId: string, at: Date) {
  const [forgotten] = await pseudonymise(tx, sql`${c.orgId} = ${orgId} and ${c.id} = ${customerId}`, at);
  return forgotten;
}

/** The ids of a customer's promises. */
export async function selectPromiseIdsOf(tx: Tx, orgId: string, customerId: string) {
  const { rows } = await tx.execute<{ id: string }>(
    sql`select ${promises.id} from ${promises} where ${promises.orgId} = ${orgId} and ${promises.customerId} = ${customerId}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Pseudonymises, over every organisation, the customers created before the organisation's retention
 * (organizations.customer_keep_days) without an open promise and without a promise due, delivered or
 * changed within it. Answers how many.
 */
export async function pseudonymiseIdle(db: Db, now: Date) {
  const p = alias(promises, 'p');
  const cutoff = sql`${now.toISOString()}::timestamptz - make_interval(days => ${o.customerKeepDays})`;
  const forgotten = await pseudonymise(
    db,
    sql`${c.createdAt} < ${cutoff}
        and not exists (
          select 1 from ${promises} ${p}
           where ${p.orgId} = ${c.orgId} and ${p.customerId} = ${c.id}
             and (${p.deliveredOn} is null or greatest(${p.deliveredOn}, ${p.dueDate}) >= (${cutoff})::date or ${p.updatedAt} >= ${cutoff}))`,
    now,
  );
  return forgotten.length;
}
