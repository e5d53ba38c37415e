import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/constants';
import type { Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import {
  bestPractices,
  conversationNotes,
  digestDeliveries,
  extraComments,
  extraThanks,
  weeklyPicks,
} from '../../db/schema/learning.schema';
import { members, organizations } from '../../db/schema/org.schema';

// ---------- thanks and comments ----------

export async function insertThanks(tx: Tx, orgId: string, extraId: string, memberId: string) {
  await tx.insert(extraThanks).values({ orgId, extraId, memberId }).onConflictDoNothing();
}

export async function deleteThanks(tx: Tx, orgId: string, extraId: string, memberId: string) {
  await tx
    .delete(extraThanks)
    .where(and(eq(extraThanks.orgId, orgId), eq(extraThanks.extraId, extraId), eq(extraThanks.memberId, memberId)));
}

/** The comments on these extras, oldest first, each with its author's name (null when the membership is gone). */
export async function selectComments(tx: Tx, orgId: string, extraIds: string[]) {
  if (extraIds.length === 0) return [];
  return tx
    .select({ ...getTableColumns(extraComments), memberName: authUser.name })
    .from(extraComments)
    .leftJoin(members, and(eq(members.orgId, extraComments.orgId), eq(members.id, extraComments.memberId)))
    .leftJoin(authUser, eq(authUser.id, members.userId))
    .where(
      and(eq(extraComments.orgId, orgId), inArray(extraComments.extraId, extraIds), isNull(extraComments.deletedAt)),
    )
    .orderBy(asc(extraComments.createdAt));
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

/**
 * Per organisation, the latest week whose digest is due at `now`: a week (Monday to Sunday, in the
 * organisation's time zone) is due from 07:00 on the Monday after it.
 */
export async function selectDueWeeks(tx: Tx, now: Date) {
  const { rows } = await tx.execute<{
    org_id: string;
    org_name: string;
    default_language: string;
    time_zone: string;
    week_start: string;
    start: string;
    end: string;
  }>(sql`
    select o.id as org_id, o.name as org_name, o.default_language, o.time_zone,
           to_char(w.due, 'YYYY-MM-DD') as week_start,
           (w.due at time zone o.time_zone) as start, ((w.due + interval '7 days') at time zone o.time_zone) as end
      from organizations o
     cross join lateral (select date_trunc('week', ${now.toISOString()}::timestamptz at time zone o.time_zone) as monday) m
     cross join lateral (
       select case when (${now.toISOString()}::timestamptz at time zone o.time_zone) >= m.monday + interval '7 hours'
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
  const { rows: fresh } = await tx.execute<{ member_id: string }>(sql`
    insert into digest_deliveries (org_id, member_id, week_start, kind, status)
    select m.org_id, m.id, ${weekStart}::date, 'weekly', 'sending'
      from members m
     where m.org_id = ${orgId} and m.status = 'active' and not m.digest_opt_out and m.created_at < ${weekEnd.toISOString()}::timestamptz
    on conflict do nothing
    returning member_id`);
  const { rows: retried } = await tx.execute<{ member_id: string }>(sql`
    update digest_deliveries d
       set status = 'sending', attempts = d.attempts + 1, claimed_at = now(), error = null
      from members m
     where d.org_id = ${orgId} and d.week_start = ${weekStart}::date and d.status = 'failed' and d.attempts < ${maxAttempts}
       and d.claimed_at < now() - make_interval(mins => ${retryAfterMinutes})
       and m.org_id = d.org_id and m.id = d.member_id and m.status = 'active' and not m.digest_opt_out
    returning d.member_id`);
  return [...fresh, ...retried].map((r) => r.member_id);
}

export async function markDigest(
  tx: Tx,
  orgId: string,
  memberId: string,
  weekStart: string,
  outcome: { sent: true } | { sent: false; error: string },
) {
  await tx.execute(sql`
    update digest_deliveries
       set status = ${outcome.sent ? 'sent' : 'failed'}, sent_at = ${outcome.sent ? sql`now()` : sql`null`},
           error = ${outcome.sent ? null : outcome.error.slice(0, 500)}
     where org_id = ${orgId} and member_id = ${memberId} and week_start = ${weekStart}::date and kind = 'weekly'`);
}

/** Who a digest goes to: address, name, language, roles and teams. */
export async function selectRecipient(tx: Tx, orgId: string, memberId: string) {
  const { rows } = await tx.execute<{
    email: string;
    name: string;
    language: string | null;
    roles: Role[];
    team_ids: string[] | null;
    managed_team_ids: string[] | null;
  }>(sql`
    select u.email, u.name, u.language, m.roles,
           (select array_agg(tm.team_id) from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id and t.archived_at is null
             where tm.org_id = m.org_id and tm.member_id = m.id) as team_ids,
           (select array_agg(tm.team_id) from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id and t.archived_at is null
             where tm.org_id = m.org_id and tm.member_id = m.id and tm.is_manager) as managed_team_ids
      from members m join auth_user u on u.id = m.user_id
     where m.org_id = ${orgId} and m.id = ${memberId}`);
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
