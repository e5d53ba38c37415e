import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { PROPOSAL_STATUSES } from '../../../contracts/counsel.contract';
import en from '../../../i18n/en.json' with { type: 'json' };
import nl from '../../../i18n/nl.json' with { type: 'json' };
import {
  decisionTimeText,
  eventText,
  formatDays,
  isOpen,
  isStatusFilter,
  kindLabel,
  openQuestion,
  STATUS_COLORS,
  STATUS_FILTERS,
  statusFilterLabel,
  statusLabel,
} from './counsel-labels';

/** A t that fills in the Dutch (or English) catalog, as i18next does. */
function catalogT(catalog: unknown): TFunction {
  return ((key: string, options: Record<string, unknown> = {}) => {
    const text = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    if (typeof text !== 'string') return key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name] ?? ''));
  }) as unknown as TFunction;
}
const tNl = catalogT(nl);
const tEn = catalogT(en);

describe('days to decision', () => {
  it('are written with one decimal, as the language writes them', () => {
    expect(formatDays(3, 'nl')).toBe('3,0');
    expect(formatDays(2.5, 'nl')).toBe('2,5');
    expect(formatDays(2.5, 'en')).toBe('2.5');
    expect(formatDays(0.04, 'nl')).toBe('0,0');
    expect(formatDays(1234.5, 'nl')).toBe('1.234,5');
    expect(formatDays(-1, 'en')).toBe('0.0');
  });

  it('read "decided after" once decided and "waiting" while open', () => {
    expect(decisionTimeText(tNl, 'nl', { status: 'approved', daysToDecision: 3 })).toBe('Besluit na 3,0 dagen');
    expect(decisionTimeText(tNl, 'nl', { status: 'declined', daysToDecision: 0.5 })).toBe('Besluit na 0,5 dagen');
    expect(decisionTimeText(tNl, 'nl', { status: 'submitted', daysToDecision: 2.5 })).toBe('Wacht al 2,5 dagen');
    expect(decisionTimeText(tNl, 'nl', { status: 'more_asked', daysToDecision: 4 })).toBe('Wacht al 4,0 dagen');
    expect(decisionTimeText(tEn, 'en', { status: 'approved', daysToDecision: 3 })).toBe('Decided after 3.0 days');
    expect(decisionTimeText(tEn, 'en', { status: 'submitted', daysToDecision: 2.5 })).toBe('Waiting for 2.5 days');
  });

  it('are not shown for a withdrawn proposal', () => {
    expect(decisionTimeText(tNl, 'nl', { status: 'withdrawn', daysToDecision: 9 })).toBeNull();
  });
});

describe('statuses', () => {
  it('each have a label and a colour in both languages', () => {
    for (const status of PROPOSAL_STATUSES) {
      expect(statusLabel(tNl, status)).not.toMatch(/^counsel\./);
      expect(statusLabel(tEn, status)).not.toMatch(/^counsel\./);
      expect(STATUS_COLORS[status]).toBeTruthy();
    }
    expect(statusLabel(tNl, 'more_asked')).toBe('Meer gevraagd');
    expect(statusLabel(tEn, 'approved')).toBe('Approved');
  });

  it('are open while before the director or back with the advisor', () => {
    expect(PROPOSAL_STATUSES.filter(isOpen)).toEqual(['submitted', 'more_asked']);
  });

  it('filter the list by the values the server takes', () => {
    expect(STATUS_FILTERS).toEqual(['open', 'approved', 'declined', 'withdrawn', 'any']);
    for (const filter of STATUS_FILTERS) expect(statusFilterLabel(tNl, filter)).not.toMatch(/^counsel\./);
    expect(statusFilterLabel(tNl, 'any')).toBe('Alle');
    expect(isStatusFilter('open')).toBe(true);
    expect(isStatusFilter('submitted')).toBe(false);
    expect(isStatusFilter(null)).toBe(false);
  });

  it('name the two kinds of proposal', () => {
    expect(kindLabel(tNl, 'improve')).toBe('Verbeteren wat er is');
    expect(kindLabel(tNl, 'new')).toBe('Iets nieuws');
  });
});

describe('the history', () => {
  it('says who did what', () => {
    expect(eventText(tNl, { kind: 'more_asked', byName: 'Dirk' })).toBe('Dirk vroeg om meer');
    expect(eventText(tNl, { kind: 'approved', byName: '' })).toBe('Iemand heeft het goedgekeurd');
    expect(eventText(tEn, { kind: 'resubmitted', byName: 'Mia' })).toBe('Mia resubmitted it');
    expect(eventText(tEn, { kind: 'renamed', byName: 'Mia' })).toBe('Mia changed something');
  });

  it('finds the director’s latest question while more is asked', () => {
    const history = [
      { kind: 'submitted', reason: null, byName: 'Mia', at: '2026-05-01T10:00:00.000Z' },
      { kind: 'more_asked', reason: 'Wat kost het per jaar?', byName: 'Dirk', at: '2026-05-02T10:00:00.000Z' },
      { kind: 'resubmitted', reason: 'Kosten per jaar erbij', byName: 'Mia', at: '2026-05-03T10:00:00.000Z' },
      { kind: 'more_asked', reason: 'En de risico’s?', byName: 'Dirk', at: '2026-05-04T10:00:00.000Z' },
    ];
    expect(openQuestion({ status: 'more_asked', decisionReason: 'En de risico’s?', history })?.reason).toBe(
      'En de risico’s?',
    );
    expect(openQuestion({ status: 'more_asked', decisionReason: 'Waarom?', history: [] })).toMatchObject({
      reason: 'Waarom?',
    });
    expect(openQuestion({ status: 'submitted', decisionReason: 'En de risico’s?', history })).toBeNull();
    expect(openQuestion({ status: 'more_asked', decisionReason: null, history: [] })).toBeNull();
  });
});
