import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { needSupports, needs, proposalEvents, proposals } from '../../db/schema/counsel.schema';
import { members } from '../../db/schema/org.schema';

// Counsel's SQL: its tables and columns named through the schema objects, so a rename fails to
// compile. Raw SQL interpolates aliased tables from `alias(table, 'x')`: `${x.id}` renders `"x"."id"`
// and `from ${table} ${x}` names the table once.

const n = alias(needs, 'n');
const s = alias(needSupports, 's');
const p = alias(proposals, 'p');
const e = alias(proposalEvents, 'e');

// ---------- needs ----------

export type NeedListRow = {
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
};

/** The needs with their supporters and the proposals that answer them (counted as the reader may see them). */
export async function selectNeeds(db: Db, orgId: string, memberId: string, allProposals: boolean) {
  const m = alias(members, 'm');
  const u = alias(authUser, 'u');
  const visible = allProposals ? sql`true` : sql`${p.authorId} = ${memberId}`;
  const { rows } = await db.execute<NeedListRow>(sql`
    select ${n.id}, ${n.what}, ${n.forWhom}, ${n.whyNow}, ${u.name} as raised_by_name, ${n.createdAt}, ${n.recognisedAt},
           (select count(*)::int from ${needSupports} ${s} where ${s.orgId} = ${n.orgId} and ${s.needId} = ${n.id}) as supporters,
           exists (select 1 from ${needSupports} ${s} where ${s.orgId} = ${n.orgId} and ${s.needId} = ${n.id} and ${s.memberId} = ${memberId}) as mine,
           (select count(*)::int from ${proposals} ${p} where ${p.orgId} = ${n.orgId} and ${p.needId} = ${n.id} and ${p.status} <> 'withdrawn' and ${visible}) as proposals
      from ${needs} ${n}
      left join ${members} ${m} on ${m.orgId} = ${n.orgId} and ${m.id} = ${n.raisedBy}
      left join ${authUser} ${u} on ${u.id} = ${m.userId}
     where ${n.orgId} = ${orgId}
     order by ${n.recognisedAt} is null, supporters desc, ${n.createdAt} desc
     limit 500`);
  return rows;
}

