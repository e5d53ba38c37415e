import type { Language } from '../../../contracts/constants';
import type { Db } from '../../db/client';
import type { Deps } from '../../deps';
import { asLanguage, translate } from '../../lib/i18n';
import type { Mail } from '../../lib/mailer';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import { selectThanksReceived } from './colleague-thanks.read-model';
import * as read from './extras.read-model';
import * as repo from './learning.repo';
import { findWeeklyPick } from './weekly-pick.service';

// The weekly digest e-mail: on for everyone unless they turn it off.

export async function findPreference(db: Db, tenant: TenantContext) {
  return { digest: !(await repo.selectDigestOptOut(db, tenant.orgId, tenant.memberId)) };
}

export async function putPreference(db: Db, tenant: TenantContext, digest: boolean) {
  await org.setDigestOptOut(db, tenant.orgId, tenant.memberId, !digest);
  return { digest };
}

// ---------- sending ----------

const RETRY_AFTER_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const OCCASIONS_LISTED = 5;
const THANKS_LISTED = 3;

export type DigestDeps = Pick<Deps, 'db' | 'mailer' | 'appUrl' | 'log'>;

/**
 * Sends every digest that is due and not sent yet: each organisation's last week, to each active
 * member who did not turn it off. Safe to run in several processes at once and again after a restart:
 * a member's digest for a week is claimed in the database before it is sent, so it goes out once.
 * A digest whose sending failed is tried again later (at most five times); one that was being sent
 * when the process died is not, so that nobody gets it twice.
 */
export async function sendDueDigests(deps: DigestDeps, now = new Date()): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const week of await repo.selectDueWeeks(deps.db, now)) {
    const claimed = await repo.claimDigests(
      deps.db,
      week.org_id,
      week.week_start,
      week.end,
      RETRY_AFTER_MINUTES,
      MAX_ATTEMPTS,
    );
    for (const memberId of claimed) {
      try {
        const mail = await composeDigest(deps, week, memberId);
        if (mail) await deps.mailer.send(mail);
        await repo.markDigest(deps.db, week.org_id, memberId, week.week_start, { sent: true });
        sent++;
      } catch (err) {
        failed++;
        deps.log.warn(
          { err, orgId: week.org_id, memberId, week: week.week_start },
          'digest not sent; tried again later',
        );
        await repo.markDigest(deps.db, week.org_id, memberId, week.week_start, {
          sent: false,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
  }
  return { sent, failed };
}

type DueWeek = Awaited<ReturnType<typeof repo.selectDueWeeks>>[number];

const stars = (score: number | null) => (score ? ` (${score}/5)` : '');

async function composeDigest(deps: DigestDeps, week: DueWeek, memberId: string): Promise<Mail | null> {
  const recipient = await repo.selectRecipient(deps.db, week.org_id, memberId);
  if (!recipient) return null;
  const language: Language =
    recipient.language === 'en' || recipient.language === 'nl' ? recipient.language : asLanguage(week.default_language);
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    translate(language, `mail.digest.${key}`, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])));
  const teamIds = recipient.team_ids ?? [];
  const managedTeamIds = recipient.managed_team_ids ?? [];
  const tenant: TenantContext = {
    orgId: week.org_id,
    memberId,
    userId: '',
    roles: recipient.roles,
    teamIds,
    managedTeamIds,
    timeZone: week.time_zone,
  };
  const dateFormat = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone: week.time_zone,
    day: 'numeric',
    month: 'long',
  });
  const lines: string[] = [
    t('hello', { name: recipient.name }),
    '',
    t('intro', { from: dateFormat.format(week.start), to: dateFormat.format(new Date(week.end.getTime() - 1)) }),
    '',
  ];

  const mine = await read.selectMyWeek(deps.db, week.org_id, memberId, week.start, week.end);
  lines.push(t('mineTitle'));
  if (mine.extras.length === 0) lines.push(t('mineNone'));
  else {
    lines.push(t('mineCount', { count: mine.extras.length }));
    for (const extra of mine.extras.slice(0, OCCASIONS_LISTED))
      lines.push(`- ${extra.occasion}${stars(extra.reaction_score)}`);
  }
  if (mine.thanks > 0) lines.push(t('thanks', { count: mine.thanks }));
  lines.push('');

  const thanked = await selectThanksReceived(
    deps.db,
    {
      orgId: week.org_id,
      memberId,
      teamIds: [...new Set([...teamIds, ...managedTeamIds])],
      start: week.start,
      end: week.end,
    },
    THANKS_LISTED,
  );
  const teamNames = await org.findTeamNames(deps.db, week.org_id, [
    ...teamIds,
    ...managedTeamIds,
    ...thanked.newest.flatMap((n) => (n.fromTeamId ? [n.fromTeamId] : [])),
  ]);
  if (thanked.total > 0) {
    const names = await org.findMemberNames(
      deps.db,
      week.org_id,
      thanked.newest.map((n) => n.fromMemberId),
    );
    lines.push(t('colleaguesTitle'));
    for (const n of thanked.newest) {
      const fromTeam = n.fromTeamId ? teamNames.get(n.fromTeamId) : undefined;
      const from = `${names.get(n.fromMemberId) ?? ''}${fromTeam ? ` (${fromTeam})` : ''}`;
      lines.push(
        n.toTeamId
          ? t('colleagueToTeam', { from, team: teamNames.get(n.toTeamId) ?? '', words: n.words })
          : t('colleagueToYou', { from, words: n.words }),
      );
    }
    if (thanked.total > thanked.newest.length)
      lines.push(t('colleaguesMore', { count: thanked.total - thanked.newest.length }));
    lines.push('');
  }
  for (const teamId of teamIds) {
    const pick = await findWeeklyPick(deps.db, tenant, teamId, week.week_start);
    if (pick.picks.length === 0) continue;
    lines.push(t('pickTitle', { team: teamNames.get(teamId) ?? '' }));
    for (const story of pick.picks)
      lines.push(`- ${story.occasion} → ${story.action}${stars(story.reactionScore)} (${story.author.name})`);
    lines.push('');
  }

  for (const teamId of managedTeamIds) {
    const rows = await read.selectTeamFigures(deps.db, week.org_id, teamId, week.start, week.end);
    const extras = rows.reduce((n, r) => n + r.extras, 0);
    const reactions = rows.reduce((n, r) => n + r.reactions, 0);
    const average = reactions
      ? rows.reduce((n, r) => n + (r.average_reaction ?? 0) * r.reactions, 0) / reactions
      : null;
    lines.push(t('teamTitle', { team: teamNames.get(teamId) ?? '' }));
    lines.push(
      t('teamWeek', {
        extras,
        givers: rows.filter((r) => r.extras > 0).length,
        members: rows.length,
      }),
    );
    if (average !== null)
      lines.push(
        t('teamReaction', { average: average.toFixed(1).replace('.', language === 'nl' ? ',' : '.'), reactions }),
      );
    lines.push('');
  }

  lines.push(t('footer', { link: `${deps.appUrl}/feed`, profile: `${deps.appUrl}/profile` }));
  return { to: recipient.email, subject: t('subject', { organization: week.org_name }), text: lines.join('\n') };
}
