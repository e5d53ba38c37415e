import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  type AppNotification,
  aboveMandateData,
  aboveMandateText,
  campaignNoticeData,
  campaignNoticePath,
  counselNoticeData,
  counselNoticePath,
  promiseNoticeData,
  thanksNoticeData,
  thanksNoticePath,
  voiceNoticeData,
  voiceNoticePath,
} from './notifications.api';

const PROMISE = '11111111-1111-4111-8111-111111111111';
const CAMPAIGN = '22222222-2222-4222-8222-222222222222';
const EXTRA = '33333333-3333-4333-8333-333333333333';
const REACTION = '44444444-4444-4444-8444-444444444444';
const FOLLOWUP = '55555555-5555-4555-8555-555555555555';
const PROPOSAL = '66666666-6666-4666-8666-666666666666';
const notice = (kind: AppNotification['kind'], data: Record<string, unknown>): AppNotification => ({
  id: '99999999-9999-4999-8999-999999999999',
  kind,
  data,
  createdAt: '2026-05-01T10:00:00.000Z',
  readAt: null,
});

describe('promiseNoticeData', () => {
  it('reads a promise that breaks a guideline, keeping only well-formed breaches', () => {
    const data = promiseNoticeData(
      notice('promise_breaks_guideline', {
        promiseId: PROMISE,
        what: 'Taart bezorgen',
        customerName: 'Bakker BV',
        memberName: 'Ann',
        breaches: [
          { code: 'lead_time', days: 2, minimumDays: 5 },
          { code: 'lead_time', days: '2' },
          { code: 'outside_profile' },
          'junk',
          null,
          { code: 'condition_not_met', condition: 'Aanbetaling' },
        ],
        reason: 'Vaste klant',
      }),
    );
    expect(data).toEqual({
      kind: 'promise_breaks_guideline',
      promiseId: PROMISE,
      what: 'Taart bezorgen',
      customerName: 'Bakker BV',
      memberName: 'Ann',
      breaches: [
        { code: 'lead_time', days: 2, minimumDays: 5 },
        { code: 'outside_profile' },
        { code: 'condition_not_met', condition: 'Aanbetaling' },
      ],
      reason: 'Vaste klant',
    });
  });

  it('reads a step sent back and the reminders, with a missing or bad day as null', () => {
    expect(
      promiseNoticeData(
        notice('step_sent_back', {
          promiseId: PROMISE,
          stepId: 's',
          what: 'Inpakken',
          promiseWhat: 'Taart',
          teamName: 'Magazijn',
          reason: 'Verkeerde maat',
        }),
      ),
    ).toMatchObject({
      kind: 'step_sent_back',
      teamName: 'Magazijn',
      reason: 'Verkeerde maat',
    });
    expect(promiseNoticeData(notice('step_late', { promiseId: PROMISE, dueDate: '2026-05-01' }))).toMatchObject({
      kind: 'step_late',
      dueDate: '2026-05-01',
      what: '',
    });
    expect(promiseNoticeData(notice('step_due_soon', { promiseId: PROMISE, dueDate: 20260501 }))).toMatchObject({
      kind: 'step_due_soon',
      dueDate: null,
    });
    expect(promiseNoticeData(notice('step_due_soon', { promiseId: PROMISE, dueDate: 'tomorrow' }))).toMatchObject({
      dueDate: null,
    });
  });

  it('gives null without a promise to open, or for another kind', () => {
    expect(promiseNoticeData(notice('step_late', {}))).toBeNull();
    expect(promiseNoticeData(notice('step_late', { promiseId: 42 }))).toBeNull();
    expect(promiseNoticeData(notice('extra_above_mandate', { promiseId: PROMISE }))).toBeNull();
    expect(
      promiseNoticeData({ ...notice('step_late', {}), data: null as unknown as Record<string, unknown> }),
    ).toBeNull();
  });

  it('leaves the above-mandate reading as it was', () => {
    expect(
      aboveMandateData(
        notice('extra_above_mandate', { extraId: 'e1', memberName: 'Bo', costCents: 2500, reason: 'r', occasion: 'o' }),
      ),
    ).toEqual({
      extraId: 'e1',
      memberName: 'Bo',
      costCents: 2500,
      aboveCents: null,
      reason: 'r',
      occasion: 'o',
    });
    expect(aboveMandateData(notice('step_late', { promiseId: PROMISE }))).toBeNull();
  });

  it('names the amount above the mandate, not the whole cost', () => {
    const t = ((key: string, vars: Record<string, string>) => `${key} ${JSON.stringify(vars)}`) as unknown as TFunction;
    const money = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;
    const data = aboveMandateData(
      notice('extra_above_mandate', {
        extraId: 'e1',
        memberName: 'Lisa Mulder',
        costCents: 750,
        aboveCents: 550,
        reason: 'r',
      }),
    )!;
    expect(aboveMandateText(t, money, data)).toBe(
      'notifications.aboveMandate {"name":"Lisa Mulder","cost":"€ 7,50","reason":"r","amount":"€ 5,50"}',
    );
    // All of it above (no mandate, a kind not allowed), or an older notice that did not record the part: said as the cost of the extra.
    expect(aboveMandateText(t, money, { ...data, aboveCents: 750 })).toMatch(
      /^notifications.aboveMandateWhole .*"cost":"€ 7,50"/,
    );
    expect(aboveMandateText(t, money, { ...data, aboveCents: null })).toMatch(/^notifications.aboveMandateWhole /);
  });
});

