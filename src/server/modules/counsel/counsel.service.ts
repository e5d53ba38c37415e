import { sql } from 'drizzle-orm';
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
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import { findDirectorIds, recordAudit } from '../org/org.service';
import {
  byLastChange,
  byQueue,
  insertProposal,
  insertProposalEvent,
  lockProposal,
  type ProposalListRow,
  proposalIs,
  proposalStatusIs,
  proposalsOf,
  selectDecisionDays,
  selectProposalEvents,
  selectProposals,
  updateProposalRow,
} from './counsel.repo';
import { needExists } from './needs.service';

// Counsel ("koning en ministers"): advisors' proposals as a one-page brief and the director's
// decision queue, oldest first, with the time to decision. The needs register: needs.service.ts.

const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });
const DAY_MS = 86_400_000;
const days = (ms: number) => Math.round((ms / DAY_MS) * 10) / 10;

// ---------- proposals ----------

function toSummary(r: ProposalListRow, tenant: TenantContext, now = Date.now()): ProposalSummary {
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
const mayRead = (tenant: TenantContext) => proposalsOf(isSteering(tenant), tenant.memberId);

export async function listProposals(
  db: Db,
  tenant: TenantContext,
  query: z.output<typeof proposalsQuery>,
): Promise<{ items: ProposalSummary[] }> {
  const rows = await selectProposals(
    db,
    tenant.orgId,
    sql`${mayRead(tenant)} and ${proposalStatusIs(query.status)}`,
    byLastChange,
    300,
  );
  return { items: rows.map((r) => toSummary(r, tenant)) };
}

export async function findProposal(db: Tx, tenant: TenantContext, proposalId: string): Promise<Proposal> {
  const [r] = await selectProposals(db, tenant.orgId, sql`${proposalIs(proposalId)} and ${mayRead(tenant)}`);
  if (!r) throw notFound();
  const events = await selectProposalEvents(db, tenant.orgId, proposalId);
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
  await notifyMembers(tx, orgId, await findDirectorIds(tx, orgId), 'proposal_submitted', {
    proposalId,
    title,
    flagged,
  });
}

export async function submitProposal(
  db: Db,
  tenant: TenantContext,
  input: z.output<typeof createProposalBody>,
): Promise<Proposal> {
  const id = await db.transaction(async (tx) => {
    await checkNeed(tx, tenant.orgId, input.needId);
    const row = await insertProposal(tx, tenant.orgId, { ...input, authorId: tenant.memberId });
    await insertProposalEvent(tx, tenant.orgId, { proposalId: row.id, kind: 'submitted', by: tenant.memberId });
    const need = input.needId ? await needExists(tx, tenant.orgId, input.needId) : undefined;
    await tellDirectors(tx, tenant.orgId, row.id, input.title, !need?.recognisedAt);
    await recordAudit(tx, tenant, 'proposal.submitted', 'proposal', row.id);
    return row.id;
  });
  return findProposal(db, tenant, id);
}

async function lockOwn(tx: Tx, tenant: TenantContext, proposalId: string) {
  const row = await lockProposal(tx, tenant.orgId, proposalId);
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
    await updateProposalRow(tx, tenant.orgId, proposalId, { ...input, updatedAt: new Date() });
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
    await updateProposalRow(tx, tenant.orgId, proposalId, {
      status: 'submitted',
      queuedAt: new Date(),
      updatedAt: new Date(),
    });
    await insertProposalEvent(tx, tenant.orgId, { proposalId, kind: 'resubmitted', reason, by: tenant.memberId });
    await tellDirectors(tx, tenant.orgId, proposalId, row.title, false);
  });
  return findProposal(db, tenant, proposalId);
}

export async function withdrawProposal(db: Db, tenant: TenantContext, proposalId: string): Promise<Proposal> {
  await db.transaction(async (tx) => {
    const row = await lockOwn(tx, tenant, proposalId);
    if (row.status !== 'submitted' && row.status !== 'more_asked')
      throw new AppError('conflict', 409, { detail: 'a decided proposal cannot be withdrawn' });
    await updateProposalRow(tx, tenant.orgId, proposalId, { status: 'withdrawn', updatedAt: new Date() });
    await insertProposalEvent(tx, tenant.orgId, { proposalId, kind: 'withdrawn', by: tenant.memberId });
  });
  return findProposal(db, tenant, proposalId);
}

// ---------- the director's queue ----------

export async function decisionQueue(db: Db, tenant: TenantContext) {
  const rows = await selectProposals(db, tenant.orgId, proposalStatusIs('submitted'), byQueue);
  const spans = await selectDecisionDays(db, tenant.orgId);
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
    const row = await lockProposal(tx, tenant.orgId, proposalId);
    if (!row) throw notFound();
    if (row.status !== 'submitted')
      throw new AppError('conflict', 409, { detail: 'only a proposal in the queue is decided' });
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'decline' ? 'declined' : 'more_asked';
    const final = status !== 'more_asked';
    await updateProposalRow(tx, tenant.orgId, proposalId, {
      status,
      decisionReason: input.reason,
      ...(final ? { decidedAt: new Date(), decidedBy: tenant.memberId } : {}),
      updatedAt: new Date(),
    });
    await insertProposalEvent(tx, tenant.orgId, {
      proposalId,
      kind: status,
      reason: input.reason,
      by: tenant.memberId,
    });
    await notifyMembers(tx, tenant.orgId, [row.authorId], 'proposal_decided', { proposalId, title: row.title, status });
    if (final) await emitEvent(tx, tenant.orgId, 'proposal.decided', { proposalId, title: row.title, status });
    await recordAudit(tx, tenant, `proposal.${status}`, 'proposal', proposalId);
  });
  return findProposal(db, tenant, proposalId);
}
