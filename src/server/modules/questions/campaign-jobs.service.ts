/** The campaigns' background job: open the rounds due, take the day's response, remind, close. */
import { AppError } from '../../lib/app-error';
import { addDays } from '../../lib/days';
import { notifyMembers } from '../notifications/notifications.service';
import { lockCampaign, type QuestionsDeps } from './campaign-common';
import { closeCampaign } from './closing.service';
import { openCampaign } from './opening.service';
import { recordResponse } from './participation.service';
import {
  claimReminderRun,
  type DueWork,
  recordReminderRunSent,
  selectAudience,
  selectCampaign,
  selectDueCampaigns,
} from './rounds.repo';

/** Opens campaigns whose first day has come, takes the day's response, sends the reminders due, closes campaigns whose last day has passed. */
export async function runCampaignJobs(deps: QuestionsDeps, now = new Date()) {
  const done = { opened: 0, responses: 0, reminded: 0, closed: 0 };
  const due = (work: DueWork) => selectDueCampaigns(deps.db, work, now);
  for (const c of await due('open')) {
    const opened = await deps.db.transaction(async (tx) => {
      const row = await lockCampaign(tx, c.org_id, c.id);
      if (row.status !== 'scheduled') return false;
      await openCampaign(tx, deps.secret, row, c.today);
      return true;
    });
    if (opened) done.opened++;
  }
  // The day's response of each open round, once a day, as it stands when the day begins.
  for (const c of await due('response')) {
    const taken = await deps.db.transaction(async (tx) => {
      const row = await lockCampaign(tx, c.org_id, c.id);
      if (row.status !== 'open' || (row.responseOn !== null && row.responseOn >= c.today)) return false;
      await recordResponse(tx, deps.secret, c.org_id, c.id, c.today);
      return true;
    });
    if (taken) done.responses++;
  }
  for (const c of await due('close')) {
    try {
      await closeCampaign(deps, c.org_id, c.id, undefined, now);
      done.closed++;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'campaign_not_open')) throw err;
    }
  }
  for (const c of await due('remind')) done.reminded += await remind(deps, c.org_id, c.id, c.today);
  return done;
}

/**
 * Reminds everyone asked, on the days set before the close; each day once across processes (the run is
 * claimed first). Whether someone answered plays no part: a reminder only to those who had not would be
 * a trace, in their notices and their data export, of who had not answered that day. The notice says
 * when the round closes; the member's own page says whether they answered.
 */
async function remind(deps: QuestionsDeps, orgId: string, campaignId: string, today: string) {
  return deps.db.transaction(async (tx) => {
    const row = await selectCampaign(tx, orgId, campaignId);
    if (row?.status !== 'open' || row.closesOn < today) return 0;
    const dueDays = row.reminderDays.map((d) => addDays(row.closesOn, -d)).filter((d) => d <= today);
    if (dueDays.length === 0) return 0;
    const latest = dueDays.sort().at(-1)!;
    if (!(await claimReminderRun(tx, orgId, campaignId, latest))) return 0;
    const audience = await selectAudience(tx, orgId, campaignId);
    const everyone = audience.map((a) => a.member_id);
    await notifyMembers(tx, orgId, everyone, 'campaign_reminder', {
      campaignId,
      title: row.title,
      closesOn: row.closesOn,
    });
    await recordReminderRunSent(tx, orgId, campaignId, latest, everyone.length);
    return everyone.length;
  });
}