describe('campaignNoticeData', () => {
  it('reads a campaign that opened or closed, and leads to answering or to the results', () => {
    const opened = campaignNoticeData(notice('campaign_open', { campaignId: CAMPAIGN, title: 'Voorjaar 2026' }));
    expect(opened).toEqual({ kind: 'campaign_open', campaignId: CAMPAIGN, title: 'Voorjaar 2026' });
    expect(campaignNoticePath(opened!)).toBe(`/questions/${CAMPAIGN}`);
    const closed = campaignNoticeData(notice('campaign_closed', { campaignId: CAMPAIGN, title: 'Voorjaar 2026' }));
    expect(closed).toEqual({ kind: 'campaign_closed', campaignId: CAMPAIGN, title: 'Voorjaar 2026' });
    expect(campaignNoticePath(closed!)).toBe(`/questions/${CAMPAIGN}/results`);
  });

  it('reads a reminder with its last day, a missing or bad day as null, a missing title as empty', () => {
    const reminder = campaignNoticeData(
      notice('campaign_reminder', { campaignId: CAMPAIGN, title: 'Najaar', closesOn: '2026-11-30' }),
    );
    expect(reminder).toEqual({
      kind: 'campaign_reminder',
      campaignId: CAMPAIGN,
      title: 'Najaar',
      closesOn: '2026-11-30',
    });
    expect(campaignNoticePath(reminder!)).toBe(`/questions/${CAMPAIGN}`);
    expect(campaignNoticeData(notice('campaign_reminder', { campaignId: CAMPAIGN, closesOn: 'soon' }))).toEqual({
      kind: 'campaign_reminder',
      campaignId: CAMPAIGN,
      title: '',
      closesOn: null,
    });
    expect(campaignNoticeData(notice('campaign_reminder', { campaignId: CAMPAIGN, title: 7 }))).toMatchObject({
      title: '',
      closesOn: null,
    });
  });

  it('gives null without a campaign to open, or for another kind', () => {
    expect(campaignNoticeData(notice('campaign_open', {}))).toBeNull();
    expect(campaignNoticeData(notice('campaign_closed', { campaignId: 3 }))).toBeNull();
    expect(campaignNoticeData(notice('campaign_open', { campaignId: '' }))).toBeNull();
    expect(campaignNoticeData(notice('step_late', { campaignId: CAMPAIGN }))).toBeNull();
    expect(
      campaignNoticeData({ ...notice('campaign_open', {}), data: null as unknown as Record<string, unknown> }),
    ).toBeNull();
    expect(promiseNoticeData(notice('campaign_open', { campaignId: CAMPAIGN, promiseId: PROMISE }))).toBeNull();
  });
});

