/** Answering: the member's anonymous ballot and a manager's self-view for the mirror, while the round is open. */
import type { z } from 'zod';
import type { answersBody, mirrorBody } from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { localDay } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { deleteMirrorAnswersOf, replaceBallotAnswers, replaceMirrorAnswers } from './answers.repo';
import { ballotKeyer } from './ballots';
import { audienceRow, effectiveStatus, invalid, loadQuestions, type QuestionsDeps } from './campaign-common';
import { selectCampaign } from './rounds.repo';
import { steering } from './visibility';

/** The campaign must be open today, and the member asked. */
async function openForAnswers(tx: Tx, tenant: TenantContext, campaignId: string) {
  const row = await selectCampaign(tx, tenant.orgId, campaignId);
  if (!row) throw notFound();
  const asked = await audienceRow(tx, tenant.orgId, campaignId, tenant.memberId);
  if (!asked && !steering(tenant)) throw notFound();
  if (effectiveStatus(row, localDay(tenant.timeZone)) !== 'open') throw new AppError('campaign_not_open', 409);
  if (!asked) throw new AppError('not_in_audience', 403);
  return { row, asked };
}

/**
 * Replaces the member's answers. The ballot is found by its key (one per member); its answers are
 * replaced as a whole, so there is one answer per member and question and nothing records who. Nothing
 * else is written in this transaction: no audit entry, no notice, no time.
 */
export async function saveAnswers(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  input: z.output<typeof answersBody>,
) {
  return deps.db.transaction(async (tx) => {
    await openForAnswers(tx, tenant, campaignId);
    const questions = new Map((await loadQuestions(tx, tenant.orgId, campaignId)).map((q) => [q.id, q]));
    const values: { questionId: string; value: number | null; text: string | null }[] = [];
    const seen = new Set<string>();
    for (const [i, a] of input.answers.entries()) {
      const q = questions.get(a.questionId);
      if (!q) throw invalid(`body.answers.${i}.questionId`, 'unknown_question', 'not a question of this campaign');
      if (seen.has(a.questionId))
        throw invalid(`body.answers.${i}.questionId`, 'duplicate', 'the question is answered twice');
      seen.add(a.questionId);
      if (q.kind === 'open') {
        if (a.value !== undefined)
          throw invalid(`body.answers.${i}.value`, 'open_question', 'this question takes a text');
        if (a.text) values.push({ questionId: a.questionId, value: null, text: a.text });
        continue;
      }
      if (a.text) throw invalid(`body.answers.${i}.text`, 'scale_question', 'this question takes a score');
      if (a.value === undefined) continue;
      const [min, max] = q.kind === 'agree5' ? [1, 5] : [0, 10];
      if (a.value < min || a.value > max)
        throw invalid(`body.answers.${i}.value`, 'out_of_range', `a score from ${min} to ${max}`);
      values.push({ questionId: a.questionId, value: a.value, text: null });
    }
    const key = ballotKeyer(deps.secret, campaignId)(tenant.memberId);
    // Takes the ballot's row lock: two saves by the same member follow each other.
    await replaceBallotAnswers(tx, tenant.orgId, campaignId, key, values);
    return { saved: values.length };
  });
}

/** A manager's self-view for the mirror: their own, kept with their name, seen only by them. Saved apart from the ballot. */
export async function saveMirror(
  deps: QuestionsDeps,
  tenant: TenantContext,
  campaignId: string,
  input: z.output<typeof mirrorBody>,
) {
  return deps.db.transaction(async (tx) => {
    const { asked } = await openForAnswers(tx, tenant, campaignId);
    if (asked.managedTeamIds.length === 0)
      throw new AppError('forbidden', 403, { detail: 'the mirror is for those who lead a team' });
    const selfIds = new Set(
      (await loadQuestions(tx, tenant.orgId, campaignId)).filter((q) => q.selfView).map((q) => q.id),
    );
    for (const [i, a] of input.answers.entries()) {
      if (!selfIds.has(a.questionId))
        throw invalid(`body.answers.${i}.questionId`, 'unknown_question', 'not a self-view question of this campaign');
    }
    const unique = new Map(input.answers.map((a) => [a.questionId, a.value]));
    await replaceMirrorAnswers(
      tx,
      tenant.orgId,
      campaignId,
      tenant.memberId,
      [...unique].map(([questionId, value]) => ({ questionId, value })),
    );
    return { saved: unique.size };
  });
}

/** Erasure of a member who left: their self-view in the leadership mirror goes (ballots hold no name). */
export async function eraseMirrorAnswersOf(tx: Tx, orgId: string, memberId: string): Promise<void> {
  await deleteMirrorAnswersOf(tx, orgId, memberId);
}
