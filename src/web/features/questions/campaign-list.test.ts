import { describe, expect, it } from 'vitest';
import type { CampaignSummary } from '../../../contracts/questions.contract';
import { campaignsToAnswer, closedCampaigns, rowAction } from './campaign-list';

function campaign(
  id: string,
  status: CampaignSummary['status'],
  closesOn: string,
  myStatus: CampaignSummary['myStatus'] = 'not_asked',
): CampaignSummary {
  return {
    id,
    title: id,
    opensOn: '2026-01-01',
    closesOn,
    status,
    questionCount: 5,
    myStatus,
    audienceSize: null,
    responseRate: null,
    repeat: 'none',
  };
}

describe('the list of campaigns', () => {
  const items = [
    campaign('later', 'open', '2026-06-30', 'to_answer'),
    campaign('done', 'open', '2026-06-10', 'answered'),
    campaign('not-mine', 'open', '2026-06-01'),
    campaign('planned', 'scheduled', '2026-09-01'),
    campaign('old', 'closed', '2026-01-15'),
    campaign('recent', 'closed', '2026-04-15'),
  ];

  it('puts the open campaigns put to me first, the one closing first on top', () => {
    expect(campaignsToAnswer(items).map((c) => c.id)).toEqual(['done', 'later']);
  });

  it('lists the closed campaigns, the latest first', () => {
    expect(closedCampaigns(items).map((c) => c.id)).toEqual(['recent', 'old']);
  });

  it('offers answering or the results', () => {
    expect(rowAction(items[0]!)).toBe('answer');
    expect(rowAction(items[1]!)).toBeNull();
    expect(rowAction(items[3]!)).toBeNull();
    expect(rowAction(items[4]!)).toBe('results');
  });
});