describe('voiceNoticeData', () => {
  it('reads a customer reaction on an extra, and leads to the extra', () => {
    const data = voiceNoticeData(
      notice('customer_reaction', {
        reactionId: REACTION,
        score: 4,
        scale: 'agree5',
        subject: 'extra',
        extraId: EXTRA,
        promiseId: null,
      }),
    );
    expect(data).toEqual({
      kind: 'customer_reaction',
      reactionId: REACTION,
      score: 4,
      scale: 'agree5',
      extraId: EXTRA,
      promiseId: null,
    });
    expect(voiceNoticePath(data!)).toBe(`/extras/${EXTRA}`);
  });

  it('reads a customer reaction on a promise on the 0–10 scale, and leads to the promise', () => {
    const data = voiceNoticeData(
      notice('customer_reaction', {
        reactionId: REACTION,
        score: 0,
        scale: 'scale10',
        subject: 'promise',
        extraId: null,
        promiseId: PROMISE,
      }),
    );
    expect(data).toMatchObject({ score: 0, scale: 'scale10', extraId: null, promiseId: PROMISE });
    expect(voiceNoticePath(data!)).toBe(`/promises/${PROMISE}`);
    // Not read as a notification about a promise, though it names one.
    expect(promiseNoticeData(notice('customer_reaction', { promiseId: PROMISE }))).toBeNull();
  });

  it('reads a follow-up of a very negative reaction, and leads to the follow-ups', () => {
    const data = voiceNoticeData(notice('voice_followup', { followupId: FOLLOWUP, score: 1, scale: 'agree5' }));
    expect(data).toEqual({ kind: 'voice_followup', followupId: FOLLOWUP, score: 1, scale: 'agree5' });
    expect(voiceNoticePath(data!)).toBe('/customer-voice/follow-ups');
    expect(voiceNoticePath(voiceNoticeData(notice('voice_followup', {}))!)).toBe('/customer-voice/follow-ups');
  });

  it('drops a score that is missing or off its scale, and falls back to the voice page without a subject', () => {
    expect(
      voiceNoticeData(notice('voice_followup', { followupId: FOLLOWUP, score: '1', scale: 'agree5' })),
    ).toMatchObject({ score: null });
    expect(
      voiceNoticeData(notice('voice_followup', { followupId: FOLLOWUP, score: 0, scale: 'agree5' })),
    ).toMatchObject({ score: null });
    expect(voiceNoticeData(notice('customer_reaction', { score: 11, scale: 'scale10' }))).toMatchObject({
      score: null,
      scale: 'scale10',
    });
    expect(voiceNoticeData(notice('customer_reaction', { score: 7, scale: 'odd' }))).toMatchObject({
      score: null,
      scale: 'agree5',
    });
    const bare = voiceNoticeData(notice('customer_reaction', { extraId: '', promiseId: 5 }));
    expect(bare).toEqual({
      kind: 'customer_reaction',
      reactionId: '',
      score: null,
      scale: 'agree5',
      extraId: null,
      promiseId: null,
    });
    expect(voiceNoticePath(bare!)).toBe('/customer-voice');
    expect(
      voiceNoticeData({ ...notice('voice_followup', {}), data: null as unknown as Record<string, unknown> }),
    ).toMatchObject({ kind: 'voice_followup', score: null });
  });

  it('gives null for another kind', () => {
    expect(voiceNoticeData(notice('extra_above_mandate', { extraId: EXTRA }))).toBeNull();
    expect(voiceNoticeData(notice('campaign_open', { campaignId: CAMPAIGN }))).toBeNull();
    expect(campaignNoticeData(notice('voice_followup', { campaignId: CAMPAIGN }))).toBeNull();
    expect(aboveMandateData(notice('customer_reaction', { extraId: EXTRA }))).toBeNull();
  });
});

