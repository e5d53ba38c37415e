import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type assignFollowupBody,
  type closeFollowupBody,
  type Followup,
  type FollowupDetail,
  type FollowupDueDay,
  type FollowupMessage,
  VERY_NEGATIVE_SCORES,
  type VoiceSettings,
  type voiceSettingsBody,
} from '../../../contracts/voice.contract';
import type { Tx } from '../../db/client';
import { voiceFollowups, voiceSettings } from '../../db/schema/voice.schema';
import type { Deps } from '../../deps';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { addDays, localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers, settleNotifications } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import { reactionJoins } from './subjects.read-model';
import {
  invalid,
  leads,
  type ReactionRow,
  reactionColumns,
  seesContactOf,
  steering,
  toReaction,
  type VoiceDeps,
} from './voice.rules';

// The follow-up of a very negative reaction: opened when the customer reacts, listed for the team's
// manager (directors: all) and the person it is given to, closed with an outcome. Its due day comes
// from the organisation's settings per score. The conversation with the customer: followup-mail.service.ts.

// ---------- due days per score ----------

/** Worse is sooner: the default days per very negative score, until an administrator sets them. */
export const DEFAULT_DUE_DAYS: FollowupDueDay[] = VERY_NEGATIVE_SCORES.map((v) => ({
  ...v,
  days: v.scale === 'scale10' && v.score === 0 ? 1 : v.scale === 'scale10' && v.score === 2 ? 3 : 2,
}));

async function dueDaysOf(db: Tx, orgId: string): Promise<FollowupDueDay[]> {
  const [row] = await db.select().from(voiceSettings).where(eq(voiceSettings.orgId, orgId));
  return DEFAULT_DUE_DAYS.map((d) => row?.followupDueDays.find((s) => s.scale === d.scale && s.score === d.score) ?? d);
}

async function dueDaysFor(tx: Tx, orgId: string, scale: string, score: number): Promise<number> {
  const days = await dueDaysOf(tx, orgId);
  return days.find((d) => d.scale === scale && d.score === score)?.days ?? 2;
}

export async function getVoiceSettings(deps: VoiceDeps, tenant: TenantContext): Promise<VoiceSettings> {
  return { followupDueDays: await dueDaysOf(deps.db, tenant.orgId) };
}

/** The administrator sets the days per score; a score left out keeps what it had. Open follow-ups keep their day. */
export async function setVoiceSettings(
  deps: VoiceDeps,
  tenant: TenantContext,
  input: z.output<typeof voiceSettingsBody>,
): Promise<VoiceSettings> {
  await deps.db.transaction(async (tx) => {
    const merged = (await dueDaysOf(tx, tenant.orgId)).map(
      (d) => input.followupDueDays.find((s) => s.scale === d.scale && s.score === d.score) ?? d,
    );
    await tx
      .insert(voiceSettings)
      .values({ orgId: tenant.orgId, followupDueDays: merged, updatedBy: tenant.memberId })
      .onConflictDoUpdate({
        target: voiceSettings.orgId,
        set: { followupDueDays: merged, updatedBy: tenant.memberId, updatedAt: new Date() },
      });
    await recordAudit(tx, tenant, 'voice_settings.updated', 'voice_settings', tenant.orgId, {
      followupDueDays: merged,
    });
  });
  return getVoiceSettings(deps, tenant);
}

// ---------- opening ----------

/**
 * Opens the follow-up of a very negative reaction (once per reaction) and tells the team's managers
 * (no team: the directors). Returns the day by which the customer hears back, when they asked to be
 * contacted and the follow-up is open, and the follow-up when this call opened it.
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
): Promise<{ opened: string | null; contactBy: string | null }> {
  const { orgId, reactionId, teamId } = opened;
  const [followup] = await tx
    .insert(voiceFollowups)
    .values({
      orgId,
      reactionId,
      teamId,
      dueOn: addDays(localDay(opened.timeZone), await dueDaysFor(tx, orgId, opened.scale, opened.score)),
    })
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
  if (!opened.wantsContact) return { opened: followup?.id ?? null, contactBy: null };
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
  return { opened: followup?.id ?? null, contactBy: open ? String(open.dueOn) : null };
}

// ---------- reading ----------

type FollowupRow = typeof voiceFollowups.$inferSelect;

/** Who handles a follow-up: directors and admins, the team's managers, and the person it is given to. */
export const handles = (tenant: TenantContext, row: Pick<FollowupRow, 'teamId' | 'assignedTo'>) =>
  steering(tenant) || leads(tenant, [row.teamId]) || row.assignedTo === tenant.memberId;

