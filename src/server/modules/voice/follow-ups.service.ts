import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { closeFollowupBody, Followup } from '../../../contracts/voice.contract';
import type { Tx } from '../../db/client';
import { voiceFollowups } from '../../db/schema/voice.schema';
import { AppError, notFound } from '../../lib/app-error';
import { addDays, localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers, settleNotifications } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import {
  FOLLOWUP_DAYS,
  leads,
  type ReactionRow,
  reactionColumns,
  reactionJoins,
  steering,
  toReaction,
  type VoiceDeps,
} from './voice.rules';

// The follow-up of a very negative reaction: opened when the customer reacts, listed for the team's
// manager (directors: all), closed with an outcome.

/**
 * Opens the follow-up of a very negative reaction (once per reaction) and tells the team's managers
 * (no team: the directors). Returns the day by which the customer hears back, when they asked to be
 * contacted and the follow-up is open.
 */
export async function openFollowup(
  tx: Tx,
  opened: {
    orgId: string;
    reactionId: string;
    teamId: string | null;
    score: number;
    scale: 'agree5' | 'scale10';
    timeZone: string;
    wantsContact: boolean;
  },
): Promise<string | null> {
  const { orgId, reactionId, teamId } = opened;
  const [followup] = await tx
    .insert(voiceFollowups)
    .values({ orgId, reactionId, teamId, dueOn: addDays(localDay(opened.timeZone), FOLLOWUP_DAYS) })
    .onConflictDoNothing()
    .returning({ id: voiceFollowups.id });
  if (followup) {
    const { rows: managers } = await tx.execute<{ member_id: string }>(
      teamId
        ? sql`select tm.member_id from team_members tm join members m on m.org_id = tm.org_id and m.id = tm.member_id and m.status = 'active'
               where tm.org_id = ${orgId} and tm.team_id = ${teamId} and tm.is_manager`
        : sql`select id as member_id from members where org_id = ${orgId} and status = 'active' and 'director' = any(roles)`,
    );
    await notifyMembers(
      tx,
      orgId,
      managers.map((m) => m.member_id),
      'voice_followup',
      { followupId: followup.id, score: opened.score, scale: opened.scale },
    );
    await emitEvent(tx, orgId, 'reaction.very_negative', {
      followupId: followup.id,
      teamId,
      score: opened.score,
      max: opened.scale === 'agree5' ? 5 : 10,
    });
  }
  if (!opened.wantsContact) return null;
  const [open] = await tx
    .select({ dueOn: voiceFollowups.dueOn })
    .from(voiceFollowups)
    .where(
      and(
        eq(voiceFollowups.orgId, orgId),
        eq(voiceFollowups.reactionId, reactionId),
        eq(voiceFollowups.status, 'open'),
      ),
    );
  return open ? String(open.dueOn) : null;
}

// ---------- follow-ups ----------

/** The follow-ups of the teams I lead (directors: all), open ones soonest first. */
export async function listFollowups(
  deps: VoiceDeps,
  tenant: TenantContext,
  state: 'open' | 'closed',
): Promise<{ items: Followup[] }> {
  const mine = steering(tenant) ? sql`true` : sql`f.team_id = any(${sql.param(tenant.managedTeamIds)}::uuid[])`;
  const { rows } = await deps.db.execute<
    ReactionRow & {
      f_id: string;
      f_team_id: string | null;
      f_team_name: string | null;
      due_on: string;
      status: Followup['status'];
      note: string | null;
      closed_by_name: string | null;
      closed_at: Date | null;
    }
  >(sql`
    select ${reactionColumns}, f.id as f_id, f.team_id as f_team_id, ft.name as f_team_name, f.due_on::text, f.status, f.note, f.closed_at, u.name as closed_by_name
      from voice_followups f
      join customer_reactions r on r.org_id = f.org_id and r.id = f.reaction_id
      ${reactionJoins}
      left join teams ft on ft.org_id = f.org_id and ft.id = f.team_id
      left join members cm on cm.org_id = f.org_id and cm.id = f.closed_by
      left join auth_user u on u.id = cm.user_id
     where f.org_id = ${tenant.orgId} and ${mine} and ${state === 'open' ? sql`f.status = 'open'` : sql`f.status <> 'open'`}
     order by ${state === 'open' ? sql`f.due_on, f.created_at` : sql`f.closed_at desc`}
     limit 200`);
  const today = localDay(tenant.timeZone);
  return {
    items: rows.map((r) => ({
      id: r.f_id,
      reaction: toReaction(r, tenant),
      teamId: r.f_team_id,
      teamName: r.f_team_name,
      dueOn: r.due_on,
      late: r.status === 'open' && r.due_on < today,
      status: r.status,
      note: r.note,
      closedByName: r.closed_by_name,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    })),
  };
}

export async function closeFollowup(
  deps: VoiceDeps,
  tenant: TenantContext,
  followupId: string,
  input: z.output<typeof closeFollowupBody>,
): Promise<Followup> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(voiceFollowups)
      .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)))
      .for('update');
    if (!row) throw notFound();
    if (!steering(tenant) && !leads(tenant, [row.teamId])) throw notFound();
    if (row.status !== 'open') throw new AppError('conflict', 409, { detail: 'this follow-up is already closed' });
    await tx
      .update(voiceFollowups)
      .set({ status: input.outcome, note: input.note ?? null, closedBy: tenant.memberId, closedAt: new Date() })
      .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)));
    await recordAudit(tx, tenant, 'voice_followup.closed', 'voice_followup', followupId, { outcome: input.outcome });
    // The notice that asked for this follow-up has been answered: read for everyone it went to.
    await settleNotifications(tx, tenant.orgId, 'voice_followup', { followupId });
  });
  const closed = await listFollowups(deps, tenant, 'closed');
  return closed.items.find((f) => f.id === followupId)!;
}
