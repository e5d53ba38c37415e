import { and, arrayContains, arrayOverlaps, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { extraReactions, extras, mandates } from '../../db/schema/extras.schema';

// ---------- mandates ----------

export async function selectMandates(tx: Tx, orgId: string) {
  return tx.select().from(mandates).where(eq(mandates.orgId, orgId)).orderBy(asc(mandates.scopeType), asc(mandates.scopeKey));
}

export async function selectMandate(tx: Tx, orgId: string, mandateId: string) {
  const [row] = await tx
    .select()
    .from(mandates)
    .where(and(eq(mandates.orgId, orgId), eq(mandates.id, mandateId)));
  return row;
}

/** Every mandate that could apply to someone with these roles, teams and id. */
export async function selectCandidateMandates(tx: Tx, orgId: string, who: { memberId: string; teamIds: string[]; roles: string[] }) {
  const keys = (type: string, values: string[]) =>
    values.length ? and(eq(mandates.scopeType, type), inArray(mandates.scopeKey, values)) : undefined;
  return tx
    .select()
    .from(mandates)
    .where(
      and(
        eq(mandates.orgId, orgId),
        or(
          and(eq(mandates.scopeType, 'member'), eq(mandates.scopeKey, who.memberId)),
          keys('team', who.teamIds),
          keys('role', who.roles),
        ),
      ),
    );
}

export async function upsertMandate(tx: Tx, orgId: string, values: Omit<typeof mandates.$inferInsert, 'orgId' | 'id'>) {
  const [row] = await tx
    .insert(mandates)
    .values({ orgId, ...values })
    .onConflictDoUpdate({
      target: [mandates.orgId, mandates.scopeType, mandates.scopeKey],
      set: { ...values, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function deleteMandate(tx: Tx, orgId: string, mandateId: string) {
  const rows = await tx
    .delete(mandates)
    .where(and(eq(mandates.orgId, orgId), eq(mandates.id, mandateId)))
    .returning({ id: mandates.id });
  return rows.length > 0;
}

// ---------- periods and usage ----------

/**
 * The week (Monday to Monday) or month around `at` in the organisation's time zone, and what the member
 * gave in it (deleted extras left out, optionally without one being edited), in one round trip.
 * PostgreSQL does the calendar, so daylight-saving changes are handled: a week can be 167 or 169 hours.
 */
export async function selectPeriodUsage(
  tx: Tx,
  who: { orgId: string; memberId: string; timeZone: string },
  period: 'week' | 'month',
  at: Date,
  exceptExtraId?: string,
) {
  const unit = period === 'week' ? 'week' : 'month';
  const local = sql`(${at.toISOString()}::timestamptz at time zone ${who.timeZone})`;
  const { rows } = await tx.execute<{ start: string; end: string; used: number }>(sql`
    with bounds as (
      select (date_trunc(${unit}, ${local}) at time zone ${who.timeZone}) as start,
             ((date_trunc(${unit}, ${local}) + ${`1 ${unit}`}::interval) at time zone ${who.timeZone}) as "end")
    select bounds.start, bounds."end",
           (select coalesce(sum(e.cost_cents), 0)::int from extras e
             where e.org_id = ${who.orgId} and e.member_id = ${who.memberId} and e.deleted_at is null
               and e.occurred_at >= bounds.start and e.occurred_at < bounds."end"
               and (${exceptExtraId ?? null}::uuid is null or e.id <> ${exceptExtraId ?? null}::uuid)) as used
      from bounds`);
  const row = rows[0]!;
  return { start: new Date(row.start), end: new Date(row.end), usedCents: Number(row.used) };
}

/** The moment a local calendar day (plus some days) starts in the time zone. */
export async function selectLocalDayStart(tx: Tx, timeZone: string, date: string, plusDays: number): Promise<Date> {
  const { rows } = await tx.execute<{ start: string }>(
    sql`select ((${date}::date + ${plusDays}::int)::timestamp at time zone ${timeZone}) as start`,
  );
  return new Date(rows[0]!.start);
}

/** Serialises writes that spend one member's budget, so two extras at once cannot both pass the check. */
export async function lockMemberBudget(tx: Tx, orgId: string, memberId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budget:${orgId}:${memberId}`}, 0))`);
}

// ---------- extras ----------

export type ExtraRow = typeof extras.$inferSelect;

export async function insertExtra(tx: Tx, orgId: string, values: Omit<typeof extras.$inferInsert, 'orgId' | 'id'>) {
  const [row] = await tx
    .insert(extras)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

export async function selectExtra(tx: Tx, orgId: string, extraId: string) {
  const [row] = await tx
    .select()
    .from(extras)
    .where(and(eq(extras.orgId, orgId), eq(extras.id, extraId), isNull(extras.deletedAt)));
  return row;
}

export async function updateExtraRow(tx: Tx, orgId: string, extraId: string, values: Partial<typeof extras.$inferInsert>) {
  const [row] = await tx
    .update(extras)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(extras.orgId, orgId), eq(extras.id, extraId)))
    .returning();
  return row;
}

export interface ExtraFilter {
  memberId?: string;
  /** Extras logged in any of these teams. */
  anyTeamIds?: string[];
  from?: Date;
  to?: Date;
  valueId?: string;
  kind?: string;
  after?: { occurredAt: Date; id: string };
}

export async function selectExtras(tx: Tx, orgId: string, filter: ExtraFilter, limit: number) {
  const conditions: (SQL | undefined)[] = [eq(extras.orgId, orgId), isNull(extras.deletedAt)];
  if (filter.memberId) conditions.push(eq(extras.memberId, filter.memberId));
  if (filter.anyTeamIds) conditions.push(arrayOverlaps(extras.teamIds, filter.anyTeamIds));
  if (filter.from) conditions.push(gte(extras.occurredAt, filter.from));
  if (filter.to) conditions.push(lt(extras.occurredAt, filter.to));
  if (filter.valueId) conditions.push(arrayContains(extras.valueIds, [filter.valueId]));
  if (filter.kind) conditions.push(eq(extras.kind, filter.kind));
  if (filter.after) {
    conditions.push(
      sql`(${extras.occurredAt}, ${extras.id}) < (${filter.after.occurredAt.toISOString()}::timestamptz, ${filter.after.id}::uuid)`,
    );
  }
  return tx
    .select()
    .from(extras)
    .where(and(...conditions))
    .orderBy(desc(extras.occurredAt), desc(extras.id))
    .limit(limit);
}

/** Recent occasions and actions of a member and their teams, newest first, for suggestions. */
export async function selectRecentTexts(tx: Tx, orgId: string, memberId: string, teamIds: string[], limit: number) {
  return tx
    .select({ occasion: extras.occasion, action: extras.action })
    .from(extras)
    .where(
      and(
        eq(extras.orgId, orgId),
        isNull(extras.deletedAt),
        isNull(extras.hiddenAt),
        or(eq(extras.memberId, memberId), teamIds.length ? arrayOverlaps(extras.teamIds, teamIds) : undefined),
      ),
    )
    .orderBy(desc(extras.createdAt))
    .limit(limit);
}

export async function insertReaction(
  tx: Tx,
  orgId: string,
  values: { extraId: string; reactionText: string | null; reactionScore: number | null; changedBy: string },
) {
  await tx.insert(extraReactions).values({ orgId, ...values });
}

export async function selectReactions(tx: Tx, orgId: string, extraId: string) {
  return tx
    .select()
    .from(extraReactions)
    .where(and(eq(extraReactions.orgId, orgId), eq(extraReactions.extraId, extraId)))
    .orderBy(asc(extraReactions.changedAt));
}