/** The follow-up, locked for a change, if this person handles it (otherwise as if it did not exist). */
export async function followupToHandle(tx: Tx, tenant: TenantContext, followupId: string): Promise<FollowupRow> {
  const [row] = await tx
    .select()
    .from(voiceFollowups)
    .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)))
    .for('update');
  if (!row || !handles(tenant, row)) throw notFound();
  return row;
}

type ListedRow = ReactionRow & {
  f_id: string;
  f_team_id: string | null;
  f_team_name: string | null;
  due_on: string;
  status: Followup['status'];
  note: string | null;
  closed_by_name: string | null;
  closed_at: Date | null;
  assigned_to: string | null;
  assignee_name: string | null;
  messages: number;
  last_kind: string | null;
};

async function selectFollowups(db: Tx, tenant: TenantContext, where: SQL, order: SQL): Promise<Followup[]> {
  const { rows } = await db.execute<ListedRow>(sql`
    select ${reactionColumns}, f.id as f_id, f.team_id as f_team_id, ft.name as f_team_name, f.due_on::text, f.status, f.note, f.closed_at, u.name as closed_by_name,
           f.assigned_to, au.name as assignee_name,
           (select count(*)::int from voice_followup_messages m where m.org_id = f.org_id and m.followup_id = f.id) as messages,
           (select m.kind from voice_followup_messages m where m.org_id = f.org_id and m.followup_id = f.id order by m.created_at desc limit 1) as last_kind
      from voice_followups f
      join customer_reactions r on r.org_id = f.org_id and r.id = f.reaction_id
      ${reactionJoins}
      left join teams ft on ft.org_id = f.org_id and ft.id = f.team_id
      left join members cm on cm.org_id = f.org_id and cm.id = f.closed_by
      left join auth_user u on u.id = cm.user_id
      left join members am on am.org_id = f.org_id and am.id = f.assigned_to
      left join auth_user au on au.id = am.user_id
     where f.org_id = ${tenant.orgId} and ${where}
     order by ${order}
     limit 200`);
  const today = localDay(tenant.timeZone);
  return rows.map((r) => ({
    id: r.f_id,
    // The person it is given to sees the contact details they need to answer.
    reaction: toReaction(r, tenant, r.assigned_to === tenant.memberId || seesContactOf(tenant, r.team_id)),
    teamId: r.f_team_id,
    teamName: r.f_team_name,
    dueOn: r.due_on,
    late: r.status === 'open' && r.due_on < today,
    status: r.status,
    note: r.note,
    closedByName: r.closed_by_name,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    assignee: r.assigned_to ? { id: r.assigned_to, name: r.assignee_name ?? '' } : null,
    messages: r.messages,
    customerReplied: r.last_kind === 'from_customer',
  }));
}

/** The follow-ups of the teams I lead and those given to me (directors: all), open ones soonest first. */
export async function listFollowups(
  deps: VoiceDeps,
  tenant: TenantContext,
  state: 'open' | 'closed',
): Promise<{ items: Followup[] }> {
  const mine = steering(tenant)
    ? sql`true`
    : sql`(f.team_id = any(${sql.param(tenant.managedTeamIds)}::uuid[]) or f.assigned_to = ${tenant.memberId})`;
  const items = await selectFollowups(
    deps.db,
    tenant,
    sql`${mine} and ${state === 'open' ? sql`f.status = 'open'` : sql`f.status <> 'open'`}`,
    state === 'open' ? sql`f.due_on, f.created_at` : sql`f.closed_at desc`,
  );
  return { items };
}

/** Who a follow-up may be given to: the team's active managers and members (no team: the directors). */
async function assigneesOf(db: Tx, orgId: string, teamId: string | null) {
  const { rows } = await db.execute<{ id: string; name: string; manager: boolean }>(
    teamId
      ? sql`select m.id, u.name, tm.is_manager as manager from team_members tm
              join members m on m.org_id = tm.org_id and m.id = tm.member_id and m.status = 'active'
              join auth_user u on u.id = m.user_id
             where tm.org_id = ${orgId} and tm.team_id = ${teamId} order by tm.is_manager desc, u.name`
      : sql`select m.id, u.name, true as manager from members m join auth_user u on u.id = m.user_id
             where m.org_id = ${orgId} and m.status = 'active' and 'director' = any(m.roles) order by u.name`,
  );
  return rows;
}

