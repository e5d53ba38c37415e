import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json' with { type: 'json' };
import nl from '../../../i18n/nl.json' with { type: 'json' };
import {
  changeOf,
  changeText,
  deltaText,
  euros,
  extrasPath,
  formatFigure,
  isEmptyCount,
  percent,
  promisesPath,
  resultsPath,
  sparkline,
  voicePath,
  type Week,
  weeksText,
  weekText,
} from './tower-model';

// A t that reads the real catalog, with i18next's plural forms and {{values}}, so the tests read as the page does.
function catalogT(catalog: unknown, language: 'nl' | 'en'): TFunction {
  const rules = new Intl.PluralRules(language === 'nl' ? 'nl-NL' : 'en-GB');
  const lookup = (key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
  return ((key: string, values: Record<string, unknown> = {}) => {
    const plural = typeof values.count === 'number' ? lookup(`${key}_${rules.select(values.count)}`) : undefined;
    const text = (plural ?? lookup(key)) as string | undefined;
    if (typeof text !== 'string') throw new Error(`missing key ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  }) as unknown as TFunction;
}
const tNl = catalogT(nl, 'nl');
const tEn = catalogT(en, 'en');

// Intl writes a narrow no-break space in some locales: compare with plain spaces.
const plain = (text: string | null | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

const week = (day: string, value: number | null, count: number): Week => ({ week: day, value, count });

describe('figures as text', () => {
  it('writes shares as whole percentages and euros from cents', () => {
    expect(percent(0.834, 'nl')).toBe('83%');
    expect(percent(0, 'en')).toBe('0%');
    expect(percent(null, 'nl')).toBeNull();
    expect(plain(euros(123456, 'nl'))).toBe('€ 1.234,56');
    expect(euros(123456, 'en')).toBe('€1,234.56');
    expect(plain(euros(0, 'nl'))).toBe('€ 0,00');
  });

  it('writes ratings with one decimal, days with at most one, a promoter score with its sign', () => {
    expect(formatFigure(4.25, 'rating', 'nl')).toBe('4,3');
    expect(formatFigure(4, 'rating', 'en')).toBe('4.0');
    expect(formatFigure(2.5, 'days', 'nl')).toBe('2,5');
    expect(formatFigure(3, 'days', 'nl')).toBe('3');
    expect(formatFigure(12, 'score', 'nl')).toBe('+12');
    expect(plain(formatFigure(-7, 'score', 'en'))).toBe('-7');
    expect(formatFigure(0, 'score', 'en')).toBe('0');
    expect(formatFigure(1234, 'count', 'nl')).toBe('1.234');
  });

  it('has no figure for null or NaN, never "0" or "NaN"', () => {
    for (const measure of ['count', 'share', 'rating', 'cents', 'score', 'days'] as const) {
      expect(formatFigure(null, measure, 'nl')).toBeNull();
      expect(formatFigure(Number.NaN, measure, 'en')).toBeNull();
    }
  });
});

describe('the change against the period before', () => {
  it('has a direction, a size in the units shown and a tone', () => {
    expect(changeOf(30, 18, 'count')).toEqual({ direction: 'up', delta: 12, tone: 'good' });
    expect(changeOf(2, 5, 'count')).toEqual({ direction: 'down', delta: -3, tone: 'bad' });
    expect(changeOf(2, 5, 'count', 'down')).toEqual({ direction: 'down', delta: -3, tone: 'good' });
    expect(changeOf(8, 5, 'cents', 'neither')).toEqual({ direction: 'up', delta: 3, tone: 'neutral' });
    expect(changeOf(0.81, 0.74, 'share')).toEqual({ direction: 'up', delta: 7, tone: 'good' });
    expect(changeOf(4.24, 3.96, 'rating')).toEqual({ direction: 'up', delta: 2, tone: 'good' });
  });

  it('calls figures that look the same the same', () => {
    expect(changeOf(0.834, 0.831, 'share')).toEqual({ direction: 'same', delta: 0, tone: 'neutral' });
    expect(changeOf(4.01, 3.99, 'rating')?.direction).toBe('same');
    expect(changeOf(0, 0, 'count')?.direction).toBe('same');
  });

  it('has no change when either figure is missing', () => {
    expect(changeOf(null, 0.5, 'share')).toBeNull();
    expect(changeOf(0.5, null, 'share')).toBeNull();
    expect(changeOf(Number.NaN, 3, 'rating')).toBeNull();
  });

  it('writes the sign and the size in the language', () => {
    expect(deltaText(tNl, changeOf(30, 18, 'count')!, 'count', 'nl')).toBe('+12');
    expect(deltaText(tNl, changeOf(2, 5, 'count')!, 'count', 'nl')).toBe('−3');
    expect(deltaText(tNl, changeOf(0.81, 0.74, 'share')!, 'share', 'nl')).toBe('+7 procentpunten');
    expect(deltaText(tEn, changeOf(0.75, 0.76, 'share')!, 'share', 'en')).toBe('−1 percentage point');
    expect(deltaText(tNl, changeOf(3.9, 4.2, 'rating')!, 'rating', 'nl')).toBe('−0,3');
    expect(plain(deltaText(tNl, changeOf(125050, 100000, 'cents')!, 'cents', 'nl'))).toBe('+€ 250,50');
    expect(deltaText(tEn, changeOf(-10, 5, 'score')!, 'score', 'en')).toBe('−15');
  });

  it('says it in words against the 28 days before', () => {
    expect(changeText(tNl, 'nl', 30, 18, 'count')).toEqual({
      direction: 'up',
      tone: 'good',
      text: '+12 tegen de 28 dagen ervoor',
    });
    expect(changeText(tEn, 'en', 30, 18, 'count')?.text).toBe('+12 against the 28 days before');
    expect(changeText(tNl, 'nl', 4, 4, 'count')).toEqual({
      direction: 'same',
      tone: 'neutral',
      text: 'gelijk aan de 28 dagen ervoor',
    });
    expect(changeText(tNl, 'nl', 3, 1, 'count', { better: 'down' })).toEqual({
      direction: 'up',
      tone: 'bad',
      text: '+2 tegen de 28 dagen ervoor',
    });
  });

  it('says so when a period has no figure, and nothing when neither has', () => {
    expect(changeText(tNl, 'nl', 0.8, null, 'share')).toEqual({
      direction: null,
      tone: 'neutral',
      text: 'geen vergelijking: de 28 dagen ervoor hebben nog geen gegevens',
    });
    expect(changeText(tNl, 'nl', null, 0.8, 'share')).toEqual({
      direction: null,
      tone: 'neutral',
      text: 'de 28 dagen ervoor: 80%',
    });
    expect(changeText(tNl, 'nl', null, null, 'share')).toBeNull();
  });

  it('compares a round of core questions with the round before', () => {
    expect(changeText(tNl, 'nl', 3.8, 3.6, 'rating', { against: 'round' })?.text).toBe('+0,2 tegen de ronde ervoor');
    expect(changeText(tEn, 'en', 20, 20, 'score', { against: 'round' })?.text).toBe('the same as the round before');
    expect(changeText(tEn, 'en', 20, null, 'score', { against: 'round' })?.text).toBe(
      'no comparison with the round before',
    );
    expect(changeText(tEn, 'en', null, 3.5, 'rating', { against: 'round' })?.text).toBe('the round before: 3.5');
  });
});

describe('an empty count', () => {
  const quiet = [week('2026-01-05', null, 0), week('2026-01-12', null, 0)];
  it('is no data when nothing was counted in either period nor any week', () => {
    expect(isEmptyCount(0, 0, quiet)).toBe(true);
    expect(isEmptyCount(0, 2, quiet)).toBe(false);
    expect(isEmptyCount(0, 0, [...quiet, week('2026-01-19', null, 1)])).toBe(false);
    expect(isEmptyCount(0, 0, [week('2026-01-05', 1500, 0)], (w) => w.value)).toBe(false);
  });
});

describe('the sparkline', () => {
  const box = { width: 110, height: 30, pad: 5 };

  it('spreads the weeks over the width and scales the values to the range', () => {
    const s = sparkline([0, 0.5, 1], box, { min: 0, max: 1 });
    expect(s.lines).toEqual(['5,25 55,15 105,5']);
    expect(s.dots).toEqual([]);
    expect(s.last).toEqual({ x: 105, y: 5 });
  });

  it('breaks the line at a week without a value and keeps a lone week as a dot', () => {
    const s = sparkline([1, 2, null, 3, null, 2, 1], box, { min: 0, max: 4 });
    expect(s.lines).toHaveLength(2);
    expect(s.lines[0]).toBe('5,20 21.67,15');
    expect(s.dots).toEqual([{ x: 55, y: 10 }]);
    expect(s.last).toEqual({ x: 105, y: 20 });
  });

  it('scales to the values when no range is given, and puts a flat line in the middle', () => {
    expect(sparkline([2, 4], box).lines).toEqual(['5,25 105,5']);
    expect(sparkline([3, 3, 3], box).lines).toEqual(['5,15 55,15 105,15']);
    expect(sparkline([0, 0, 0], box, { min: 0 }).lines).toEqual(['5,25 55,25 105,25']);
  });

  it('keeps values outside the range on its edge', () => {
    expect(sparkline([-1, 2], box, { min: 0, max: 1 }).lines).toEqual(['5,25 105,5']);
  });

  it('draws nothing without values', () => {
    expect(sparkline([null, null], box)).toEqual({ lines: [], dots: [], last: null });
    expect(sparkline([], box)).toEqual({ lines: [], dots: [], last: null });
  });
});

describe('the weeks for a screen reader', () => {
  it('says each week in words, with "no reactions" for a week without', () => {
    expect(weekText(tNl, 'nl', 'extras', week('2026-01-05', 0.75, 4))).toBe("4 extra's, 75% positief");
    expect(weekText(tNl, 'nl', 'extras', week('2026-01-05', null, 1))).toBe('1 extra, geen reacties');
    expect(plain(weekText(tNl, 'nl', 'mandate', week('2026-01-05', 12050, 1)))).toBe(
      '€ 120,50 uitgegeven, 1 boven het mandaat',
    );
    expect(weekText(tEn, 'en', 'voice', week('2026-01-05', 4.25, 3))).toBe('3 reactions, average 4.3');
    expect(weekText(tEn, 'en', 'voice', week('2026-01-05', null, 0))).toBe('no reactions');
    expect(weekText(tNl, 'nl', 'promises', week('2026-01-05', 0.5, 2))).toBe('2 afgerond, 50% nagekomen');
    expect(weekText(tNl, 'nl', 'promises', week('2026-01-05', null, 0))).toBe('geen afgeronde afspraken');
  });

  it('lists every week, oldest first, with its date', () => {
    const text = weeksText(tNl, 'nl', 'voice', [week('2026-01-05', 4, 2), week('2026-01-12', null, 0)]);
    expect(text).toBe(
      'Per week, oudste eerst: week van 5 jan 2026: 2 reacties, gemiddeld 4,0; week van 12 jan 2026: geen reacties.',
    );
    expect(weeksText(tEn, 'en', 'extras', [week('2026-01-05', 1, 1)])).toBe(
      'Per week, oldest first: week of 5 Jan 2026: 1 extra, 100% positive.',
    );
  });
});

describe('where the tiles lead', () => {
  const period = { from: '2026-01-01', to: '2026-01-28' };
  it('opens the lists with the right filters', () => {
    expect(extrasPath(period)).toBe('/extras?scope=all&from=2026-01-01&to=2026-01-28');
    expect(voicePath(period)).toBe('/customer-voice?scope=all&period=custom&from=2026-01-01&to=2026-01-28');
    expect(promisesPath('atRisk')).toBe('/promises?scope=all&status=at_risk');
    expect(promisesPath('open')).toBe('/promises?scope=all');
    expect(resultsPath('11111111-1111-4111-8111-111111111111')).toBe(
      '/questions/11111111-1111-4111-8111-111111111111/results',
    );
  });
});
