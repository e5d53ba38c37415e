import type { CampaignSummary } from '../../../contracts/questions.contract';

// Which campaigns the list shows where. Pure, so it is tested beside it.

/** Open campaigns put to me (answered or not), the one that closes first on top. */
export function campaignsToAnswer(campaigns: readonly CampaignSummary[]): CampaignSummary[] {
  return campaigns
    .filter((c) => c.status === 'open' && c.myStatus !== 'not_asked')
    .sort((a, b) => a.closesOn.localeCompare(b.closesOn) || a.title.localeCompare(b.title));
}

/** Closed campaigns, the one that closed last on top. */
export function closedCampaigns(campaigns: readonly CampaignSummary[]): CampaignSummary[] {
  return campaigns
    .filter((c) => c.status === 'closed')
    .sort((a, b) => b.closesOn.localeCompare(a.closesOn) || a.title.localeCompare(b.title));
}

/** What a row of the directors' list offers: the results of a closed one, answering an open one put to me. */
export function rowAction(campaign: Pick<CampaignSummary, 'status' | 'myStatus'>): 'results' | 'answer' | null {
  if (campaign.status === 'closed') return 'results';
  if (campaign.status === 'open' && campaign.myStatus === 'to_answer') return 'answer';
  return null;
}
