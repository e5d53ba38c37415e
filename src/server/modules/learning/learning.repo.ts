import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Role } from '../../../contracts/constants';
import { bareColumn, inIds, isoText, runStatement, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import {
  bestPractices,
  conversationNotes,
  digestDeliveries,
  extraComments,
  extraThanks,
  weeklyPicks,
} from '../../db/schema/learning.schema';
import { members, organizations, teamMembers, teams } from '../../db/schema/org.schema';

// The learning module's SQL: its tables, and the core ones it reads (organisations, members, teams),
// named through the schema objects so a rename fails to compile. Raw SQL interpolates aliased tables
// from `alias(table, 'x')`: `${x.id}` renders "x"."id". What learning reads of the extras lives in
// extras.read-model.ts.

// ---------- thanks and comments ----------

export async function insertThanks(tx: Tx, orgId: string, extraId: string, memberId: string) {
  await tx.insert(extraThanks).values({ orgId, extraId, memberId }).onConflictDoNothing();
}

export async function deleteThanks(tx: Tx, orgId: string, extraId: string, memberId: string) {
  await tx
    .delete(extraThanks)
    .where(and(eq(extraThanks.orgId, orgId), eq(extraThanks.extraId, extraId), eq(extraThanks.memberId, memberId)));
}

/** A comment of a story as the feed shows it, its time as ISO text. */
export interface CommentRow {
  id: string;
  extraId: string;
  memberId: string;
  body: string;
  createdAt: string;
  /** The author's name (null when the membership is gone). */
  memberName: string | null;
}

/**
 * The comments on these extras, oldest first, each with its author's name. Made into text once and
 * prepared by name (the ids go in as one array): every page of the feed asks for it.
 */
export async function selectComments(tx: Tx, orgId: string, extraIds: string[]): Promise<CommentRow[]> {
  if (extraIds.length === 0) return [];
  const c = alias(extraComments, 'c');
  const m = alias(members, 'm');
  const u = alias(authUser, 'u');
  return runStatement<CommentRow>(
    tx,
    'comments-of-extras',
    ($) => sql`
    select ${c.id} as "id", ${c.extraId} as "extraId", ${c.memberId} as "memberId", ${c.body} as "body",
           ${isoText(c.createdAt)} as "createdAt", ${u.name} as "memberName"
      from ${extraComments} ${c}
      left join ${members} ${m} on ${m.orgId} = ${c.orgId} and ${m.id} = ${c.memberId}
      left join ${authUser} ${u} on ${u.id} = ${m.userId}
     where ${c.orgId} = ${$('orgId')} and ${inIds(c.extraId, $('extraIds'))} and ${c.deletedAt} is null
     order by ${c.createdAt}`,
    { orgId, extraIds },
  );
}

export async function insertComment(
  tx: Tx,
  orgId: string,
  values: { extraId: string; memberId: string; body: string },
) {
  const [row] = await tx
    .insert(extraComments)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function selectComment(tx: Tx, orgId: string, extraId: string, commentId: string) {
  const [row] = await tx
    .select()
    .from(extraComments)
    .where(
      and(
        eq(extraComments.orgId, orgId),
        eq(extraComments.extraId, extraId),
        eq(extraComments.id, commentId),
        isNull(extraComments.deletedAt),
      ),
    );
  return row;
}

export async function softDeleteComment(tx: Tx, orgId: string, commentId: string, by: string) {
  await tx
    .update(extraComments)
    .set({ deletedAt: new Date(), deletedBy: by })
    .where(and(eq(extraComments.orgId, orgId), eq(extraComments.id, commentId)));
}

// ---------- best practices ----------

export async function upsertBestPractice(tx: Tx, orgId: string, extraId: string, why: string, by: string) {
  await tx
    .insert(bestPractices)
    .values({ orgId, extraId, why, promotedBy: by })
    .onConflictDoUpdate({
      target: [bestPractices.orgId, bestPractices.extraId],
      set: { why, promotedBy: by, promotedAt: new Date() },
    });
}

export async function deleteBestPractice(tx: Tx, orgId: string, extraId: string) {
  const rows = await tx
    .delete(bestPractices)
    .where(and(eq(bestPractices.orgId, orgId), eq(bestPractices.extraId, extraId)))
    .returning({ extraId: bestPractices.extraId });
  return rows.length > 0;
}

// ---------- weekly pick ----------

/** Monday 00:00 of the week holding `day` (or today) in the time zone, and the Monday after, with the date. */
export async function selectWeek(tx: Tx, timeZone: string, day: string | undefined) {
  const local = day ? sql`${day}::date::timestamp` : sql`(now() at time zone ${timeZone})`;
  const { rows } = await tx.execute<{ start: string; end: string; week_start: string }>(sql`
    select (date_trunc('week', ${local}) at time zone ${timeZone}) as start,
           ((date_trunc('week', ${local}) + interval '1 week') at time zone ${timeZone}) as end,
           to_char(date_trunc('week', ${local}), 'YYYY-MM-DD') as week_start`);
  const row = rows[0]!;
  return { start: new Date(row.start), end: new Date(row.end), weekStart: row.week_start };
}

export async function selectWeeklyPick(tx: Tx, orgId: string, teamId: string, weekStart: string) {
  const [row] = await tx
    .select()
    .from(weeklyPicks)
    .where(and(eq(weeklyPicks.orgId, orgId), eq(weeklyPicks.teamId, teamId), eq(weeklyPicks.weekStart, weekStart)));
  return row;
}

export async function upsertWeeklyPick(
  tx: Tx,
  orgId: string,
  teamId: string,
  weekStart: string,
  extraIds: string[],
  by: string,
) {
  await tx
    .insert(weeklyPicks)
    .values({ orgId, teamId, weekStart, extraIds, chosenBy: by })
    .onConflictDoUpdate({
      target: [weeklyPicks.orgId, weeklyPicks.teamId, weeklyPicks.weekStart],
      set: { extraIds, chosenBy: by, chosenAt: new Date() },
    });
}

// ---------- conversation ----------

export async function selectComparisonSetting(tx: Tx, orgId: string) {
  const [row] = await tx
    .select({
      since: organizations.memberComparisonSince,
      by: organizations.memberComparisonBy,
      agreedOn: organizations.worksCouncilAgreedOn,
      note: organizations.worksCouncilNote,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row!;
}

export async function insertNote(
  tx: Tx,
  orgId: string,
  values: { teamId: string; managerId: string; memberId: string; body: string },
) {
  const [row] = await tx
    .insert(conversationNotes)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

/** Notes about a member, written by `managerId` (or by anyone when null: the member reading their own). */
export async function selectNotes(tx: Tx, orgId: string, memberId: string, managerId: string | null) {
  return tx
    .select()
    .from(conversationNotes)
    .where(
      and(
        eq(conversationNotes.orgId, orgId),
        eq(conversationNotes.memberId, memberId),
        ...(managerId ? [eq(conversationNotes.managerId, managerId)] : []),
      ),
    )
    .orderBy(desc(conversationNotes.createdAt));
}

// ---------- the weekly digest ----------

/** Whether the member turned the weekly digest off (undefined when there is no such member). */
export async function selectDigestOptOut(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select({ optOut: members.digestOptOut })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return row?.optOut;
}

/**
 * Per organisation, the latest week whose digest is due at `now`: a week (Monday to Sunday, in the
 * organisation's time zone) is due from 07:00 on the Monday after it.
 */
export async function selectDueWeeks(tx: Tx, now: Date) {
  const o = alias(organizations, 'o');
  const { rows } = await tx.execute<{
    org_id: string;
    org_name: string;
    default_language: string;
    time_zone: string;
    week_start: string;
    start: string;
    end: string;
  }>(sql`
    select ${o.id} as org_id, ${o.name} as org_name, ${o.defaultLanguage}, ${o.timeZone},
           to_char(w.due, 'YYYY-MM-DD') as week_start,
           (w.due at time zone ${o.timeZone}) as start, ((w.due + interval '7 days') at time zone ${o.timeZone}) as end
      from ${organizations} ${o}
     cross join lateral (select date_trunc('week', ${now.toISOString()}::timestamptz at time zone ${o.timeZone}) as monday) m
     cross join lateral (
       select case when (${now.toISOString()}::timestamptz at time zone ${o.timeZone}) >= m.monday + interval '7 hours'
                   then m.monday - interval '7 days' else m.monday - interval '14 days' end as due) w`);
  return rows.map((r) => ({ ...r, start: new Date(r.start), end: new Date(r.end) }));
}

/**
 * Claims the week's digest for every active member who wants it and has none yet, and takes back
 * failed ones whose last try is `retryAfterMinutes` old. Returns the members this caller must send to:
 * a concurrent caller (another process) gets the others, a later one (after a restart) none.
 */
export async function claimDigests(
  tx: Tx,
  orgId: string,
  weekStart: string,
  weekEnd: Date,
  retryAfterMinutes: number,
  maxAttempts: number,
) {
  const dd = digestDeliveries;
  const d = alias(digestDeliveries, 'd');
  const m = alias(members, 'm');
  const { rows: fresh } = await tx.execute<{ member_id: string }>(sql`
    insert into ${dd} (${bareColumn(dd.orgId)}, ${bareColumn(dd.memberId)}, ${bareColumn(dd.weekStart)}, ${bareColumn(dd.kind)}, ${bareColumn(dd.status)})
    select ${m.orgId}, ${m.id}, ${weekStart}::date, 'weekly', 'sending'
      from ${members} ${m}
     where ${m.orgId} = ${orgId} and ${m.status} = 'active' and not ${m.digestOptOut} and ${m.createdAt} < ${weekEnd.toISOString()}::timestamptz
    on conflict do nothing
    returning ${bareColumn(dd.memberId)}`);
  const { rows: retried } = await tx.execute<{ member_id: string }>(sql`
    update ${digestDeliveries} ${d}
       set ${bareColumn(d.status)} = 'sending', ${bareColumn(d.attempts)} = ${d.attempts} + 1, ${bareColumn(d.claimedAt)} = now(), ${bareColumn(d.error)} = null
      from ${members} ${m}
     where ${d.orgId} = ${orgId} and ${d.weekStart} = ${weekStart}::date and ${d.status} = 'failed' and ${d.attempts} < ${maxAttempts}
       and ${d.claimedAt} < now() - make_interval(mins => ${retryAfterMinutes})
       and ${m.orgId} = ${d.orgId} and ${m.id} = ${d.memberId} and ${m.status} = 'active' and not ${m.digestOptOut}
    returning ${d.memberId}`);
  return [...fresh, ...retried].map((r) => r.member_id);
}

export async function markDigest(
  tx: Tx,
  orgId: string,
  memberId: string,
  weekStart: string,
  outcome: { sent: true } | { sent: false; error: string },
) {
  const dd = digestDeliveries;
  await tx
    .update(dd)
    .set({
      status: outcome.sent ? 'sent' : 'failed',
      sentAt: outcome.sent ? sql`now()` : null,
      error: outcome.sent ? null : outcome.error.slice(0, 500),
    })
    .where(
      and(
        eq(dd.orgId, orgId),
        eq(dd.memberId, memberId),
        sql`${dd.weekStart} = ${weekStart}::date`,
        eq(dd.kind, 'weekly'),
      ),
    );
}

/** Who a digest goes to: address, name, language, roles and teams. */
export async function selectRecipient(tx: Tx, orgId: string, memberId: string) {
  const m = alias(members, 'm');
  const u = alias(authUser, 'u');
  const tm = alias(teamMembers, 'tm');
  const t = alias(teams, 't');
  const { rows } = await tx.execute<{
    email: string;
    name: string;
    language: string | null;
    roles: Role[];
    team_ids: string[] | null;
    managed_team_ids: string[] | null;
  }>(sql`
    select ${u.email}, ${u.name}, ${u.language}, ${m.roles},
           (select array_agg(${tm.teamId}) from ${teamMembers} ${tm} join ${teams} ${t} on ${t.orgId} = ${tm.orgId} and ${t.id} = ${tm.teamId} and ${t.archivedAt} is null
             where ${tm.orgId} = ${m.orgId} and ${tm.memberId} = ${m.id}) as team_ids,
           (select array_agg(${tm.teamId}) from ${teamMembers} ${tm} join ${teams} ${t} on ${t.orgId} = ${tm.orgId} and ${t.id} = ${tm.teamId} and ${t.archivedAt} is null
             where ${tm.orgId} = ${m.orgId} and ${tm.memberId} = ${m.id} and ${tm.isManager}) as managed_team_ids
      from ${members} ${m} join ${authUser} ${u} on ${u.id} = ${m.userId}
     where ${m.orgId} = ${orgId} and ${m.id} = ${memberId}`);
  return rows[0];
}

/** Erasure of a member who left: the notes of their conversations and the record of their digests. */
export async function deleteNotesAndDigestsOf(tx: Tx, orgId: string, memberId: string) {
  await tx
    .delete(conversationNotes)
    .where(and(eq(conversationNotes.orgId, orgId), eq(conversationNotes.memberId, memberId)));
  await tx
    .delete(digestDeliveries)
    .where(and(eq(digestDeliveries.orgId, orgId), eq(digestDeliveries.memberId, memberId)));
}
