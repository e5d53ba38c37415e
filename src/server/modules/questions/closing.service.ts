/**
 * Closing a campaign: the results are computed once, per question and group, under the disclosure rule
 * (across earlier rounds), and the ballot keys erased.
 */
import { randomInt } from 'node:crypto';
import type { Tx } from '../../db/client';
import type { campaignResults, campaignTexts } from '../../db/schema/questions.schema';
import { AppError } from '../../lib/app-error';
import { localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import { rewriteBallots, tallyAnswersByAtom } from './answers.repo';
import { loadQuestions, lockCampaign, type QuestionsDeps } from './campaign-common';
import { type Decision, decideGroups, decidePeople } from './disclosure';
import { historyOf, loadEarlierRounds, peopleAcrossRounds } from './earlier-rounds';
import { countPerAtom } from './groups';
import { decideParticipation, placeBallots } from './participation.service';
import { insertResults, lockOrganisationCloses, replaceParticipation } from './results.repo';
import { markCampaignClosed, selectOrganization } from './rounds.repo';

const scaleOf = (kind: string) => (kind === 'agree5' ? { min: 1, max: 5 } : { min: 0, max: 10 });

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
  await lockOrganisationCloses(tx, orgId);
  const org = await selectOrganization(tx, orgId);
  const k = org!.resultsMinGroup;
  const kTexts = org!.resultsMinTexts;
  const plan = await planResults(tx, secret, orgId, campaignId, k, kTexts);

  // The response per group (its counts, shown only as steps), instead of the day's.
  await replaceParticipation(
    tx,
    orgId,
    campaignId,
    plan.participation.map((g) => ({
      groupKey: g.group_key,
      status: g.status,
      audience: g.audience,
      respondents: g.respondents,
    })),
  );
  await insertResults(tx, plan.resultRows, plan.textRows);

  await forgetBallots(tx, orgId, campaignId);
  // Closed early: the last day is today (the trend orders campaigns by it).
  await markCampaignClosed(tx, orgId, campaignId, {
    minGroup: k,
    minTexts: kTexts,
    today: localDay(org!.timeZone, now),
  });
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

  // Which atom each ballot is in, for the database to count by.
  const { tallies, texts } = await tallyAnswersByAtom(tx, orgId, campaignId, placed.ballotAtoms);

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
  await rewriteBallots(tx, orgId, campaignId);
}

/** A fair shuffle: the order says nothing about who wrote what or when. */
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
