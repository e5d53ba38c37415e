import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import {
  averageText,
  closeNoteError,
  defaultScope,
  dueState,
  dueText,
  fileSlug,
  fivePointFace,
  periodError,
  periodOf,
  scopeOptions,
  subjectPath,
  touchpointNameError,
} from './voice-model';

// A t that shows the key and its values, so the tests see what is asked for.
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as TFunction;

const EXTRA = '11111111-1111-4111-8111-111111111111';
const PROMISE = '22222222-2222-4222-8222-222222222222';

describe('scores on their own scale', () => {
  it('puts a face on five points, 0–10 mapped as the server maps it', () => {
    expect([1, 2, 3, 4, 5].map((s) => fivePointFace('agree5', s))).toEqual([1, 2, 3, 4, 5]);
    expect(fivePointFace('scale10', 0)).toBe(1);
    expect(fivePointFace('scale10', 2)).toBe(2); // 1.8
    expect(fivePointFace('scale10', 5)).toBe(3);
    expect(fivePointFace('scale10', 10)).toBe(5);
    expect(fivePointFace('agree5', 9)).toBe(5);
  });
});

describe('the average on five points', () => {
  it('has one decimal, in the language', () => {
    expect(averageText(3.26, 'nl')).toBe('3,3');
    expect(averageText(3.26, 'en')).toBe('3.3');
    expect(averageText(4, 'nl')).toBe('4,0');
    expect(averageText(1.04, 'en')).toBe('1.0');
  });

  it('is a dash without reactions', () => {
    expect(averageText(null, 'nl')).toBe('–');
    expect(averageText(Number.NaN, 'en')).toBe('–');
  });
});

describe('scopes per role', () => {
  it('gives a member their own, and their teams’ when they are in one', () => {
    expect(scopeOptions(['member'], 0)).toEqual(['mine']);
    expect(scopeOptions(['member'], 2)).toEqual(['mine', 'team']);
    expect(defaultScope(['member'], ['mine', 'team'])).toBe('mine');
  });

  it('starts a manager on the teams', () => {
    const options = scopeOptions(['member', 'manager'], 1);
    expect(options).toEqual(['mine', 'team']);
    expect(defaultScope(['member', 'manager'], options)).toBe('team');
    expect(defaultScope(['manager'], scopeOptions(['manager'], 0))).toBe('mine');
  });

  it('gives directors and admins everything, and starts them there', () => {
    expect(scopeOptions(['director'], 0)).toEqual(['mine', 'all']);
    expect(scopeOptions(['admin'], 1)).toEqual(['mine', 'team', 'all']);
    expect(defaultScope(['director'], scopeOptions(['director'], 0))).toBe('all');
    expect(scopeOptions(['advisor'], 0)).toEqual(['mine']);
  });
});

describe('the period', () => {
  it('counts a preset back from today, today included', () => {
    expect(periodOf('90', '2026-05-31', { from: '', to: '' })).toEqual({ from: '2026-03-03', to: '2026-05-31' });
    expect(periodOf('30', '2026-03-01', { from: '', to: '' })).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(periodOf('custom', '2026-05-31', { from: '2026-01-01', to: '2026-02-01' })).toEqual({
      from: '2026-01-01',
      to: '2026-02-01',
    });
  });

  it('refuses a period the server would refuse', () => {
    expect(periodError('2026-01-01', '2026-01-01')).toBeNull();
    expect(periodError('2025-06-01', '2026-05-31')).toBeNull(); // 365 days
    expect(periodError('', '2026-01-01')).toBe('voice.period.errorMissing');
    expect(periodError('2026-02-01', '2026-01-01')).toBe('voice.period.errorOrder');
    expect(periodError('2024-01-01', '2026-01-01')).toBe('voice.period.errorLong');
  });
});

describe('where a reaction leads', () => {
  it('opens the extra or the promise; a touchpoint has no page', () => {
    expect(subjectPath({ extraId: EXTRA, promiseId: null })).toBe(`/extras/${EXTRA}`);
    expect(subjectPath({ extraId: null, promiseId: PROMISE })).toBe(`/promises/${PROMISE}`);
    expect(subjectPath({ extraId: null, promiseId: null })).toBeNull();
  });
});

describe('an open follow-up against its day', () => {
  it('is late when the server says so, counting the days on the calendar', () => {
    expect(dueState({ dueOn: '2026-05-01', late: true }, '2026-05-04')).toEqual({ state: 'late', daysLate: 3 });
    expect(dueText(t, { state: 'late', daysLate: 3 }, '1 mei 2026')).toBe(
      'voice.followups.dueLate {"count":3,"day":"1 mei 2026"}',
    );
  });

  it('is late when the day has passed on the organisation’s calendar, even before the server’s next look', () => {
    expect(dueState({ dueOn: '2026-05-01', late: false }, '2026-05-02')).toEqual({ state: 'late', daysLate: 1 });
  });

  it('is due today, or on a day to come', () => {
    expect(dueState({ dueOn: '2026-05-04', late: false }, '2026-05-04')).toEqual({ state: 'today' });
    expect(dueState({ dueOn: '2026-05-06', late: false }, '2026-05-04')).toEqual({ state: 'upcoming', daysLeft: 2 });
    expect(dueText(t, { state: 'today' }, 'x')).toBe('voice.followups.dueToday');
    expect(dueText(t, { state: 'upcoming', daysLeft: 2 }, '6 mei 2026')).toBe(
      'voice.followups.dueOn {"day":"6 mei 2026"}',
    );
  });

  it('counts at least one day late when the server says late on the day itself (its clock ran ahead)', () => {
    expect(dueState({ dueOn: '2026-05-04', late: true }, '2026-05-04')).toEqual({ state: 'late', daysLate: 1 });
  });
});

describe('closing a follow-up', () => {
  it('asks why for "not our customer"', () => {
    expect(closeNoteError('not_our_customer', '')).toBe('voice.close.reasonRequired');
    expect(closeNoteError('not_our_customer', '   \n ')).toBe('voice.close.reasonRequired');
    expect(closeNoteError('not_our_customer', 'Maatwerk buiten ons aanbod')).toBeNull();
  });

  it('takes "resolved" with or without a note', () => {
    expect(closeNoteError('resolved', '')).toBeNull();
    expect(closeNoteError('resolved', 'Gebeld, excuses aangeboden')).toBeNull();
  });

  it('refuses a note over 1000 characters either way', () => {
    expect(closeNoteError('resolved', 'x'.repeat(1001))).toBe('validation.too_big');
    expect(closeNoteError('not_our_customer', 'x'.repeat(1001))).toBe('validation.too_big');
    expect(closeNoteError('not_our_customer', ` ${'x'.repeat(1000)} `)).toBeNull();
  });
});

describe('a touchpoint', () => {
  it('needs a name of one line up to 80 characters', () => {
    expect(touchpointNameError('')).toBe('validation.required');
    expect(touchpointNameError('   ')).toBe('validation.required');
    expect(touchpointNameError('Tafel 4')).toBeNull();
    expect(touchpointNameError('x'.repeat(81))).toBe('validation.too_big');
  });

  it('gives its QR files a plain name', () => {
    expect(fileSlug('Tafel 4 (terras)')).toBe('tafel-4-terras');
    expect(fileSlug('Café Één')).toBe('cafe-een');
    expect(fileSlug('!!!')).toBe('contactpunt');
  });
});
