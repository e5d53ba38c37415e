import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Language } from '../../../contracts/constants';
import type {
  CampaignQuestion,
  CampaignResults,
  Figures,
  Level,
  Mirror,
  QuestionResult,
  ResultGroup,
  TextPair,
} from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { organizations } from '../../db/schema/org.schema';
import { campaignParticipation, campaignResults, campaigns, campaignTexts } from '../../db/schema/questions.schema';
import { AppError, notFound } from '../../lib/app-error';
import { toCsv } from '../../lib/csv';
import { addDays, localDay } from '../../lib/days';
import { translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import { findTeamNames, recordAudit } from '../org/org.service';
import { listActions } from './actions.service';
import {
  audienceRow,
  type CampaignRow,
  decideParticipation,
  effectiveStatus,
  loadQuestions,
  lockCampaign,
  openCampaign,
  participationGroups,
  placeBallots,
  type QuestionsDeps,
  recordResponse,
} from './campaigns.service';
import { type Decision, decideGroups, decidePeople } from './disclosure';
import { historyOf, loadEarlierRounds, peopleAcrossRounds } from './earlier-rounds';
import { countPerAtom } from './groups';
import { groupVisibility, mayActFor, steering } from './visibility';

// Closing a campaign (the results are computed once, per question and group, under the
// disclosure rule, and the ballot keys erased), reading results, the mirror, the CSV of aggregates.

/** Open answers shown per question and group: a random sample when more people wrote (the count says how many). */
const MAX_TEXTS = 300;

const scaleOf = (kind: string) => (kind === 'agree5' ? { min: 1, max: 5 } : { min: 0, max: 10 });

// ---------- closing ----------

/** Closes an open campaign now: results per question and group, the response, the keys erased. */
export async function closeCampaign(
  deps: QuestionsDeps,
  orgId: string,
  campaignId: string,
  closedBy?: TenantContext,
  now = new Date(),
) {
  await deps.db.transaction((tx) => closeWithin(tx, deps.secret, orgId, campaignId, closedBy, now));
}

/** The close, in the caller's transaction (the demo seeds closed campaigns this way). */
export async function closeWithin(
  tx: Tx,
  secret: string,
  orgId: string,
  campaignId: string,
  closedBy?: TenantContext,
  now = new Date(),
) {
  const row = await lockCampaign(tx, orgId, campaignId);
  if (row.status !== 'open') throw new AppError('campaign_not_open', 409);
  // One close at a time per organisation: a round closing beside another must see it closed (earlier-rounds.ts).
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`klantwerk.close.${orgId}`}, 0))`);
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId));
  const k = org!.resultsMinGroup;
  const kTexts = org!.resultsMinTexts;
  const plan = await planResults(tx, secret, orgId, campaignId, k, kTexts);

  // The response per group (its counts, shown only as steps), instead of the day's.
  await tx
    .delete(campaignParticipation)
    .where(and(eq(campaignParticipation.orgId, orgId), eq(campaignParticipation.campaignId, campaignId)));
  if (plan.participation.length > 0) {
    await tx.insert(campaignParticipation).values(
      plan.participation.map((g) => ({
        orgId,
        campaignId,
        groupKey: g.group_key,
        status: g.status,
        audience: g.audience,
        respondents: g.respondents,
      })),
    );
  }
  for (let i = 0; i < plan.resultRows.length; i += 5000)
    await tx.insert(campaignResults).values(plan.resultRows.slice(i, i + 5000));
  for (let i = 0; i < plan.textRows.length; i += 5000)
    await tx.insert(campaignTexts).values(plan.textRows.slice(i, i + 5000));

  await forgetBallots(tx, orgId, campaignId);
  await tx
    .update(campaigns)
    // Closed early: the last day is today (the trend orders campaigns by it).
    .set({
      status: 'closed',
      closedAt: new Date(),
      minGroup: k,
      minTexts: kTexts,
      closesOn: sql`least(${campaigns.closesOn}, ${localDay(org!.timeZone, now)}::date)`,
    })
    .where(and(eq(campaigns.orgId, orgId), eq(campaigns.id, campaignId)));
  if (closedBy) await recordAudit(tx, closedBy, 'campaign.closed', 'campaign', campaignId);
  await notifyMembers(tx, orgId, plan.audienceIds, 'campaign_closed', { campaignId, title: row.title });
}

/**
 * The results of an open round as its close would store them: the response and the figures per question
 * and group under the disclosure rule (with `acrossRounds` false, within the round and over those who
 * answered only: the rule before rounds were compared with each other, for bench/questions.ts to set
 * beside it). Writes nothing that outlives the transaction.
 */
export async function planResults(
  tx: Tx,
  secret: string,
  orgId: string,
  campaignId: string,
  k: number,
  kTexts: number,
  acrossRounds = true,
) {
  // Atoms split people by their places in every earlier round with a shared question, too.
  const earlier = acrossRounds ? await loadEarlierRounds(tx, orgId, campaignId) : [];
  const placed = await placeBallots(tx, secret, orgId, campaignId, historyOf(earlier));
  const n = placed.atoms.atoms.length;
  const asked = countPerAtom(n, placed.audienceAtoms);
  const candidates = placed.atoms.candidates(asked);
  const people = peopleAcrossRounds(earlier, {
    atomCount: n,
    audienceIds: placed.audienceIds,
    audienceAtoms: placed.audienceAtoms,
  });

  const participation = decideParticipation(placed, k, acrossRounds ? people.model(null) : undefined);

  // Which atom each ballot is in, for the database to count by; a temporary table, dropped below (and gone at commit anyway).
  await tx.execute(
    sql`create temporary table ballot_atoms (ballot_id uuid primary key, atom int not null) on commit drop`,
  );
  const ballotIds = [...placed.ballotAtoms.keys()];
  if (ballotIds.length > 0) {
    await tx.execute(sql`
      insert into ballot_atoms select * from unnest(${sql.param(ballotIds)}::uuid[], ${sql.param([...placed.ballotAtoms.values()])}::int[])`);
  }
  await tx.execute(sql`analyze ballot_atoms`);
  const { rows: tallies } = await tx.execute<{ question_id: string; atom: number; value: number; n: number }>(sql`
    select a.question_id, ba.atom, a.value, count(*)::int as n
      from campaign_answers a join ballot_atoms ba on ba.ballot_id = a.ballot_id
     where a.org_id = ${orgId} and a.campaign_id = ${campaignId} and a.value is not null
     group by 1, 2, 3`);
  const { rows: texts } = await tx.execute<{ question_id: string; atom: number; text: string }>(sql`
    select a.question_id, ba.atom, a.text
      from campaign_answers a join ballot_atoms ba on ba.ballot_id = a.ballot_id
     where a.org_id = ${orgId} and a.campaign_id = ${campaignId} and a.text is not null`);

  const questions = await loadQuestions(tx, orgId, campaignId);
  // The people model is decided once per threshold and set of earlier rounds; each question's counts then once.
  const peopleCache = new Map<string, Map<string, Decision>>();
  const peopleDecisions = (questionKey: string, threshold: number) => {
    const cacheKey = `${threshold}:${people.signature(questionKey)}`;
    let d = peopleCache.get(cacheKey);
    if (!d) {
      d = decidePeople(candidates, threshold, people.model(questionKey));
      peopleCache.set(cacheKey, d);
    }
    return d;
  };
  const decisionCache = new Map<string, Map<string, Decision>>();
  const decide = (questionKey: string, counts: number[], threshold: number) => {
    const cacheKey = `${threshold}:${people.signature(questionKey)}:${counts.join(',')}`;
    let d = decisionCache.get(cacheKey);
    if (!d) {
      d = decideGroups(
        counts,
        candidates,
        threshold,
        acrossRounds ? peopleDecisions(questionKey, threshold) : undefined,
      );
      decisionCache.set(cacheKey, d);
    }
    return d;
  };
  const resultRows: (typeof campaignResults.$inferInsert)[] = [];
  const textRows: (typeof campaignTexts.$inferInsert)[] = [];
  for (const q of questions) {
    if (q.kind === 'open') {
      const perAtom = new Map<number, string[]>();
      for (const t of texts)
        if (t.question_id === q.id) (perAtom.get(t.atom) ?? perAtom.set(t.atom, []).get(t.atom)!).push(t.text);
      const counts = Array.from({ length: n }, (_, i) => perAtom.get(i)?.length ?? 0);
      const decisions = decide(q.key, counts, kTexts);
      for (const g of candidates) {
        const status = decisions.get(g.key)!;
        const shown = status === 'shown';
        const list = shown ? shuffle(g.atoms.flatMap((i) => perAtom.get(i) ?? [])) : [];
        resultRows.push({
          orgId,
          campaignId,
          questionId: q.id,
          groupKey: g.key,
          status,
          respondents: shown ? list.length : null,
        });
        for (const [position, text] of list.entries())
          textRows.push({ orgId, campaignId, questionId: q.id, groupKey: g.key, position, text });
      }
      continue;
    }
    const { min, max } = scaleOf(q.kind);
    const dist = Array.from({ length: n }, () => new Array<number>(max - min + 1).fill(0));
    for (const t of tallies)
      if (t.question_id === q.id && t.value >= min && t.value <= max) dist[t.atom]![t.value - min]! += t.n;
    const counts = dist.map((d) => d.reduce((a, b) => a + b, 0));
    const decisions = decide(q.key, counts, k);
    for (const g of candidates) {
      const status = decisions.get(g.key)!;
      if (status !== 'shown') {
        resultRows.push({ orgId, campaignId, questionId: q.id, groupKey: g.key, status });
        continue;
      }
      const groupDist = new Array<number>(max - min + 1).fill(0);
      for (const i of g.atoms) for (const [v, c] of dist[i]!.entries()) groupDist[v]! += c;
      resultRows.push({
        orgId,
        campaignId,
        questionId: q.id,
        groupKey: g.key,
        status,
        respondents: groupDist.reduce((a, b) => a + b, 0),
        valueSum: groupDist.reduce((s, c, v) => s + c * (v + min), 0),
        counts: groupDist,
      });
    }
  }
  await tx.execute(sql`drop table ballot_atoms`);
  return { participation, resultRows, textRows, audienceIds: placed.audienceIds };
}

/**
 * From here on nobody can tell whose ballot is whose, not even with the secret: the keys go, and every
 * ballot and answer is written anew under a new random id, in a random order, in this one transaction.
 * So neither the ids, nor the order of the rows in the table, nor the transaction that wrote them
 * (PostgreSQL's xmin) still follow the order in which people answered; the old row versions are gone
 * after the next vacuum. (Someone who reads the database server's files or its write-ahead log while a
 * round is open can see when rows were written; the app writes nothing about the person in the
 * transaction that stores a ballot.)
 */
async function forgetBallots(tx: Tx, orgId: string, campaignId: string) {
  await tx.execute(sql`
    create temporary table ballot_remap on commit drop as
    select id as old_id, gen_random_uuid() as new_id from campaign_ballots where org_id = ${orgId} and campaign_id = ${campaignId}`);
  await tx.execute(sql`
    insert into campaign_ballots (org_id, campaign_id, id, ballot_key)
    select ${orgId}, ${campaignId}, new_id, null from ballot_remap order by random()`);
  await tx.execute(sql`
    insert into campaign_answers (org_id, campaign_id, ballot_id, question_id, value, text)
    select a.org_id, a.campaign_id, r.new_id, a.question_id, a.value, a.text
      from campaign_answers a join ballot_remap r on r.old_id = a.ballot_id
     where a.org_id = ${orgId} and a.campaign_id = ${campaignId}
     order by random()`);
  // The old ballots go, and their answers with them (the foreign key cascades).
  await tx.execute(sql`
    delete from campaign_ballots b using ballot_remap r where b.org_id = ${orgId} and b.campaign_id = ${campaignId} and b.id = r.old_id`);
  await tx.execute(sql`drop table ballot_remap`);
}

/** A fair shuffle: the order says nothing about who wrote what or when. */
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

async function closedCampaign(db: Tx, tenant: TenantContext, campaignId: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, tenant.orgId), eq(campaigns.id, campaignId)));
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
  const [org] = await db
    .select({ visibility: organizations.resultsVisibility })
    .from(organizations)
    .where(eq(organizations.id, tenant.orgId));
  const may = groupVisibility(tenant, org!.visibility);
  const visible = (await participationGroups(db, row)).filter((g) => may(g.key));
  const names = await findTeamNames(
    db,
    tenant.orgId,
    visible.flatMap((g) => g.teamId ?? []),
  );
  return visible.map((g) => ({ ...g, teamName: g.teamId ? (names.get(g.teamId) ?? null) : null })).sort(byGroup);
}

const groupOrder = (g: ResultGroup) => ['org', 'level', 'team', 'team_level'].indexOf(g.kind);
const levelRank = (l: Level | null) => (l ? ['top', 'middle', 'staff'].indexOf(l) : -1);

// ---------- the response ----------

/**
 * The response per group, for the groups the caller may see, in steps: at the close's counts, or while
 * open as it stood at the start of the day (taken by the job; never on request, so no one can time it).
 */
export async function findParticipation(deps: QuestionsDeps, tenant: TenantContext, campaignId: string) {
  const [row] = await deps.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.orgId, tenant.orgId), eq(campaigns.id, campaignId)));
  if (!row) throw notFound();
  const [org] = await deps.db.select().from(organizations).where(eq(organizations.id, tenant.orgId));
  const may = groupVisibility(tenant, org!.resultsVisibility);
  const groups = (await participationGroups(deps.db, row)).filter((g) => may(g.key));
  const names = await findTeamNames(
    deps.db,
    tenant.orgId,
    groups.flatMap((g) => g.teamId ?? []),
  );
  return {
    status: row.status,
    minGroup: row.minGroup ?? org!.resultsMinGroup,
    asOf: row.status === 'open' ? row.responseOn : null,
    groups: groups.map((g) => ({ ...g, teamName: g.teamId ? (names.get(g.teamId) ?? null) : null })).sort(byGroup),
  };
}

const byGroup = (a: ResultGroup, b: ResultGroup) =>
  groupOrder(a) - groupOrder(b) ||
  (a.teamName ?? '').localeCompare(b.teamName ?? '') ||
  levelRank(a.level) - levelRank(b.level);

// ---------- reading results ----------

type ResultRow = {
  question_id: string;
  group_key: string;
  status: string;
  respondents: number | null;
  value_sum: number | null;
  counts: number[] | null;
};

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
  const { rows: results } = await db.execute<ResultRow>(sql`
    select question_id, group_key, status, respondents, value_sum, counts from campaign_results
     where org_id = ${tenant.orgId} and campaign_id = ${campaignId} and group_key = ${groupKey}`);
  const byQuestion = new Map(results.map((r) => [r.question_id, r]));
  const { rows: texts } = await db.execute<{ question_id: string; text: string }>(sql`
    select question_id, text from campaign_texts
     where org_id = ${tenant.orgId} and campaign_id = ${campaignId} and group_key = ${groupKey} and position < ${MAX_TEXTS}
     order by position`);
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
  const { rows } = await db.execute<
    ResultRow & { campaign_id: string; title: string; closes_on: string; question_key: string; kind: string }
  >(sql`
    select c.id as campaign_id, c.title, c.closes_on::text, q.question_key, q.kind, r.question_id, r.group_key, r.status, r.respondents, r.value_sum, r.counts
      from campaign_questions q
      join campaigns c on c.org_id = q.org_id and c.id = q.campaign_id and c.status = 'closed'
      left join campaign_results r on r.org_id = q.org_id and r.campaign_id = q.campaign_id and r.question_id = q.id and r.group_key = ${groupKey}
     where q.org_id = ${orgId} and q.question_key = any(${sql.param(questions.map((q) => q.key))}::text[])
       and c.id <> ${row.id} and (c.closes_on, c.closed_at) < (${row.closesOn}::date, ${row.closedAt})
     order by c.closes_on, c.closed_at`);
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
  const { rows: own } = await db.execute<{ question_id: string; value: number }>(sql`
    select question_id, value from mirror_answers where org_id = ${tenant.orgId} and campaign_id = ${campaignId} and member_id = ${tenant.memberId}`);
  const self = new Map(own.map((r) => [r.question_id, r.value]));
  const keys = teamIds.map((t) => `team:${t}`);
  const { rows: results } = await db.execute<ResultRow>(sql`
    select question_id, group_key, status, respondents, value_sum, counts from campaign_results
     where org_id = ${tenant.orgId} and campaign_id = ${row.id} and group_key = any(${sql.param(keys)}::text[])`);
  const { rows: participation } = await db.execute<{ group_key: string; status: string }>(sql`
    select group_key, status from campaign_participation where org_id = ${tenant.orgId} and campaign_id = ${row.id} and group_key = any(${sql.param(keys)}::text[])`);
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
  const { rows } = await db.execute<ResultRow>(sql`
    select question_id, group_key, status, respondents, value_sum, counts from campaign_results
     where org_id = ${tenant.orgId} and campaign_id = ${campaignId} and group_key = any(${sql.param(groups.map((g) => g.key))}::text[])`);
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

// ---------- the background job ----------

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
