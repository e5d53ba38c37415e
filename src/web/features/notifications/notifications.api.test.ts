import { describe, expect, it } from 'vitest';
import { type AppNotification, aboveMandateData, promiseNoticeData } from './notifications.api';

const PROMISE = '11111111-1111-4111-8111-111111111111';
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
