import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { FollowupDueDay } from '../../../contracts/voice.contract';
import type { Tx } from '../../db/client';
import {
  customerReactions,
  reactionRequests,
  voiceFollowupMessages,
  voiceFollowups,
  voiceSettings,
} from '../../db/schema/voice.schema';
import { reactionAbout, reactionTeamName } from './subjects.read-model';

// The voice module's SQL: its tables and columns named through the schema objects, so a rename fails
// to compile. Raw SQL (subqueries, CTEs, joins over aliases) interpolates aliased tables from
// `alias(table, 'x')`: `${x.id}` renders `"x"."id"` and `from ${table} ${x}` names the table once.
// What voice reads of other modules' tables stays in subjects.read-model.ts.
//
// The SQL is split by what it is about: this file holds the aliases every part shares, the settings and
// a reaction's columns; follow-ups.repo.ts the follow-ups and their conversation with the customer;
// reactions.repo.ts the reactions; touchpoints.repo.ts the links and touchpoints;
// reaction-requests.repo.ts the reaction requests sent by e-mail.

/** The aliases the raw SQL uses; `r` is also the alias reactionJoins (subjects.read-model.ts) joins on. */
export const r = alias(customerReactions, 'r');
export const f = alias(voiceFollowups, 'f');
export const fm = alias(voiceFollowupMessages, 'm');
export const q = alias(reactionRequests, 'q');

// ---------- settings ----------

export async function selectDueDays(db: Tx, orgId: string): Promise<FollowupDueDay[] | undefined> {
  const [row] = await db.select().from(voiceSettings).where(eq(voiceSettings.orgId, orgId));
  return row?.followupDueDays;
}

export async function upsertDueDays(tx: Tx, orgId: string, followupDueDays: FollowupDueDay[], memberId: string) {
  await tx
    .insert(voiceSettings)
    .values({ orgId, followupDueDays, updatedBy: memberId })
    .onConflictDoUpdate({
      target: voiceSettings.orgId,
      set: { followupDueDays, updatedBy: memberId, updatedAt: new Date() },
    });
}

// ---------- reactions, as the team reads them ----------

/** The columns of a ReactionRow (voice.rules.ts), with reactionJoins. */
export const reactionColumns = sql`
  ${r.id}, ${r.subject}, ${r.extraId}, ${r.promiseId}, ${r.touchpointId}, ${r.teamId}, ${reactionTeamName}, ${r.memberId}, ${r.scale}, ${r.score}, ${r.comment},
  ${r.contactName}, ${r.contactEmail}, ${r.contactPhone}, ${r.createdAt},
  ${reactionAbout}`;
