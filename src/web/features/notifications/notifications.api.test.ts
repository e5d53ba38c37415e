import { describe, expect, it } from 'vitest';
import { type AppNotification, aboveMandateData, campaignNoticeData, campaignNoticePath, promiseNoticeData } from './notifications.api';

const PROMISE = '11111111-1111-4111-8111-111111111111';
const CAMPAIGN = '22222222-2222-4222-8222-222222222222';
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
        breaches: [{ code: 'lead_time', days: 2, minimumDays: 5 }, { code: 'lead_time', days: '2' }, { code: 'outside_profile' }, 'junk', null, { code: 'condition_not_met', condition: 'Aanbetaling' }],
        reason: 'Vaste klant',
      }),
    );
    expect(data).toEqual({
      kind: 'promise_breaks_guideline',
      promiseId: PROMISE,
      what: 'Taart bezorgen',
      customerName: 'Bakker BV',
      memberName: 'Ann',
      breaches: [{ code: 'lead_time', days: 2, minimumDays: 5 }, { code: 'outside_profile' }, { code: 'condition_not_met', condition: 'Aanbetaling' }],
      reason: 'Vaste klant',
    });
  });

  it('reads a step sent back and the reminders, with a missing or bad day as null', () => {
    expect(promiseNoticeData(notice('step_sent_back', { promiseId: PROMISE, stepId: 's', what: 'Inpakken', promiseWhat: 'Taart', teamName: 'Magazijn', reason: 'Verkeerde maat' }))).toMatchObject({
      kind: 'step_sent_back',
      teamName: 'Magazijn',
      reason: 'Verkeerde maat',
    });
    expect(promiseNoticeData(notice('step_late', { promiseId: PROMISE, dueDate: '2026-05-01' }))).toMatchObject({ kind: 'step_late', dueDate: '2026-05-01', what: '' });
    expect(promiseNoticeData(notice('step_due_soon', { promiseId: PROMISE, dueDate: 20260501 }))).toMatchObject({ kind: 'step_due_soon', dueDate: null });
    expect(promiseNoticeData(notice('step_due_soon', { promiseId: PROMISE, dueDate: 'tomorrow' }))).toMatchObject({ dueDate: null });
  });

  it('gives null without a promise to open, or for another kind', () => {
    expect(promiseNoticeData(notice('step_late', {}))).toBeNull();
    expect(promiseNoticeData(notice('step_late', { promiseId: 42 }))).toBeNull();
    expect(promiseNoticeData(notice('extra_above_mandate', { promiseId: PROMISE }))).toBeNull();
    expect(promiseNoticeData({ ...notice('step_late', {}), data: null as unknown as Record<string, unknown> })).toBeNull();
  });

  it('leaves the above-mandate reading as it was', () => {
    expect(aboveMandateData(notice('extra_above_mandate', { extraId: 'e1', memberName: 'Bo', costCents: 2500, reason: 'r', occasion: 'o' }))).toEqual({
      extraId: 'e1',
      memberName: 'Bo',
      costCents: 2500,
      reason: 'r',
      occasion: 'o',
    });
    expect(aboveMandateData(notice('step_late', { promiseId: PROMISE }))).toBeNull();
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
    const reminder = campaignNoticeData(notice('campaign_reminder', { campaignId: CAMPAIGN, title: 'Najaar', closesOn: '2026-11-30' }));
    expect(reminder).toEqual({ kind: 'campaign_reminder', campaignId: CAMPAIGN, title: 'Najaar', closesOn: '2026-11-30' });
    expect(campaignNoticePath(reminder!)).toBe(`/questions/${CAMPAIGN}`);
    expect(campaignNoticeData(notice('campaign_reminder', { campaignId: CAMPAIGN, closesOn: 'soon' }))).toEqual({ kind: 'campaign_reminder', campaignId: CAMPAIGN, title: '', closesOn: null });
    expect(campaignNoticeData(notice('campaign_reminder', { campaignId: CAMPAIGN, title: 7 }))).toMatchObject({ title: '', closesOn: null });
  });

  it('gives null without a campaign to open, or for another kind', () => {
    expect(campaignNoticeData(notice('campaign_open', {}))).toBeNull();
    expect(campaignNoticeData(notice('campaign_closed', { campaignId: 3 }))).toBeNull();
    expect(campaignNoticeData(notice('campaign_open', { campaignId: '' }))).toBeNull();
    expect(campaignNoticeData(notice('step_late', { campaignId: CAMPAIGN }))).toBeNull();
    expect(campaignNoticeData({ ...notice('campaign_open', {}), data: null as unknown as Record<string, unknown> })).toBeNull();
    expect(promiseNoticeData(notice('campaign_open', { campaignId: CAMPAIGN, promiseId: PROMISE }))).toBeNull();
  });
});
