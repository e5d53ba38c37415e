import type { CoreValue, Offering, Purpose } from '../../../contracts/values.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { definedOnly } from '../../lib/objects';
import type { TenantContext } from '../../lib/request-context';
import { recordAudit } from '../org/org.service';
import * as repo from './values.repo';

type ValueRow = NonNullable<Awaited<ReturnType<typeof repo.selectValue>>>;
type OfferingRow = NonNullable<Awaited<ReturnType<typeof repo.selectOffering>>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toValue(row: ValueRow): CoreValue {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    behaviours: row.behaviours,
    position: row.position,
    retiredAt: iso(row.retiredAt),
  };
}

function toOffering(row: OfferingRow): Offering {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    audience: row.audience,
    leadTimeDays: row.leadTimeDays,
    conditions: row.conditions,
    retiredAt: iso(row.retiredAt),
  };
}

// ---------- purpose ----------

export async function findPurpose(db: Db, tenant: TenantContext): Promise<Purpose> {
  const row = await repo.selectPurpose(db, tenant.orgId);
  return {
    purpose: row?.purpose ?? '',
    offerSummary: row?.offerSummary ?? '',
    audience: row?.audience ?? '',
    updatedAt: iso(row?.updatedAt ?? null),
  };
}

export async function updatePurpose(
  db: Db,
  tenant: TenantContext,
  input: { purpose: string; offerSummary: string; audience: string },
): Promise<Purpose> {
  await db.transaction(async (tx) => {
    await repo.upsertPurpose(tx, tenant.orgId, { ...input, updatedBy: tenant.memberId });
    await recordAudit(tx, tenant, 'purpose.updated', 'purpose', tenant.orgId);
  });
  return findPurpose(db, tenant);
}

// ---------- values ----------

export async function listValues(db: Db, tenant: TenantContext, includeRetired: boolean): Promise<CoreValue[]> {
  return (await repo.selectValues(db, tenant.orgId, includeRetired)).map(toValue);
}

/** Names of all values by id, retired ones included (figures over the past still name them). */
export async function listValueNames(db: Tx, orgId: string): Promise<Map<string, string>> {
  return new Map((await repo.selectValues(db, orgId, true)).map((v) => [v.id, v.name]));
}

/** The ids among `ids` that are active values of the organisation (used when an extra names values). */
export function filterActiveValueIds(db: Tx, orgId: string, ids: string[]) {
  return repo.selectActiveValueIds(db, orgId, ids);
}

export async function createValue(
  db: Db,
  tenant: TenantContext,
  input: { name: string; description: string; behaviours: string[] },
): Promise<CoreValue> {
  return db.transaction(async (tx) => {
    const row = await repo.insertValue(tx, tenant.orgId, input);
    await recordAudit(tx, tenant, 'value.created', 'value', row.id, { name: input.name });
    return toValue(row);
  });
}

export async function updateValue(
  db: Db,
  tenant: TenantContext,
  valueId: string,
  input: { name?: string; description?: string; behaviours?: string[] },
): Promise<CoreValue> {
  return db.transaction(async (tx) => {
    const changes = definedOnly(input);
    const row = Object.keys(changes).length
      ? await repo.updateValueRow(tx, tenant.orgId, valueId, changes)
      : await repo.selectValue(tx, tenant.orgId, valueId);
    if (!row) throw notFound();
    await recordAudit(tx, tenant, 'value.updated', 'value', valueId, changes);
    return toValue(row);
  });
}

/** Retiring keeps the value (and every extra that points at it); it only leaves the pickers. */
export async function setValueRetired(
  db: Db,
  tenant: TenantContext,
  valueId: string,
  retired: boolean,
): Promise<CoreValue> {
  return db.transaction(async (tx) => {
    const row = await repo.updateValueRow(tx, tenant.orgId, valueId, { retiredAt: retired ? new Date() : null });
    if (!row) throw notFound();
    await recordAudit(tx, tenant, retired ? 'value.retired' : 'value.restored', 'value', valueId);
    return toValue(row);
  });
}

export async function reorderValues(db: Db, tenant: TenantContext, ids: string[]): Promise<CoreValue[]> {
  await db.transaction(async (tx) => {
    const active = (await repo.selectValues(tx, tenant.orgId, false)).map((v) => v.id);
    const same =
      ids.length === active.length && new Set(ids).size === ids.length && ids.every((id) => active.includes(id));
    if (!same) {
      throw new AppError('validation_failed', 400, {
        errors: [{ path: 'body.ids', code: 'custom', message: 'give every active value exactly once' }],
      });
    }
    for (const [index, id] of ids.entries()) await repo.updateValueRow(tx, tenant.orgId, id, { position: index + 1 });
    await recordAudit(tx, tenant, 'value.reordered', 'value', tenant.orgId, { ids });
  });
  return listValues(db, tenant, false);
}

// ---------- offer profile ----------

export async function listOfferings(db: Db, tenant: TenantContext, includeRetired: boolean): Promise<Offering[]> {
  return (await repo.selectOfferings(db, tenant.orgId, includeRetired)).map(toOffering);
}

/** One offering with its guidelines, for other modules (the promises module checks promises against it). */
export async function findOffering(db: Tx, orgId: string, offeringId: string): Promise<Offering | undefined> {
  const row = await repo.selectOffering(db, orgId, offeringId);
  return row ? toOffering(row) : undefined;
}

export async function createOffering(
  db: Db,
  tenant: TenantContext,
  input: { name: string; description: string; audience: string; leadTimeDays: number | null; conditions: string[] },
): Promise<Offering> {
  return db.transaction(async (tx) => {
    const row = await repo.insertOffering(tx, tenant.orgId, input);
    await recordAudit(tx, tenant, 'offering.created', 'offering', row.id, { name: input.name });
    return toOffering(row);
  });
}

export async function updateOffering(
  db: Db,
  tenant: TenantContext,
  offeringId: string,
  input: {
    name?: string;
    description?: string;
    audience?: string;
    leadTimeDays?: number | null;
    conditions?: string[];
  },
): Promise<Offering> {
  return db.transaction(async (tx) => {
    const changes = definedOnly(input);
    const row = Object.keys(changes).length
      ? await repo.updateOfferingRow(tx, tenant.orgId, offeringId, changes)
      : await repo.selectOffering(tx, tenant.orgId, offeringId);
    if (!row) throw notFound();
    await recordAudit(tx, tenant, 'offering.updated', 'offering', offeringId, changes);
    return toOffering(row);
  });
}

export async function setOfferingRetired(
  db: Db,
  tenant: TenantContext,
  offeringId: string,
  retired: boolean,
): Promise<Offering> {
  return db.transaction(async (tx) => {
    const row = await repo.updateOfferingRow(tx, tenant.orgId, offeringId, { retiredAt: retired ? new Date() : null });
    if (!row) throw notFound();
    await recordAudit(tx, tenant, retired ? 'offering.retired' : 'offering.restored', 'offering', offeringId);
    return toOffering(row);
  });
}
