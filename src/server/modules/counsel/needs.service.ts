/** Counsel's needs register: what people need to serve customers better, who supports it, what a director recognised. */
import type { z } from 'zod';
import type { createNeedBody, Need } from '../../../contracts/counsel.contract';
import type { Db, Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import { recordAudit } from '../org/org.service';
import { deleteSupport, insertNeed, insertSupport, selectNeed, selectNeeds, setNeedRecognised } from './counsel.repo';

export async function listNeeds(db: Db, tenant: TenantContext): Promise<{ items: Need[] }> {
  const rows = await selectNeeds(db, tenant.orgId, tenant.memberId, isSteering(tenant));
  return {
    items: rows.map((r) => ({
      id: r.id,
      what: r.what,
      forWhom: r.for_whom,
      whyNow: r.why_now,
      raisedByName: r.raised_by_name ?? '',
      raisedAt: new Date(r.created_at).toISOString(),
      supporters: r.supporters,
      supportedByMe: r.mine,
      recognised: r.recognised_at !== null,
      recognisedAt: r.recognised_at ? new Date(r.recognised_at).toISOString() : null,
      proposals: r.proposals,
    })),
  };
}

async function findNeed(db: Db, tenant: TenantContext, needId: string) {
  const found = (await listNeeds(db, tenant)).items.find((n) => n.id === needId);
  if (!found) throw notFound();
  return found;
}

export async function raiseNeed(db: Db, tenant: TenantContext, input: z.output<typeof createNeedBody>): Promise<Need> {
  const id = await db.transaction(async (tx) => {
    const row = await insertNeed(tx, tenant.orgId, {
      what: input.what,
      forWhom: input.forWhom,
      whyNow: input.whyNow,
      raisedBy: tenant.memberId,
    });
    // Whoever raises a need supports it.
    await insertSupport(tx, tenant.orgId, row.id, tenant.memberId);
    await recordAudit(tx, tenant, 'need.raised', 'need', row.id);
    return row.id;
  });
  return findNeed(db, tenant, id);
}

export async function needExists(tx: Tx, orgId: string, needId: string) {
  return selectNeed(tx, orgId, needId);
}

export async function supportNeed(db: Db, tenant: TenantContext, needId: string, support: boolean): Promise<Need> {
  if (!(await needExists(db, tenant.orgId, needId))) throw notFound();
  if (support) await insertSupport(db, tenant.orgId, needId, tenant.memberId);
  else await deleteSupport(db, tenant.orgId, needId, tenant.memberId);
  return findNeed(db, tenant, needId);
}

export async function recogniseNeed(db: Db, tenant: TenantContext, needId: string, recognised: boolean): Promise<Need> {
  await db.transaction(async (tx) => {
    if (!(await needExists(tx, tenant.orgId, needId))) throw notFound();
    await setNeedRecognised(tx, tenant.orgId, needId, recognised ? tenant.memberId : null);
    await recordAudit(tx, tenant, recognised ? 'need.recognised' : 'need.unrecognised', 'need', needId);
  });
  return findNeed(db, tenant, needId);
}
