import { and, desc, eq, getTableColumns, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { exactIsoText, type Tx } from '../../db/client';
import { members, teamMembers, teams } from '../../db/schema/org.schema';
import { colleagueThanks } from '../../db/schema/thanks.schema';
import type { Keyset } from '../../lib/cursor';

// The SQL of the thanks module: its own table, and the organisation's members and teams it checks against.

export type ThanksRow = typeof colleagueThanks.$inferSelect;
/** A thanks of a page, with where the next page starts (lib/cursor). */
export type PagedThanksRow = ThanksRow & { cursorAt: string };

export async function selectMemberStatus(tx: Tx, orgId: string, memberId: string) {
  const [row] = await tx
    .select({ status: members.status, erasedAt: members.erasedAt })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
  return row;
}

/** An active (not archived) team of the organisation. */
export async function selectActiveTeam(tx: Tx, orgId: string, teamId: string) {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.archivedAt)));
  return row;
}

/** The active members of a team: who hears of thanks to the team. */
export async function selectActiveTeamMemberIds(tx: Tx, orgId: string, teamId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: teamMembers.memberId })
    .from(teamMembers)
    .innerJoin(members, and(eq(members.orgId, teamMembers.orgId), eq(members.id, teamMembers.memberId)))
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.teamId, teamId), eq(members.status, 'active')));
  return rows.map((r) => r.id);
}

export async function insertThanks(
  tx: Tx,
  values: Omit<typeof colleagueThanks.$inferInsert, 'id' | 'createdAt'>,
): Promise<ThanksRow> {
  const [row] = await tx.insert(colleagueThanks).values(values).returning();
  return row!;
}

export async function selectThanks(tx: Tx, orgId: string, thanksId: string) {
  const [row] = await tx
    .select()
    .from(colleagueThanks)
    .where(and(eq(colleagueThanks.orgId, orgId), eq(colleagueThanks.id, thanksId)));
  return row;
}

export async function deleteThanks(tx: Tx, orgId: string, thanksId: string) {
  await tx.delete(colleagueThanks).where(and(eq(colleagueThanks.orgId, orgId), eq(colleagueThanks.id, thanksId)));
}

const before = (after: Keyset | undefined) =>
  after
    ? sql`(${colleagueThanks.createdAt}, ${colleagueThanks.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : undefined;

function page(
  tx: Tx,
  orgId: string,
  which: SQL | undefined,
  limit: number,
  after: Keyset | undefined,
): Promise<PagedThanksRow[]> {
  return tx
    .select({ ...getTableColumns(colleagueThanks), cursorAt: exactIsoText(colleagueThanks.createdAt).mapWith(String) })
    .from(colleagueThanks)
    .where(and(eq(colleagueThanks.orgId, orgId), which, before(after)))
    .orderBy(desc(colleagueThanks.createdAt), desc(colleagueThanks.id))
    .limit(limit);
}

/** A team's thanks: to the team, to its members, and from it; newest first. */
export function selectTeamThanks(tx: Tx, orgId: string, teamId: string, limit: number, after?: Keyset) {
  const ofTeam = tx
    .select({ id: teamMembers.memberId })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.teamId, teamId)));
  return page(
    tx,
    orgId,
    or(
      eq(colleagueThanks.toTeamId, teamId),
      eq(colleagueThanks.fromTeamId, teamId),
      inArray(colleagueThanks.toMemberId, ofTeam),
    ),
    limit,
    after,
  );
}

/** Thanks a person received: to them, and to one of their teams; newest first. */
export function selectReceivedThanks(
  tx: Tx,
  orgId: string,
  memberId: string,
  teamIds: string[],
  limit: number,
  after?: Keyset,
) {
  return page(
    tx,
    orgId,
    and(
      ne(colleagueThanks.fromMemberId, memberId),
      or(
        eq(colleagueThanks.toMemberId, memberId),
        teamIds.length ? inArray(colleagueThanks.toTeamId, teamIds) : undefined,
      ),
    ),
    limit,
    after,
  );
}
