import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  createProposalBody,
  decisionBody,
  Proposal,
  ProposalSummary,
  proposalsQuery,
  updateProposalBody,
} from '../../../contracts/counsel.contract';
import type { Db, Tx } from '../../db/client';
import { proposalEvents, proposals } from '../../db/schema/counsel.schema';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import { needExists } from './needs.service';

// Counsel ("koning en ministers"): proposals from advisors as a one-page brief and the director's
// decision queue, oldest first, with the time to decision. The needs register: needs.service.ts.

const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });
const DAY_MS = 86_400_000;
const days = (ms: number) => Math.round((ms / DAY_MS) * 10) / 10;

// ---------- proposals ----------

type ProposalRow = {
  id: string;
  kind: Proposal['kind'];
  title: string;
  need_id: string | null;
  need_what: string | null;
  need_recognised: boolean | null;
  proposal: string;
  effect_customers: string;
  effect_staff: string;
  cost_cents: number | null;
  cost_note: string;
  risks: string;
  decision_wanted_by: string | null;
  author_id: string;
  author_name: string | null;
  status: Proposal['status'];
  submitted_at: Date;
  queued_at: Date;
  decided_at: Date | null;
  decided_by_name: string | null;
  decision_reason: string | null;
};

const proposalSelect = sql`
  select p.id, p.kind, p.title, p.need_id, n.what as need_what, n.recognised_at is not null as need_recognised, p.proposal, p.effect_customers,
         p.effect_staff, p.cost_cents, p.cost_note, p.risks, p.decision_wanted_by::text, p.author_id, au.name as author_name, p.status,
         p.submitted_at, p.queued_at, p.decided_at, du.name as decided_by_name, p.decision_reason
    from proposals p
    left join needs n on n.org_id = p.org_id and n.id = p.need_id
    left join members am on am.org_id = p.org_id and am.id = p.author_id
    left join auth_user au on au.id = am.user_id
    left join members dm on dm.org_id = p.org_id and dm.id = p.decided_by
    left join auth_user du on du.id = dm.user_id`;

function toSummary(r: ProposalRow, tenant: TenantContext, now = Date.now()): ProposalSummary {
  const submitted = new Date(r.submitted_at).getTime();
  const until = r.decided_at ? new Date(r.decided_at).getTime() : now;
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    need: r.need_id ? { id: r.need_id, what: r.need_what ?? '', recognised: Boolean(r.need_recognised) } : null,
    flagged: !r.need_id || !r.need_recognised,
    costCents: r.cost_cents,
    decisionWantedBy: r.decision_wanted_by,
    authorName: r.author_name ?? '',
    mine: r.author_id === tenant.memberId,
    status: r.status,
    submittedAt: new Date(r.submitted_at).toISOString(),
    queuedAt: new Date(r.queued_at).toISOString(),
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedByName: r.decided_by_name,
    decisionReason: r.decision_reason,
    daysToDecision: days(until - submitted),
  };
}

/** Mine; directors and admins see every proposal. */
const mayRead = (tenant: TenantContext) => (isSteering(tenant) ? sql`true` : sql`p.author_id = ${tenant.memberId}`);

export async function listProposals(
  db: Db,
  tenant: TenantContext,
  query: z.output<typeof proposalsQuery>,
): Promise<{ items: ProposalSummary[] }> {
  const status =
    query.status === 'any'
      ? sql`true`
      : query.status === 'open'
        ? sql`p.status in ('submitted', 'more_asked')`
        : sql`p.status = ${query.status}`;
  const { rows } = await db.execute<ProposalRow>(sql`${proposalSelect}
     where p.org_id = ${tenant.orgId} and ${mayRead(tenant)} and ${status}
     order by p.updated_at desc limit 300`);
  return { items: rows.map((r) => toSummary(r, tenant)) };
}

