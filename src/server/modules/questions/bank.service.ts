/** The question bank: the standard questions and the organisation's own. */
import type { z } from 'zod';
import type { BankQuestion, ownQuestionBody } from '../../../contracts/questions.contract';
import type { Db, Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { recordAudit } from '../org/org.service';
import { archiveOwnQuestionRow, insertOwnQuestion, selectOwnQuestions } from './bank.repo';
import { bothLanguages } from './campaign-common';
import { QUESTION_BANK } from './question-bank';

export async function listBank(db: Tx, orgId: string): Promise<{ items: BankQuestion[] }> {
  const own = await selectOwnQuestions(db, orgId);
  return {
    items: [
      ...QUESTION_BANK.map((q) => ({
        key: q.key,
        theme: q.theme,
        kind: q.kind,
        text: q.text,
        selfView: q.selfView ?? null,
        own: false,
      })),
      ...own.map((q) => ({
        key: `own:${q.id}`,
        theme: q.theme,
        kind: q.kind,
        text: q.text,
        selfView: q.selfView ?? null,
        own: true,
      })),
    ],
  };
}

export async function addOwnQuestion(
  db: Db,
  tenant: TenantContext,
  input: z.output<typeof ownQuestionBody>,
): Promise<BankQuestion> {
  return db.transaction(async (tx) => {
    const row = await insertOwnQuestion(tx, {
      orgId: tenant.orgId,
      theme: input.theme,
      kind: input.kind,
      text: bothLanguages(input.text),
      createdBy: tenant.memberId,
    });
    await recordAudit(tx, tenant, 'question.added', 'question', row.id);
    return {
      key: `own:${row.id}`,
      theme: input.theme,
      kind: input.kind,
      text: row.text,
      selfView: null,
      own: true,
    };
  });
}

export async function archiveOwnQuestion(db: Db, tenant: TenantContext, questionId: string) {
  if (!(await archiveOwnQuestionRow(db, tenant.orgId, questionId))) throw notFound();
}
