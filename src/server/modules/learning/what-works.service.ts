import { EXTRA_KINDS } from '../../../contracts/constants';
import type { WhatWorks, WhatWorksGroup } from '../../../contracts/learning.contract';
import type { Db } from '../../db/client';
import { forbidden, notFound } from '../../lib/app-error';
import { resolvePeriod, selectLocalDayStart } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import * as org from '../org/org.service';
import { listValueNames } from '../values/values.service';
import * as read from './extras.read-model';
import { estimate, MIN_REACTIONS } from './stats';

// What works: how customers reacted, by kind of extra, by value, by cost band and by occasion theme.
// Figures over the organisation, or over one team; every figure with its count and interval, and a
// group with too few reactions withheld.

/** Words that name who the customer is, not what happened: never a theme (stemmed Dutch and English). */
const GENERIC_WORDS = new Set(['gast', 'klant', 'bezoeker', 'guest', 'custom', 'client', 'visitor']);

/**
 * Occasion themes: the stemmed words (stop words left out) that the most occasions of the period
 * share. Words in more than half of them tell nothing apart and are left out, as are words that only
 * name the customer and words of two letters. An occasion holding two theme words counts under both.
 */
export function pickThemes(words: read.GroupSums[], total: number, max = THEMES): read.GroupSums[] {
  return words
    .filter((w) => w.key && w.key.length > 2 && !GENERIC_WORDS.has(w.key) && w.extras <= total / 2)
    .sort((a, b) => b.extras - a.extras || (a.key! < b.key! ? -1 : 1))
    .slice(0, max);
}

const DEFAULT_DAYS = 90;
const MAX_DAYS = 731;
const THEMES = 12;
export const COST_BANDS = ['0', '0-5', '5-20', '20+'] as const;

function group(key: string, label: string, s: read.GroupSums | undefined, examples: string[] = []): WhatWorksGroup {
  const sums = { n: s?.n ?? 0, sum: s?.sum ?? 0, sumOfSquares: s?.sum_sq ?? 0, positives: s?.positives ?? 0 };
  return { key, label, extras: s?.extras ?? 0, reactions: sums.n, ...estimate(sums), examples };
}

export async function whatWorks(
  db: Db,
  tenant: TenantContext,
  query: { teamId?: string; from?: string; to?: string },
): Promise<WhatWorks> {
  const teamId = query.teamId ?? null;
  if (teamId) {
    const readable =
      tenant.teamIds.includes(teamId) || tenant.managedTeamIds.includes(teamId) || tenant.roles.includes('director');
    if (!readable) throw forbidden();
    if (!(await org.findTeamNames(db, tenant.orgId, [teamId])).size) throw notFound();
  }
  const { from, to } = resolvePeriod(query, tenant.timeZone, DEFAULT_DAYS, MAX_DAYS);
  const start = await selectLocalDayStart(db, tenant.timeZone, from, 0);
  const end = await selectLocalDayStart(db, tenant.timeZone, to, 1);
  const scope = { orgId: tenant.orgId, teamId, fromDay: from, toDay: to, from: start, to: end };
  const [kindAndBand, values, words, valueNames] = await Promise.all([
    read.selectKindAndBandSums(db, scope),
    read.selectValueSums(db, scope),
    read.selectWordSums(db, scope, MIN_REACTIONS),
    listValueNames(db, tenant.orgId),
  ]);
  const overall = kindAndBand.find((r) => r.grouping === 3);
  const byKind = kindAndBand.filter((r) => r.grouping === 1);
  const byBand = kindAndBand.filter((r) => r.grouping === 2);
  const themes = pickThemes(words, overall?.extras ?? 0);
  const examples = await read.selectWordExamples(
    db,
    scope,
    themes.map((t) => t.key!),
  );
  return {
    from,
    to,
    teamId,
    minimumReactions: MIN_REACTIONS,
    overall: group('all', '', overall),
    byKind: EXTRA_KINDS.map((kind) =>
      group(
        kind,
        kind,
        byKind.find((r) => r.kind === kind),
      ),
    ).filter((g) => g.extras > 0),
    byValue: values.map((v) => group(v.key!, valueNames.get(v.key!) ?? '', v)).sort((a, b) => b.extras - a.extras),
    byCostBand: COST_BANDS.map((band) =>
      group(
        band,
        band,
        byBand.find((r) => r.band === band),
      ),
    ).filter((g) => g.extras > 0),
    byTheme: themes.map((t) => group(t.key!, t.key!, t, examples.get(t.key!) ?? [])),
  };
}
