import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { runPrepared, type Tx } from '../../db/client';
import { coreValues, offerings, purposes } from '../../db/schema/values.schema';

// The values module's SQL (purpose, core values, the offer profile), named through the schema objects so a
// rename fails to compile.

export async function selectPurpose(tx: Tx, orgId: string) {
  const [row] = await tx.select().from(purposes).where(eq(purposes.orgId, orgId));
  return row;
}

export async function upsertPurpose(
  tx: Tx,
  orgId: string,
  values: { purpose: string; offerSummary: string; audience: string; updatedBy: string },
) {
  const [row] = await tx
    .insert(purposes)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: purposes.orgId, set: { ...values, updatedAt: new Date() } })
    .returning();
  return row!;
}

export async function selectValues(tx: Tx, orgId: string, includeRetired: boolean) {
  // Built once (two variants) and prepared by name: every screen that shows values asks for them.
  return runPrepared(
    tx,
    includeRetired ? 'core-values:all' : 'core-values:active',
    (db) =>
      db
        .select()
        .from(coreValues)
        .where(
          and(
            eq(coreValues.orgId, sql.placeholder('orgId')),
            includeRetired ? undefined : isNull(coreValues.retiredAt),
          ),
        )
        .orderBy(asc(coreValues.position), asc(coreValues.createdAt)),
    { orgId },
  );
}

export async function selectValue(tx: Tx, orgId: string, valueId: string) {
  const [row] = await tx
    .select()
    .from(coreValues)
    .where(and(eq(coreValues.orgId, orgId), eq(coreValues.id, valueId)));
  return row;
}

export async function selectActiveValueIds(tx: Tx, orgId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: coreValues.id })
    .from(coreValues)
    .where(and(eq(coreValues.orgId, orgId), inArray(coreValues.id, ids), isNull(coreValues.retiredAt)));
  return rows.map((r) => r.id);
}

export async function insertValue(
  tx: Tx,
  orgId: string,
  values: { name: string; description: string; behaviours: string[] },
) {
  // Last in the order: one past the organisation's highest position.
  const v = alias(coreValues, 'v');
  const [row] = await tx
    .insert(coreValues)
    .values({
      orgId,
      ...values,
      position: sql`(select coalesce(max(${v.position}), 0) + 1 from ${coreValues} ${v} where ${v.orgId} = ${orgId})`,
    })
    .returning();
  return row!;
}

export async function updateValueRow(
  tx: Tx,
  orgId: string,
  valueId: string,
  values: Partial<
    Pick<typeof coreValues.$inferInsert, 'name' | 'description' | 'behaviours' | 'retiredAt' | 'position'>
  >,
) {
  const [row] = await tx
    .update(coreValues)
    .set(values)
    .where(and(eq(coreValues.orgId, orgId), eq(coreValues.id, valueId)))
    .returning();
  return row;
}

export async function selectOfferings(tx: Tx, orgId: string, includeRetired: boolean) {
  return tx
    .select()
    .from(offerings)
    .where(and(eq(offerings.orgId, orgId), includeRetired ? undefined : isNull(offerings.retiredAt)))
    .orderBy(asc(offerings.name));
}

export async function insertOffering(
  tx: Tx,
  orgId: string,
  values: Omit<typeof offerings.$inferInsert, 'orgId' | 'id'>,
) {
  const [row] = await tx
    .insert(offerings)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function updateOfferingRow(
  tx: Tx,
  orgId: string,
  offeringId: string,
  values: Partial<Omit<typeof offerings.$inferInsert, 'orgId' | 'id'>>,
) {
  const [row] = await tx
    .update(offerings)
    .set(values)
    .where(and(eq(offerings.orgId, orgId), eq(offerings.id, offeringId)))
    .returning();
  return row;
}

export async function selectOffering(tx: Tx, orgId: string, offeringId: string) {
  const [row] = await tx
    .select()
    .from(offerings)
    .where(and(eq(offerings.orgId, orgId), eq(offerings.id, offeringId)));
  return row;
}