export async function insertNeed(
  tx: Tx,
  orgId: string,
  values: { what: string; forWhom: string; whyNow: string; raisedBy: string },
) {
  const [row] = await tx
    .insert(needs)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function selectNeed(tx: Tx, orgId: string, needId: string) {
  const [row] = await tx
    .select({ id: needs.id, recognisedAt: needs.recognisedAt })
    .from(needs)
    .where(and(eq(needs.orgId, orgId), eq(needs.id, needId)));
  return row;
}

/** A member supports a need (once). */
export async function insertSupport(tx: Tx, orgId: string, needId: string, memberId: string) {
  await tx.insert(needSupports).values({ orgId, needId, memberId }).onConflictDoNothing();
}

export async function deleteSupport(tx: Tx, orgId: string, needId: string, memberId: string) {
  await tx
    .delete(needSupports)
    .where(and(eq(needSupports.orgId, orgId), eq(needSupports.needId, needId), eq(needSupports.memberId, memberId)));
}

/** Recognised (keeping the first day it was) by this member, or not recognised. */
export async function setNeedRecognised(tx: Tx, orgId: string, needId: string, by: string | null) {
  await tx
    .update(needs)
    .set(
      by
        ? { recognisedAt: sql`coalesce(${needs.recognisedAt}, now())`, recognisedBy: by }
        : { recognisedAt: null, recognisedBy: null },
    )
    .where(and(eq(needs.orgId, orgId), eq(needs.id, needId)));
}

// ---------- proposals ----------

export type ProposalRow = typeof proposals.$inferSelect;

export type ProposalListRow = {
  id: string;
  kind: ProposalRow['kind'];
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
  status: ProposalRow['status'];
  submitted_at: Date;
  queued_at: Date;
  decided_at: Date | null;
  decided_by_name: string | null;
  decision_reason: string | null;
};

/** Which proposals a person reads: all, or their own. */
export const proposalsOf = (all: boolean, memberId: string) => (all ? sql`true` : sql`${p.authorId} = ${memberId}`);
export const proposalStatusIs = (status: 'any' | 'open' | ProposalRow['status']) =>
  status === 'any'
    ? sql`true`
    : status === 'open'
      ? sql`${p.status} in ('submitted', 'more_asked')`
      : sql`${p.status} = ${status}`;
export const proposalIs = (proposalId: string) => sql`${p.id} = ${proposalId}`;
export const byLastChange = sql`${p.updatedAt} desc`;
export const byQueue = sql`${p.queuedAt}, ${p.id}`;

/** Proposals with their need, author and who decided; `order` and `limit` when more than one. */
export async function selectProposals(db: Tx, orgId: string, where: SQL, order?: SQL, limit?: number) {
  const am = alias(members, 'am');
  const au = alias(authUser, 'au');
  const dm = alias(members, 'dm');
  const du = alias(authUser, 'du');
  const { rows } = await db.execute<ProposalListRow>(sql`
  select ${p.id}, ${p.kind}, ${p.title}, ${p.needId}, ${n.what} as need_what, ${n.recognisedAt} is not null as need_recognised, ${p.proposal}, ${p.effectCustomers},
         ${p.effectStaff}, ${p.costCents}, ${p.costNote}, ${p.risks}, ${p.decisionWantedBy}::text, ${p.authorId}, ${au.name} as author_name, ${p.status},
         ${p.submittedAt}, ${p.queuedAt}, ${p.decidedAt}, ${du.name} as decided_by_name, ${p.decisionReason}
    from ${proposals} ${p}
    left join ${needs} ${n} on ${n.orgId} = ${p.orgId} and ${n.id} = ${p.needId}
    left join ${members} ${am} on ${am.orgId} = ${p.orgId} and ${am.id} = ${p.authorId}
    left join ${authUser} ${au} on ${au.id} = ${am.userId}
    left join ${members} ${dm} on ${dm.orgId} = ${p.orgId} and ${dm.id} = ${p.decidedBy}
    left join ${authUser} ${du} on ${du.id} = ${dm.userId}
   where ${p.orgId} = ${orgId} and ${where}
   ${order ? sql`order by ${order}` : sql``} ${limit ? sql`limit ${limit}` : sql``}`);
  return rows;
}

/** A proposal's history, oldest first, with who acted. */
export async function selectProposalEvents(db: Tx, orgId: string, proposalId: string) {
  const m = alias(members, 'm');
  const u = alias(authUser, 'u');
  const { rows } = await db.execute<{ kind: string; reason: string | null; by_name: string | null; at: Date }>(sql`
    select ${e.kind}, ${e.reason}, ${u.name} as by_name, ${e.at} from ${proposalEvents} ${e}
      left join ${members} ${m} on ${m.orgId} = ${e.orgId} and ${m.id} = ${e.by} left join ${authUser} ${u} on ${u.id} = ${m.userId}
     where ${e.orgId} = ${orgId} and ${e.proposalId} = ${proposalId} order by ${e.at}, ${e.id}`);
  return rows;
}

export async function insertProposal(
  tx: Tx,
  orgId: string,
  values: Omit<typeof proposals.$inferInsert, 'orgId' | 'id'>,
): Promise<ProposalRow> {
  const [row] = await tx
    .insert(proposals)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function insertProposalEvent(
  tx: Tx,
  orgId: string,
  values: { proposalId: string; kind: string; reason?: string; by: string },
) {
  await tx.insert(proposalEvents).values({ orgId, ...values });
}

/** The proposal, locked for the rest of the transaction. */
export async function lockProposal(tx: Tx, orgId: string, proposalId: string): Promise<ProposalRow | undefined> {
  const [row] = await tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.orgId, orgId), eq(proposals.id, proposalId)))
    .for('update');
  return row;
}

export async function updateProposalRow(
  tx: Tx,
  orgId: string,
  proposalId: string,
  set: Partial<Omit<typeof proposals.$inferInsert, 'orgId' | 'id'>>,
) {
  await tx
    .update(proposals)
    .set(set)
    .where(and(eq(proposals.orgId, orgId), eq(proposals.id, proposalId)));
}

/** The days between submission and decision of the proposals decided in the last 90 days, shortest first. */
export async function selectDecisionDays(db: Db, orgId: string): Promise<number[]> {
  const { rows } = await db.execute<{ days: number }>(sql`
    select extract(epoch from (${proposals.decidedAt} - ${proposals.submittedAt})) / 86400 as days from ${proposals}
     where ${proposals.orgId} = ${orgId} and ${proposals.status} in ('approved', 'declined') and ${proposals.decidedAt} > now() - interval '90 days'
     order by 1`);
  return rows.map((d) => Number(d.days));
}
