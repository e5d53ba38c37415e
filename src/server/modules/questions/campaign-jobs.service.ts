/** The campaigns' background job: open the rounds due, take the day's response, remind, close. */
import { and, eq, sql } from 'drizzle-orm';
import { campaigns } from '../../db/schema/questions.schema';
import { AppError } from '../../lib/app-error';
import { addDays } from '../../lib/days';
import { notifyMembers } from '../notifications/notifications.service';
import { lockCampaign, type QuestionsDeps } from './campaign-common';
import { closeCampaign } from './closing.service';
import { openCampaign } from './opening.service';
import { recordResponse } from './participation.service';

/** Opens campaigns whose first day has come, takes the day's response, sends the reminders due, closes campaigns whose last day has passed. */
export async function runCampaignJobs(deps: QuestionsDeps, now = new Date()) {
  const done = { opened: 0, responses: 0, reminded: 0, closed: 0 };
  const due = async (where: ReturnType<typeof sql>) => {
    const { rows } = await deps.db.execute<{ org_id: string; id: string; today: string }>(sql`
      select c.org_id, c.id, (${now.toISOString()}::timestamptz at time zone o.time_zone)::date::text as today
        from campaigns c join organizations o on o.id = c.org_id
       where ${where}`);
    return rows;
  };
  for (const c of await due(
    sql`c.status = 'scheduled' and c.opens_on <= (${now.toISOString()}::timestamptz at time zone o.time_zone)::date`,
  )) {
    const opened = await deps.db.transaction(async (tx) => {
      const row = await lockCampaign(tx, c.org_id, c.id);
      if (row.status !== 'scheduled') return false;
      await openCampaign(tx, deps.secret, row, c.today);
      return true;
    });
    if (opened) done.opened++;
  }
  // The day's response of each open round, once a day, as it stands when the day begins.
  for (const c of await due(sql`c.status = 'open' and c.closes_on >= (${now.toISOString()}::timestamptz at time zone o.time_zone)::date
                                 and (c.response_on is null or c.response_on < (${now.toISOString()}::timestamptz at time zone o.time_zone)::date)`)) {
    const taken = await deps.db.transaction(async (tx) => {
      const row = await lockCampaign(tx, c.org_id, c.id);
      if (row.status !== 'open' || (row.responseOn !== null && row.responseOn >= c.today)) return false;
      await recordResponse(tx, deps.secret, c.org_id, c.id, c.today);
      return true;
    });
    if (taken) done.responses++;
  }
  for (const c of await due(
    sql`c.status = 'open' and c.closes_on < (${now.toISOString()}::timestamptz at time zone o.time_zone)::date`,
  )) {
    try {
      await closeCampaign(deps, c.org_id, c.id, undefined, now);
      done.closed++;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'campaign_not_open')) throw err;
    }
  }
  for (const c of await due(sql`c.status = 'open' and cardinality(c.reminder_days) > 0`))
    done.reminded += await remind(deps, c.org_id, c.id, c.today);
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
    const [row] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
    if (row?.status !== 'open' || row.closesOn < today) return 0;
    const dueDays = row.reminderDays.map((d) => addDays(row.closesOn, -d)).filter((d) => d <= today);
    if (dueDays.length === 0) return 0;
    const latest = dueDays.sort().at(-1)!;
    const { rows: claimed } = await tx.execute(sql`
      insert into campaign_reminder_runs (org_id, campaign_id, day) values (${orgId}, ${campaignId}, ${latest})
      on conflict do nothing returning day`);
    if (claimed.length === 0) return 0;
    const { rows: audience } = await tx.execute<{ member_id: string }>(sql`
      select member_id from campaign_audience where org_id = ${orgId} and campaign_id = ${campaignId}`);
    const everyone = audience.map((a) => a.member_id);
    await notifyMembers(tx, orgId, everyone, 'campaign_reminder', {
      campaignId,
      title: row.title,
      closesOn: row.closesOn,
    });
    await tx.execute(
      sql`update campaign_reminder_runs set sent = ${everyone.length} where org_id = ${orgId} and campaign_id = ${campaignId} and day = ${latest}`,
    );
    return everyone.length;
  });
}
