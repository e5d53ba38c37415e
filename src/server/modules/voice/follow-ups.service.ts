import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type assignFollowupBody,
  type closeFollowupBody,
  type Followup,
  type FollowupDetail,
  type FollowupDueDay,
  VERY_NEGATIVE_SCORES,
  type VoiceSettings,
  type voiceSettingsBody,
} from '../../../contracts/voice.contract';
import type { Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { addDays, localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers, settleNotifications } from '../notifications/notifications.service';
import { findDirectorIds, findManagerIdsOfTeams, recordAudit } from '../org/org.service';
import {
  type FollowupRow,
  followupCreated,
  followupIs,
  followupOrder,
  followupState,
  followupsOf,
  insertFollowup,
  lockFollowup,
  selectAssignees,
  selectFollowupMessages,
  selectFollowupRows,
  selectOpenDueOn,
  selectReactionScore,
  updateFollowup,
} from './follow-ups.repo';
import { selectDueDays, upsertDueDays } from './voice.repo';
import { invalid, leads, seesContactOf, steering, toReaction, type VoiceDeps } from './voice.rules';

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
  const set = await selectDueDays(db, orgId);
  return DEFAULT_DUE_DAYS.map((d) => set?.find((s) => s.scale === d.scale && s.score === d.score) ?? d);
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
    await upsertDueDays(tx, tenant.orgId, merged, tenant.memberId);
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
  const followup = await insertFollowup(tx, orgId, {
    reactionId,
    teamId,
    dueOn: addDays(localDay(opened.timeZone), await dueDaysFor(tx, orgId, opened.scale, opened.score)),
  });
  if (followup) {
    // The team's active managers are told; a reaction without a team goes to the directors.
    const told = teamId ? await findManagerIdsOfTeams(tx, orgId, [teamId]) : await findDirectorIds(tx, orgId);
    await notifyMembers(tx, orgId, told, 'voice_followup', {
      followupId: followup.id,
      score: opened.score,
      scale: opened.scale,
    });
    await emitEvent(tx, orgId, 'reaction.very_negative', {
      followupId: followup.id,
      teamId,
      score: opened.score,
      max: opened.scale === 'agree5' ? 5 : 10,
    });
  }
  if (!opened.wantsContact) return { opened: followup?.id ?? null, contactBy: null };
  const dueOn = await selectOpenDueOn(tx, orgId, reactionId);
  return { opened: followup?.id ?? null, contactBy: dueOn !== undefined ? String(dueOn) : null };
}

// ---------- reading ----------

/** Who handles a follow-up: directors and admins, the team's managers, and the person it is given to. */
export const handles = (tenant: TenantContext, row: Pick<FollowupRow, 'teamId' | 'assignedTo'>) =>
  steering(tenant) || leads(tenant, [row.teamId]) || row.assignedTo === tenant.memberId;

/** The follow-up, locked for a change, if this person handles it (otherwise as if it did not exist). */
export async function followupToHandle(tx: Tx, tenant: TenantContext, followupId: string): Promise<FollowupRow> {
  const row = await lockFollowup(tx, tenant.orgId, followupId);
  if (!row || !handles(tenant, row)) throw notFound();
  return row;
}

async function selectFollowups(db: Tx, tenant: TenantContext, where: SQL, order: SQL): Promise<Followup[]> {
  const rows = await selectFollowupRows(db, tenant.orgId, where, order);
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
  const mine = followupsOf(steering(tenant), tenant.managedTeamIds, tenant.memberId);
  const items = await selectFollowups(deps.db, tenant, sql`${mine} and ${followupState(state)}`, followupOrder(state));
  return { items };
}

export async function getFollowup(
  deps: Pick<Deps, 'db' | 'appUrl' | 'mailer'>,
  tenant: TenantContext,
  followupId: string,
): Promise<FollowupDetail> {
  const [item] = await selectFollowups(deps.db, tenant, followupIs(followupId), followupCreated);
  if (!item || !handles(tenant, { teamId: item.teamId, assignedTo: item.assignee?.id ?? null })) throw notFound();
  const rows = await selectFollowupMessages(deps.db, tenant.orgId, followupId);
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
    assignees: await selectAssignees(deps.db, tenant.orgId, item.teamId),
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
    if (input.memberId && !(await selectAssignees(tx, tenant.orgId, row.teamId)).some((a) => a.id === input.memberId))
      throw invalid('body.memberId', 'not_in_team', 'give it to an active manager or member of the team');
    await updateFollowup(tx, tenant.orgId, followupId, { assignedTo: input.memberId });
    if (input.memberId && input.memberId !== tenant.memberId) {
      const reaction = await selectReactionScore(tx, tenant.orgId, row.reactionId);
      await notifyMembers(tx, tenant.orgId, [input.memberId], 'voice_followup', {
        followupId,
        score: reaction?.score,
        scale: reaction?.scale,
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
    await updateFollowup(tx, tenant.orgId, followupId, {
      status: input.outcome,
      note: input.note ?? null,
      closedBy: tenant.memberId,
      closedAt: new Date(),
    });
    await recordAudit(tx, tenant, 'voice_followup.closed', 'voice_followup', followupId, { outcome: input.outcome });
    // The notice that asked for this follow-up has been answered: read for everyone it went to.
    await settleNotifications(tx, tenant.orgId, 'voice_followup', { followupId });
  });
  return getFollowup(deps, tenant, followupId);
}
