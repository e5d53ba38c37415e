import { and, count, desc, eq, gte, inArray, lt, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { colleagueThanks } from '../../db/schema/thanks.schema';

// Read model over the thanks module's colleague_thanks, for the weekly digest: the thanks a person got
// in a week, to them or to one of their teams. Read only; the thanks module owns the table.

export interface ThanksReceived {
  fromMemberId: string;
  fromTeamId: string | null;
  toTeamId: string | null;
  words: string;
}

/** The newest `limit` thanks of the week to the member or to one of their teams (not their own), and how many in all. */
export async function selectThanksReceived(
  db: Db,
  scope: { orgId: string; memberId: string; teamIds: string[]; start: Date; end: Date },
  limit: number,
): Promise<{ total: number; newest: ThanksReceived[] }> {
  const t = colleagueThanks;
  const where = and(
    eq(t.orgId, scope.orgId),
    gte(t.createdAt, scope.start),
    lt(t.createdAt, scope.end),
    ne(t.fromMemberId, scope.memberId),
    scope.teamIds.length
      ? or(eq(t.toMemberId, scope.memberId), inArray(t.toTeamId, scope.teamIds))
      : eq(t.toMemberId, scope.memberId),
  );
  const [newest, [all]] = await Promise.all([
    db
      .select({ fromMemberId: t.fromMemberId, fromTeamId: t.fromTeamId, toTeamId: t.toTeamId, words: t.words })
      .from(t)
      .where(where)
      .orderBy(desc(t.createdAt))
      .limit(limit),
    db.select({ n: count() }).from(t).where(where),
  ]);
  return { total: all?.n ?? 0, newest };
}