export async function findProposal(db: Tx, tenant: TenantContext, proposalId: string): Promise<Proposal> {
  const { rows } = await db.execute<ProposalRow>(
    sql`${proposalSelect} where p.org_id = ${tenant.orgId} and p.id = ${proposalId} and ${mayRead(tenant)}`,
  );
  const r = rows[0];
  if (!r) throw notFound();
  const { rows: events } = await db.execute<{
    kind: string;
    reason: string | null;
    by_name: string | null;
    at: Date;
  }>(sql`
    select e.kind, e.reason, u.name as by_name, e.at from proposal_events e
      left join members m on m.org_id = e.org_id and m.id = e.by left join auth_user u on u.id = m.user_id
     where e.org_id = ${tenant.orgId} and e.proposal_id = ${proposalId} order by e.at, e.id`);
  return {
    ...toSummary(r, tenant),
    proposal: r.proposal,
    effectCustomers: r.effect_customers,
    effectStaff: r.effect_staff,
    costNote: r.cost_note,
    risks: r.risks,
    history: events.map((e) => ({
      kind: e.kind,
      reason: e.reason,
      byName: e.by_name ?? '',
      at: new Date(e.at).toISOString(),
    })),
  };
}

async function checkNeed(tx: Tx, orgId: string, needId: string | null | undefined) {
  if (needId && !(await needExists(tx, orgId, needId))) throw invalid('body.needId', 'unknown_need', 'no such need');
}

