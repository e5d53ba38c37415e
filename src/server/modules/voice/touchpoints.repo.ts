import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { teams } from '../../db/schema/org.schema';
import { customerReactions, touchpoints, voiceLinks } from '../../db/schema/voice.schema';

// The voice module's SQL for links (of an extra, a promise or a touchpoint) and for the touchpoints
// themselves (see voice.repo.ts for how the SQL names tables and aliases).

export type LinkRow = typeof voiceLinks.$inferSelect;
type LinkValues = Omit<typeof voiceLinks.$inferInsert, 'orgId' | 'id'>;
type TouchpointValues = Omit<typeof touchpoints.$inferInsert, 'orgId' | 'id'>;

// ---------- links ----------

export async function selectLink(db: Db, orgId: string, linkId: string) {
  const [row] = await db
    .select()
    .from(voiceLinks)
    .where(and(eq(voiceLinks.orgId, orgId), eq(voiceLinks.id, linkId)));
  return row;
}

/** The link of an extra or a promise, if it has one. */
export async function selectLinkOf(db: Tx, orgId: string, subject: 'extra' | 'promise', id: string) {
  const target = subject === 'extra' ? voiceLinks.extraId : voiceLinks.promiseId;
  const [row] = await db
    .select()
    .from(voiceLinks)
    .where(and(eq(voiceLinks.orgId, orgId), eq(target, id)));
  return row;
}

/** Writes a link; with `once`, nothing when its subject already has the one link it may have. */
export async function insertLink(tx: Tx, orgId: string, values: LinkValues, once = false) {
  const insert = tx.insert(voiceLinks).values({ orgId, ...values });
  await (once ? insert.onConflictDoNothing() : insert);
}

/** How many reactions came in through a link. */
export async function countLinkReactions(db: Tx, orgId: string, linkId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(customerReactions)
    .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.linkId, linkId)));
  return row?.n ?? 0;
}

// ---------- touchpoints ----------

/** The organisation's touchpoints, the archived ones last, each group by name. */
export async function selectTouchpoints(db: Tx, orgId: string) {
  return db
    .select()
    .from(touchpoints)
    .where(eq(touchpoints.orgId, orgId))
    .orderBy(sql`${touchpoints.archivedAt} is not null`, touchpoints.name);
}

/** The live (not revoked) links of the organisation's touchpoints. */
export async function selectTouchpointLinks(db: Tx, orgId: string) {
  return db
    .select()
    .from(voiceLinks)
    .where(
      and(eq(voiceLinks.orgId, orgId), sql`${voiceLinks.touchpointId} is not null and ${voiceLinks.revokedAt} is null`),
    );
}

/** The team of a touchpoint, null when it has none (or is unknown). */
export async function selectTouchpointTeam(tx: Tx, orgId: string, touchpointId: string | null) {
  if (!touchpointId) return null;
  const [row] = await tx
    .select({ teamId: touchpoints.teamId })
    .from(touchpoints)
    .where(and(eq(touchpoints.orgId, orgId), eq(touchpoints.id, touchpointId)));
  return row?.teamId ?? null;
}

export async function insertTouchpoint(tx: Tx, orgId: string, values: TouchpointValues) {
  const [row] = await tx
    .insert(touchpoints)
    .values({ orgId, ...values })
    .returning();
  return row!;
}

/** The touchpoint, locked for the rest of the transaction. */
export async function lockTouchpoint(tx: Tx, orgId: string, touchpointId: string) {
  const [row] = await tx
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.orgId, orgId), eq(touchpoints.id, touchpointId)))
    .for('update');
  return row;
}

export async function updateTouchpointRow(
  tx: Tx,
  orgId: string,
  touchpointId: string,
  set: Partial<Pick<TouchpointValues, 'name' | 'teamId' | 'archivedAt'>>,
) {
  await tx
    .update(touchpoints)
    .set(set)
    .where(and(eq(touchpoints.orgId, orgId), eq(touchpoints.id, touchpointId)));
}

/** Revokes the touchpoint's live link, so its QR code stops working. */
export async function revokeTouchpointLinks(tx: Tx, orgId: string, touchpointId: string) {
  await tx
    .update(voiceLinks)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(voiceLinks.orgId, orgId), eq(voiceLinks.touchpointId, touchpointId), sql`${voiceLinks.revokedAt} is null`),
    );
}

/** Whether a team of the organisation exists and is not archived. */
export async function isActiveTeam(tx: Tx, orgId: string, teamId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.id, teamId), isNull(teams.archivedAt)));
  return rows.length > 0;
}
