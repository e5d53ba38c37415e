/** What the campaign services share: their deps, the campaign row, reading a campaign's questions and audience. */
import type { CampaignQuestion, TextPair } from '../../../contracts/questions.contract';
import type { Tx } from '../../db/client';
import type { campaigns } from '../../db/schema/questions.schema';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import { selectAudienceMember, selectCampaignForUpdate, selectCampaignQuestions } from './rounds.repo';

/** The secret: the root of the ballot keys. */
export type QuestionsDeps = Pick<Deps, 'db' | 'secret'>;

export type CampaignRow = typeof campaigns.$inferSelect;

export const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

/** The words in both languages; a language the organisation left empty falls back to the other. */
export const bothLanguages = (text: { nl?: string | undefined; en?: string | undefined }): TextPair => ({
  nl: text.nl || text.en || '',
  en: text.en || text.nl || '',
});

export async function lockCampaign(tx: Tx, orgId: string, campaignId: string): Promise<CampaignRow> {
  const row = await selectCampaignForUpdate(tx, orgId, campaignId);
  if (!row) throw notFound();
  return row;
}

export async function loadQuestions(db: Tx, orgId: string, campaignId: string): Promise<CampaignQuestion[]> {
  const rows = await selectCampaignQuestions(db, orgId, campaignId);
  return rows.map((q) => ({
    id: q.id,
    key: q.questionKey,
    position: q.position,
    theme: q.theme,
    kind: q.kind,
    text: q.text,
    selfView: q.selfView ?? null,
  }));
}

export async function audienceRow(db: Tx, orgId: string, campaignId: string, memberId: string) {
  return selectAudienceMember(db, orgId, campaignId, memberId);
}

/** A campaign counts as closed once its last day has passed, even before the job has closed it. */
export function effectiveStatus(row: Pick<CampaignRow, 'status' | 'closesOn'>, today: string): CampaignRow['status'] {
  return row.status === 'open' && row.closesOn < today ? 'closed' : row.status;
}