async function tellDirectors(tx: Tx, orgId: string, proposalId: string, title: string, flagged: boolean) {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select id from members where org_id = ${orgId} and status = 'active' and 'director' = any(roles)`);
  await notifyMembers(
    tx,
    orgId,
    rows.map((r) => r.id),
    'proposal_submitted',
    { proposalId, title, flagged },
  );
}

export async function submitProposal(
  db: Db,
  tenant: TenantContext,
  input: z.output<typeof createProposalBody>,
): Promise<Proposal> {
  const id = await db.transaction(async (tx) => {
    await checkNeed(tx, tenant.orgId, input.needId);
    const [row] = await tx
      .insert(proposals)
      .values({ orgId: tenant.orgId, ...input, authorId: tenant.memberId })
      .returning();
    await tx
      .insert(proposalEvents)
      .values({ orgId: tenant.orgId, proposalId: row!.id, kind: 'submitted', by: tenant.memberId });
    const need = input.needId ? await needExists(tx, tenant.orgId, input.needId) : undefined;
    await tellDirectors(tx, tenant.orgId, row!.id, input.title, !need?.recognisedAt);
    await recordAudit(tx, tenant, 'proposal.submitted', 'proposal', row!.id);
    return row!.id;
  });
  return findProposal(db, tenant, id);
}

async function lockOwn(tx: Tx, tenant: TenantContext, proposalId: string) {
  const [row] = await tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.orgId, tenant.orgId), eq(proposals.id, proposalId)))
    .for('update');
  if (!row || (row.authorId !== tenant.memberId && !isSteering(tenant))) throw notFound();
  if (row.authorId !== tenant.memberId) throw forbidden();
  return row;
}

/** The author edits the brief while it waits or after more was asked; a decided one stays as it was. */
export async function updateProposal(
  db: Db,
  tenant: TenantContext,
  proposalId: string,
  input: z.output<typeof updateProposalBody>,
): Promise<Proposal> {
  await db.transaction(async (tx) => {
    const row = await lockOwn(tx, tenant, proposalId);
    if (row.status !== 'submitted' && row.status !== 'more_asked')
      throw new AppError('conflict', 409, { detail: 'a decided or withdrawn proposal does not change' });
    await checkNeed(tx, tenant.orgId, input.needId);
    await tx
      .update(proposals)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(proposals.orgId, tenant.orgId), eq(proposals.id, proposalId)));
  });
  return findProposal(db, tenant, proposalId);
}

/** After "more, please": the author answers and the proposal goes back into the queue, at the back. */
export async function resubmitProposal(
  db: Db,
  tenant: TenantContext,
  proposalId: string,
  reason: string,
): Promise<Proposal> {
  await db.transaction(async (tx) => {
    const row = await lockOwn(tx, tenant, proposalId);
    if (row.status !== 'more_asked')
      throw new AppError('conflict', 409, { detail: 'only a proposal the director asked more about goes back' });
    await tx
      .update(proposals)
      .set({ status: 'submitted', queuedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(proposals.orgId, tenant.orgId), eq(proposals.id, proposalId)));
    await tx
      .insert(proposalEvents)
      .values({ orgId: tenant.orgId, proposalId, kind: 'resubmitted', reason, by: tenant.memberId });
    await tellDirectors(tx, tenant.orgId, proposalId, row.title, false);
  });
  return findProposal(db, tenant, proposalId);
}

export async function withdrawProposal(db: Db, tenant: TenantContext, proposalId: string): Promise<Proposal> {
  await db.transaction(async (tx) => {
    const row = await lockOwn(tx, tenant, proposalId);
    if (row.status !== 'submitted' && row.status !== 'more_asked')
      throw new AppError('conflict', 409, { detail: 'a decided proposal cannot be withdrawn' });
    await tx
      .update(proposals)
      .set({ status: 'withdrawn', updatedAt: new Date() })
      .where(and(eq(proposals.orgId, tenant.orgId), eq(proposals.id, proposalId)));
    await tx.insert(proposalEvents).values({ orgId: tenant.orgId, proposalId, kind: 'withdrawn', by: tenant.memberId });
  });
  return findProposal(db, tenant, proposalId);
}

// ---------- the director's queue ----------

export async function decisionQueue(db: Db, tenant: TenantContext) {
  const { rows } = await db.execute<ProposalRow>(sql`${proposalSelect}
     where p.org_id = ${tenant.orgId} and p.status = 'submitted' order by p.queued_at, p.id`);
  const { rows: decided } = await db.execute<{ days: number }>(sql`
    select extract(epoch from (decided_at - submitted_at)) / 86400 as days from proposals
     where org_id = ${tenant.orgId} and status in ('approved', 'declined') and decided_at > now() - interval '90 days'
     order by 1`);
  const spans = decided.map((d) => Number(d.days));
  const median = spans.length
    ? spans.length % 2
      ? spans[(spans.length - 1) / 2]!
      : (spans[spans.length / 2 - 1]! + spans[spans.length / 2]!) / 2
    : null;
  const items = rows.map((r) => toSummary(r, tenant));
  return {
    items,
    stats: {
      decided: spans.length,
      medianDays: median === null ? null : Math.round(median * 10) / 10,
      longestOpenDays: items.length ? Math.max(...items.map((i) => i.daysToDecision)) : null,
    },
  };
}

/** Approve, decline, or ask for more, always with the reason; the author is told. */
export async function decide(
  db: Db,
  tenant: TenantContext,
  proposalId: string,
  input: z.output<typeof decisionBody>,
): Promise<Proposal> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(proposals)
      .where(and(eq(proposals.orgId, tenant.orgId), eq(proposals.id, proposalId)))
      .for('update');
    if (!row) throw notFound();
    if (row.status !== 'submitted')
      throw new AppError('conflict', 409, { detail: 'only a proposal in the queue is decided' });
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'decline' ? 'declined' : 'more_asked';
    const final = status !== 'more_asked';
    await tx
      .update(proposals)
      .set({
        status,
        decisionReason: input.reason,
        ...(final ? { decidedAt: new Date(), decidedBy: tenant.memberId } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(proposals.orgId, tenant.orgId), eq(proposals.id, proposalId)));
    await tx
      .insert(proposalEvents)
      .values({ orgId: tenant.orgId, proposalId, kind: status, reason: input.reason, by: tenant.memberId });
    await notifyMembers(tx, tenant.orgId, [row.authorId], 'proposal_decided', { proposalId, title: row.title, status });
    if (final) await emitEvent(tx, tenant.orgId, 'proposal.decided', { proposalId, title: row.title, status });
    await recordAudit(tx, tenant, `proposal.${status}`, 'proposal', proposalId);
  });
  return findProposal(db, tenant, proposalId);
}
