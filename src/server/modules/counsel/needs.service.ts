/** Counsel's needs register: what people need to serve customers better, who supports it, what a director recognised. */
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { createNeedBody, Need } from '../../../contracts/counsel.contract';
import type { Db, Tx } from '../../db/client';
import { needSupports, needs } from '../../db/schema/counsel.schema';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import { recordAudit } from '../org/org.service';

export async function listNeeds(db: Db, tenant: TenantContext): Promise<{ items: Need[] }> {
  const visible = isSteering(tenant) ? sql`true` : sql`p.author_id = ${tenant.memberId}`;
  const { rows } = await db.execute<{
    id: string;
    what: string;
    for_whom: string;
    why_now: string;
    raised_by_name: string | null;
    created_at: Date;
    recognised_at: Date | null;
    supporters: number;
    mine: boolean;
    proposals: number;
  }>(sql`
    select n.id, n.what, n.for_whom, n.why_now, u.name as raised_by_name, n.created_at, n.recognised_at,
           (select count(*)::int from need_supports s where s.org_id = n.org_id and s.need_id = n.id) as supporters,
           exists (select 1 from need_supports s where s.org_id = n.org_id and s.need_id = n.id and s.member_id = ${tenant.memberId}) as mine,
           (select count(*)::int from proposals p where p.org_id = n.org_id and p.need_id = n.id and p.status <> 'withdrawn' and ${visible}) as proposals
      from needs n
      left join members m on m.org_id = n.org_id and m.id = n.raised_by
      left join auth_user u on u.id = m.user_id
     where n.org_id = ${tenant.orgId}
     order by n.recognised_at is null, supporters desc, n.created_at desc
     limit 500`);
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
    const [row] = await tx
      .insert(needs)
      .values({
        orgId: tenant.orgId,
        what: input.what,
        forWhom: input.forWhom,
        whyNow: input.whyNow,
        raisedBy: tenant.memberId,
      })
      .returning();
    // Whoever raises a need supports it.
    await tx.insert(needSupports).values({ orgId: tenant.orgId, needId: row!.id, memberId: tenant.memberId });
    await recordAudit(tx, tenant, 'need.raised', 'need', row!.id);
    return row!.id;
  });
  return findNeed(db, tenant, id);
}

export async function needExists(tx: Tx, orgId: string, needId: string) {
  const [row] = await tx
    .select({ id: needs.id, recognisedAt: needs.recognisedAt })
    .from(needs)
    .where(and(eq(needs.orgId, orgId), eq(needs.id, needId)));
  return row;
}

export async function supportNeed(db: Db, tenant: TenantContext, needId: string, support: boolean): Promise<Need> {
  if (!(await needExists(db, tenant.orgId, needId))) throw notFound();
  if (support)
    await db
      .insert(needSupports)
      .values({ orgId: tenant.orgId, needId, memberId: tenant.memberId })
      .onConflictDoNothing();
  else
    await db
      .delete(needSupports)
      .where(
        and(
          eq(needSupports.orgId, tenant.orgId),
          eq(needSupports.needId, needId),
          eq(needSupports.memberId, tenant.memberId),
        ),
      );
  return findNeed(db, tenant, needId);
}

export async function recogniseNeed(db: Db, tenant: TenantContext, needId: string, recognised: boolean): Promise<Need> {
  await db.transaction(async (tx) => {
    if (!(await needExists(tx, tenant.orgId, needId))) throw notFound();
    await tx
      .update(needs)
      .set(
        recognised
          ? { recognisedAt: sql`coalesce(${needs.recognisedAt}, now())`, recognisedBy: tenant.memberId }
          : { recognisedAt: null, recognisedBy: null },
      )
      .where(and(eq(needs.orgId, tenant.orgId), eq(needs.id, needId)));
    await recordAudit(tx, tenant, recognised ? 'need.recognised' : 'need.unrecognised', 'need', needId);
  });
  return findNeed(db, tenant, needId);
}