export async function getFollowup(
  deps: Pick<Deps, 'db' | 'appUrl' | 'mailer'>,
  tenant: TenantContext,
  followupId: string,
): Promise<FollowupDetail> {
  const [item] = await selectFollowups(deps.db, tenant, sql`f.id = ${followupId}`, sql`f.created_at`);
  if (!item || !handles(tenant, { teamId: item.teamId, assignedTo: item.assignee?.id ?? null })) throw notFound();
  const { rows } = await deps.db.execute<{
    id: string;
    kind: FollowupMessage['kind'];
    body: string | null;
    author_name: string | null;
    created_at: Date;
  }>(sql`
    select m.id, m.kind, m.body, u.name as author_name, m.created_at
      from voice_followup_messages m
      left join members am on am.org_id = m.org_id and am.id = m.author_id
      left join auth_user u on u.id = am.user_id
     where m.org_id = ${tenant.orgId} and m.followup_id = ${followupId}
     order by m.created_at, m.id`);
  return {
    ...item,
    conversation: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      authorName: m.author_name,
      at: new Date(m.created_at).toISOString(),
    })),
    mail:
      item.status !== 'open'
        ? 'closed'
        : !deps.mailer.delivers
          ? 'mail_not_configured'
          : !item.reaction.contact?.email
            ? 'no_address'
            : 'ready',
    assignees: await assigneesOf(deps.db, tenant.orgId, item.teamId),
  };
}

// ---------- changing ----------

/** Gives the follow-up to a person of its team (or back to the team's managers); they are told. */
export async function assignFollowup(
  deps: Pick<Deps, 'db' | 'appUrl' | 'mailer'>,
  tenant: TenantContext,
  followupId: string,
  input: z.output<typeof assignFollowupBody>,
): Promise<FollowupDetail> {
  await deps.db.transaction(async (tx) => {
    const row = await followupToHandle(tx, tenant, followupId);
    if (!steering(tenant) && !leads(tenant, [row.teamId])) throw forbidden();
    if (row.status !== 'open') throw new AppError('conflict', 409, { detail: 'this follow-up is already closed' });
    if (input.memberId && !(await assigneesOf(tx, tenant.orgId, row.teamId)).some((a) => a.id === input.memberId))
      throw invalid('body.memberId', 'not_in_team', 'give it to an active manager or member of the team');
    await tx
      .update(voiceFollowups)
      .set({ assignedTo: input.memberId })
      .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)));
    if (input.memberId && input.memberId !== tenant.memberId) {
      const { rows } = await tx.execute<{ score: number; scale: string }>(
        sql`select score, scale from customer_reactions where org_id = ${tenant.orgId} and id = ${row.reactionId}`,
      );
      await notifyMembers(tx, tenant.orgId, [input.memberId], 'voice_followup', {
        followupId,
        score: rows[0]?.score,
        scale: rows[0]?.scale,
      });
    }
    await recordAudit(tx, tenant, 'voice_followup.assigned', 'voice_followup', followupId, {
      memberId: input.memberId,
    });
  });
  return getFollowup(deps, tenant, followupId);
}

export async function closeFollowup(
  deps: Pick<Deps, 'db' | 'appUrl' | 'mailer'>,
  tenant: TenantContext,
  followupId: string,
  input: z.output<typeof closeFollowupBody>,
): Promise<FollowupDetail> {
  await deps.db.transaction(async (tx) => {
    const row = await followupToHandle(tx, tenant, followupId);
    if (row.status !== 'open') throw new AppError('conflict', 409, { detail: 'this follow-up is already closed' });
    await tx
      .update(voiceFollowups)
      .set({ status: input.outcome, note: input.note ?? null, closedBy: tenant.memberId, closedAt: new Date() })
      .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)));
    await recordAudit(tx, tenant, 'voice_followup.closed', 'voice_followup', followupId, { outcome: input.outcome });
    // The notice that asked for this follow-up has been answered: read for everyone it went to.
    await settleNotifications(tx, tenant.orgId, 'voice_followup', { followupId });
  });
  return getFollowup(deps, tenant, followupId);
}
