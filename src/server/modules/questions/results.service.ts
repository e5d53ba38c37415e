/** Reading a closed campaign's results: per question and group with their trend, the mirror, the CSV of aggregates. */
import type { Language } from '../../../contracts/constants';
import type {
  CampaignQuestion,
  CampaignResults,
  Figures,
  Mirror,
  QuestionResult,
  ResultGroup,
  TextPair,
} from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { toCsv } from '../../lib/csv';
import { localDay } from '../../lib/days';
import { translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import { findTeamNames } from '../org/org.service';
import { listActions } from './actions.service';
import { selectOwnMirrorAnswers } from './answers.repo';
import { audienceRow, type CampaignRow, effectiveStatus, loadQuestions, type QuestionsDeps } from './campaign-common';
import { byGroup, participationGroups } from './participation.service';
import {
  type ResultRow,
  selectGroupResults,
  selectGroupTexts,
  selectParticipationStatus,
  selectResults,
  selectTrend,
} from './results.repo';
import { selectCampaign, selectResultsVisibility } from './rounds.repo';
import { groupVisibility, mayActFor, steering } from './visibility';

/** Open answers shown per question and group: a random sample when more people wrote (the count says how many). */
const MAX_TEXTS = 300;

async function closedCampaign(db: Tx, tenant: TenantContext, campaignId: string) {
  const row = await selectCampaign(db, tenant.orgId, campaignId);
  if (!row) throw notFound();
  if (
    !steering(tenant) &&
    row.status !== 'closed' &&
    !(await audienceRow(db, tenant.orgId, campaignId, tenant.memberId))
  )
    throw notFound();
  if (row.status !== 'closed') {
    throw new AppError('campaign_not_closed', 409, {
      detail:
        effectiveStatus(row, localDay(tenant.timeZone)) === 'closed'
          ? 'the results are being computed'
          : 'results come when the campaign closes',
    });
  }
  return row;
}

async function visibleGroups(db: Tx, tenant: TenantContext, row: CampaignRow): Promise<ResultGroup[]> {
  const org = await selectResultsVisibility(db, tenant.orgId);
  const may = groupVisibility(tenant, org!.visibility);
  const visible = (await participationGroups(db, row)).filter((g) => may(g.key));
  const names = await findTeamNames(
    db,
    tenant.orgId,
    visible.flatMap((g) => g.teamId ?? []),
  );
  return visible.map((g) => ({ ...g, teamName: g.teamId ? (names.get(g.teamId) ?? null) : null })).sort(byGroup);
}

// ---------- reading results ----------

export function figuresOf(
  kind: string,
  r: Pick<ResultRow, 'status' | 'respondents' | 'value_sum' | 'counts'> | undefined,
): Figures {
  if (r?.status !== 'shown')
    return {
      status: (r?.status ?? 'too_few') as Figures['status'],
      respondents: null,
      average: null,
      distribution: null,
      promoterScore: null,
    };
  if (kind === 'open')
    return { status: 'shown', respondents: r.respondents, average: null, distribution: null, promoterScore: null };
  const n = r.respondents ?? 0;
  const counts = r.counts ?? [];
  let promoterScore: number | null = null;
  if (kind === 'scale10' && n > 0) {
    const promoters = (counts[9] ?? 0) + (counts[10] ?? 0);
    const detractors = counts.slice(0, 7).reduce((a, b) => a + b, 0);
    promoterScore = Math.round(((promoters - detractors) / n) * 100);
  }
  return {
    status: 'shown',
    respondents: n,
    average: n > 0 ? (r.value_sum ?? 0) / n : null,
    distribution: counts,
    promoterScore,
  };
}

export async function findResults(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  groupKey: string,
): Promise<CampaignResults> {
  const db = deps.db;
  const row = await closedCampaign(db, tenant, campaignId);
  const groups = await visibleGroups(db, tenant, row);
  const group = groups.find((g) => g.key === groupKey);
  if (!group) throw notFound();
  const questions = await loadQuestions(db, tenant.orgId, campaignId);
  const results = await selectGroupResults(db, tenant.orgId, campaignId, groupKey);
  const byQuestion = new Map(results.map((r) => [r.question_id, r]));
  const texts = await selectGroupTexts(db, tenant.orgId, campaignId, groupKey, MAX_TEXTS);
  const trend = await trendOf(db, tenant.orgId, row, questions, groupKey);

  const questionResults: QuestionResult[] = questions.map((q) => {
    const f = figuresOf(q.kind, byQuestion.get(q.id));
    return {
      questionId: q.id,
      key: q.key,
      theme: q.theme,
      kind: q.kind,
      text: q.text,
      figures: f,
      texts:
        q.kind === 'open' && f.status === 'shown'
          ? texts.filter((t) => t.question_id === q.id).map((t) => t.text)
          : null,
      trend: trend.get(q.key) ?? [],
    };
  });
  const themes = [...new Set(questions.map((q) => q.theme))].map((theme) => {
    const scores = questionResults
      .filter((q) => q.theme === theme && q.kind === 'agree5' && q.figures.average !== null)
      .map((q) => q.figures.average!);
    return {
      theme,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      questions: scores.length,
    };
  });
  const all = await listActions(deps, tenant, {});
  const keys = new Set(questions.map((q) => q.key));
  return {
    campaign: {
      id: row.id,
      title: row.title,
      opensOn: row.opensOn,
      closesOn: row.closesOn,
      status: 'closed',
      minGroup: row.minGroup!,
      minTexts: row.minTexts!,
    },
    group,
    groups,
    themes,
    questions: questionResults,
    actions: all.items.filter((a) => a.campaignId === campaignId && a.groupKey === groupKey),
    earlierActions: all.items.filter(
      (a) =>
        a.campaignId !== campaignId && a.groupKey === groupKey && a.questionKey !== null && keys.has(a.questionKey),
    ),
    canAct: mayActFor(tenant, groupKey),
  };
}

/** The same questions in earlier closed campaigns, for the same group, oldest first. */
async function trendOf(db: Tx, orgId: string, row: CampaignRow, questions: CampaignQuestion[], groupKey: string) {
  const rows = await selectTrend(
    db,
    orgId,
    row,
    questions.map((q) => q.key),
    groupKey,
  );
  const trend = new Map<string, QuestionResult['trend']>();
  for (const r of rows) {
    const list = trend.get(r.question_key) ?? [];
    list.push({
      campaignId: r.campaign_id,
      title: r.title,
      closesOn: r.closes_on,
      ...figuresOf(r.kind, r.status ? r : undefined),
    });
    trend.set(r.question_key, list);
  }
  return trend;
}

// ---------- the mirror ----------

export async function findMirror(deps: QuestionsDeps, tenant: TenantContext, campaignId: string): Promise<Mirror> {
  const db = deps.db;
  const row = await closedCampaign(db, tenant, campaignId);
  const asked = await audienceRow(db, tenant.orgId, campaignId, tenant.memberId);
  const teamIds = asked?.managedTeamIds ?? [];
  if (teamIds.length === 0) return { teams: [] };
  const questions = (await loadQuestions(db, tenant.orgId, campaignId)).filter((q) => q.selfView);
  const own = await selectOwnMirrorAnswers(db, tenant.orgId, campaignId, tenant.memberId);
  const self = new Map(own.map((r) => [r.question_id, r.value]));
  const keys = teamIds.map((t) => `team:${t}`);
  const results = await selectResults(db, tenant.orgId, row.id, keys);
  const participation = await selectParticipationStatus(db, tenant.orgId, row.id, keys);
  const names = await findTeamNames(db, tenant.orgId, teamIds);
  return {
    teams: teamIds.map((teamId) => ({
      teamId,
      teamName: names.get(teamId) ?? '',
      status: (participation.find((p) => p.group_key === `team:${teamId}`)?.status ??
        'too_few') as Mirror['teams'][number]['status'],
      questions: questions.map((q) => ({
        questionId: q.id,
        selfView: q.selfView as TextPair,
        text: q.text,
        self: self.get(q.id) ?? null,
        team: figuresOf(
          q.kind,
          results.find((r) => r.question_id === q.id && r.group_key === `team:${teamId}`),
        ),
      })),
    })),
  };
}

// ---------- CSV ----------

/** Every shown figure of every group the caller may see: aggregates only, never a single answer. */
export async function exportResultsCsv(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  language: Language,
) {
  const db = deps.db;
  const row = await closedCampaign(db, tenant, campaignId);
  // Every group the caller may see: a group whose response is withheld may still have figures shown.
  const groups = await visibleGroups(db, tenant, row);
  const questions = await loadQuestions(db, tenant.orgId, campaignId);
  const rows = await selectResults(
    db,
    tenant.orgId,
    campaignId,
    groups.map((g) => g.key),
  );
  const results = new Map(rows.map((r) => [`${r.question_id}|${r.group_key}`, r]));
  const t = (key: string) => translate(language, `csv.questions.${key}`);
  const label = (g: ResultGroup) =>
    [
      g.kind === 'org' ? t('organisation') : null,
      g.teamName,
      g.level ? translate(language, `questions.levels.${g.level}`) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  const decimal = (x: number) => (language === 'nl' ? x.toFixed(2).replace('.', ',') : x.toFixed(2));
  const header = [
    t('group'),
    t('theme'),
    t('question'),
    t('respondents'),
    t('average'),
    t('promoterScore'),
    ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => `${t('score')} ${v}`),
  ];
  const lines: (string | number | null)[][] = [];
  for (const g of groups) {
    for (const q of questions) {
      const f = figuresOf(q.kind, results.get(`${q.id}|${g.key}`));
      if (f.status !== 'shown' || q.kind === 'open') continue;
      const offset = q.kind === 'agree5' ? 1 : 0;
      const byScore = Array.from({ length: 11 }, (_, v) =>
        v - offset >= 0 && f.distribution && v - offset < f.distribution.length ? f.distribution[v - offset]! : null,
      );
      lines.push([
        label(g),
        translate(language, `questions.themes.${q.theme}`),
        q.text[language],
        f.respondents,
        f.average === null ? null : decimal(f.average),
        f.promoterScore,
        ...byScore,
      ]);
    }
  }
  return toCsv(language, header, lines);
}