describe('counselNoticeData', () => {
  it('reads a proposal put before the director, flagged or not, and leads to the decision queue', () => {
    const data = counselNoticeData(
      notice('proposal_submitted', { proposalId: PROPOSAL, title: 'Chat op de website', flagged: true }),
    );
    expect(data).toEqual({
      kind: 'proposal_submitted',
      proposalId: PROPOSAL,
      title: 'Chat op de website',
      flagged: true,
    });
    expect(counselNoticePath(data!)).toBe('/decision-queue');
    expect(
      counselNoticeData(notice('proposal_submitted', { proposalId: PROPOSAL, title: 'x', flagged: 'yes' })),
    ).toMatchObject({ flagged: false });
  });

  it('reads a decision for the author, and leads to the proposal', () => {
    for (const status of ['approved', 'declined', 'more_asked'] as const) {
      const data = counselNoticeData(notice('proposal_decided', { proposalId: PROPOSAL, title: 'Chat', status }));
      expect(data).toEqual({ kind: 'proposal_decided', proposalId: PROPOSAL, title: 'Chat', status });
      expect(counselNoticePath(data!)).toBe(`/proposals/${PROPOSAL}`);
    }
  });

  it('gives an unknown decision as null and a missing title as empty', () => {
    expect(
      counselNoticeData(notice('proposal_decided', { proposalId: PROPOSAL, status: 'withdrawn', title: 3 })),
    ).toEqual({
      kind: 'proposal_decided',
      proposalId: PROPOSAL,
      title: '',
      status: null,
    });
  });

  it('gives null without a proposal to open, or for another kind', () => {
    expect(counselNoticeData(notice('proposal_submitted', {}))).toBeNull();
    expect(counselNoticeData(notice('proposal_decided', { proposalId: '' }))).toBeNull();
    expect(counselNoticeData(notice('campaign_open', { proposalId: PROPOSAL }))).toBeNull();
    expect(
      counselNoticeData({ ...notice('proposal_decided', {}), data: null as unknown as Record<string, unknown> }),
    ).toBeNull();
    expect(promiseNoticeData(notice('proposal_decided', { proposalId: PROPOSAL }))).toBeNull();
    expect(voiceNoticeData(notice('proposal_submitted', { proposalId: PROPOSAL }))).toBeNull();
  });
});

describe('thanks notices', () => {
  const THANKS = '66666666-6666-4666-8666-666666666666';
  const TEAM = '77777777-7777-4777-8777-777777777777';

  it('thanks to me lead to my profile, thanks to my team to its feed', () => {
    const mine = thanksNoticeData(
      notice('thanks_received', { thanksId: THANKS, fromName: 'Ans', words: 'Top', toTeamId: null }),
    );
    expect(mine).toMatchObject({ fromName: 'Ans', words: 'Top', toTeamId: null });
    expect(thanksNoticePath(mine!)).toBe('/profile');
    const team = thanksNoticeData(
      notice('thanks_received', {
        thanksId: THANKS,
        fromName: 'Ans',
        words: 'Top',
        toTeamId: TEAM,
        toTeamName: 'Keuken',
      }),
    );
    expect(team).toMatchObject({ toTeamId: TEAM, toTeamName: 'Keuken' });
    expect(thanksNoticePath(team!)).toBe(`/feed?team=${TEAM}`);
  });

  it('gives null for another kind or without thanks to point at', () => {
    expect(thanksNoticeData(notice('thanks_received', { fromName: 'Ans' }))).toBeNull();
    expect(thanksNoticeData(notice('proposal_decided', { thanksId: THANKS }))).toBeNull();
  });
});
