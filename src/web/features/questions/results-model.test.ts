import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Figures, ResultGroup } from '../../../contracts/questions.contract';
import en from '../../../i18n/en.json' with { type: 'json' };
import nl from '../../../i18n/nl.json' with { type: 'json' };
import { groupLabel } from '../../app/campaign-labels';
import {
  actionGroupLabel,
  actionState,
  bandOf,
  distributionSegments,
  distributionText,
  formatPromoterScore,
  formatTrendValue,
  groupOptions,
  localText,
  mirrorGap,
  parseGroupKey,
  roundedPercents,
  sortGroups,
  sparklinePoints,
  trendText,
  withheldText,
} from './results-model';

let t: TFunction;
let tEn: TFunction;
beforeAll(async () => {
  const nlI18n = i18next.createInstance();
  await nlI18n.init({ lng: 'nl', resources: { nl: { translation: nl } }, interpolation: { escapeValue: false } });
  t = nlI18n.t;
  const enI18n = i18next.createInstance();
  await enI18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  tEn = enI18n.t;
});

const SALES = '11111111-1111-4111-8111-111111111111';
const ADMIN = '22222222-2222-4222-8222-222222222222';

const group = (key: string, status: ResultGroup['status'] = 'shown'): ResultGroup => {
  const parsed = parseGroupKey(key)!;
  const teamName = parsed.teamId === SALES ? 'Verkoop' : parsed.teamId === ADMIN ? 'Administratie' : null;
  return {
    key,
    kind: parsed.kind,
    teamId: parsed.teamId,
    teamName,
    level: parsed.level,
    status,
    audience: null,
    response: null,
  };
};

const shown = (distribution: number[], extra: Partial<Figures> = {}): Figures => {
  const n = distribution.reduce((a, b) => a + b, 0);
  return { status: 'shown', respondents: n, average: null, distribution, promoterScore: null, ...extra };
};

describe('group keys and labels', () => {
  it('reads every kind of group key, and nothing else', () => {
    expect(parseGroupKey('org')).toEqual({ kind: 'org', teamId: null, level: null });
    expect(parseGroupKey('level:middle')).toEqual({ kind: 'level', teamId: null, level: 'middle' });
    expect(parseGroupKey(`team:${SALES}`)).toEqual({ kind: 'team', teamId: SALES, level: null });
    expect(parseGroupKey(`team:${SALES}:level:staff`)).toEqual({ kind: 'team_level', teamId: SALES, level: 'staff' });
    expect(parseGroupKey('level:boss')).toBeNull();
    expect(parseGroupKey('team:abc')).toBeNull();
    expect(parseGroupKey('')).toBeNull();
  });

  it('names the organisation, a level, a team and a level within a team', () => {
    expect(groupLabel(t, group('org'))).toBe('Hele organisatie');
    expect(groupLabel(t, group('level:top'))).toBe('Directie');
    expect(groupLabel(t, group(`team:${SALES}`))).toBe('Verkoop');
    expect(groupLabel(t, group(`team:${SALES}:level:staff`))).toBe('Verkoop · Medewerkers');
    expect(groupLabel(tEn, group(`team:${SALES}:level:middle`))).toBe('Verkoop · Middle management');
    expect(groupLabel(t, { kind: 'team', teamName: null, level: null })).toBe('Een team');
  });

  it('names the group of an action from its key and team name', () => {
    expect(actionGroupLabel(t, { groupKey: 'org', groupLabel: '' })).toBe('Hele organisatie');
    expect(actionGroupLabel(t, { groupKey: 'level:staff', groupLabel: '' })).toBe('Medewerkers');
    expect(actionGroupLabel(t, { groupKey: `team:${ADMIN}:level:top`, groupLabel: 'Administratie' })).toBe(
      'Administratie · Directie',
    );
  });

  it('orders the organisation, the levels top to staff, then each team by name followed by its levels', () => {
    const groups = [
      group(`team:${SALES}:level:staff`),
      group(`team:${SALES}`),
      group('level:staff'),
      group(`team:${ADMIN}:level:staff`),
      group(`team:${SALES}:level:top`),
      group('org'),
      group(`team:${ADMIN}`),
      group('level:top'),
      group('level:middle'),
    ];
    expect(sortGroups(groups).map((g) => g.key)).toEqual([
      'org',
      'level:top',
      'level:middle',
      'level:staff',
      `team:${ADMIN}`,
      `team:${ADMIN}:level:staff`,
      `team:${SALES}`,
      `team:${SALES}:level:top`,
      `team:${SALES}:level:staff`,
    ]);
  });

  it('puts the options in sections per team and keeps withheld groups, marked', () => {
    const options = groupOptions(t, [
      group(`team:${SALES}:level:staff`, 'too_few'),
      group(`team:${SALES}`),
      group('org'),
      group('level:top', 'difference'),
    ]);
    expect(options).toEqual([
      {
        group: 'Organisatie',
        items: [
          { value: 'org', label: 'Hele organisatie' },
          { value: 'level:top', label: 'Directie — niet getoond' },
        ],
      },
      {
        group: 'Verkoop',
        items: [
          { value: `team:${SALES}`, label: 'Verkoop (heel het team)' },
          { value: `team:${SALES}:level:staff`, label: 'Verkoop · Medewerkers — niet getoond' },
        ],
      },
    ]);
  });

  it('a member who sees only a level within a team still gets a section for that team', () => {
    expect(groupOptions(t, [group(`team:${ADMIN}:level:staff`)])).toEqual([
      { group: 'Administratie', items: [{ value: `team:${ADMIN}:level:staff`, label: 'Administratie · Medewerkers' }] },
    ]);
  });
});

describe('a distribution as bar segments', () => {
  it('rounds percentages from the counts so that they add up to 100, equal counts always alike', () => {
    // Two answers given once each of 22 are both 5% or both 4%, never 5% and 4%.
    const of22 = roundedPercents([1, 1, 5, 10, 5]);
    expect(of22[0]).toBe(of22[1]);
    expect(of22[2]).toBe(of22[4]);
    expect(of22).toEqual([4, 4, 23, 45, 23]);
    expect(roundedPercents([1, 1, 1])).toEqual([33, 33, 33]);
    expect(roundedPercents([1, 1, 2])).toEqual([25, 25, 50]);
    expect(roundedPercents([1, 2, 3, 4, 5])).toEqual([7, 13, 20, 27, 33]);
    expect(roundedPercents([0, 0, 7, 0, 0])).toEqual([0, 0, 100, 0, 0]);
    expect(roundedPercents([0, 0, 0])).toEqual([0, 0, 0]);
    expect(roundedPercents([2, 1, 3, 4])).toEqual([20, 10, 30, 40]);
    const counts = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const many = roundedPercents(counts);
    // Each is its share rounded down or up, and a larger count never shows a smaller percentage.
    const total = counts.reduce((a, b) => a + b, 0);
    for (const [i, c] of counts.entries()) {
      expect(Math.abs(many[i]! - (c / total) * 100)).toBeLessThan(1);
      for (const [j, d] of counts.entries()) {
        if (c > d) expect(many[i]!).toBeGreaterThanOrEqual(many[j]!);
        if (c === d) expect(many[i]).toBe(many[j]);
      }
    }
    expect(many.reduce((a, b) => a + b, 0)).toBeGreaterThan(100 - 3);
  });

  it('gives a statement five segments, 1..5, each starting where the one before ended', () => {
    const segments = distributionSegments('agree5', [2, 0, 3, 10, 5]);
    expect(segments.map((s) => s.score)).toEqual([1, 2, 3, 4, 5]);
    expect(segments.map((s) => s.percent)).toEqual([10, 0, 15, 50, 25]);
    expect(segments.map((s) => s.share)).toEqual([0.1, 0, 0.15, 0.5, 0.25]);
    expect(segments.map((s) => s.start)).toEqual([0, 0.1, 0.1, 0.25, 0.75]);
  });

  it('gives a 0–10 question eleven segments from 0, and fills a short distribution with zeros', () => {
    const segments = distributionSegments('scale10', [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(segments).toHaveLength(11);
    expect(segments[0]).toMatchObject({ score: 0, count: 1, percent: 50 });
    expect(segments[10]).toMatchObject({ score: 10, count: 0, percent: 0 });
  });

  it('has no width at all when nobody answered', () => {
    expect(distributionSegments('agree5', [0, 0, 0, 0, 0]).every((s) => s.share === 0 && s.percent === 0)).toBe(true);
  });

  it('places answers in bands: disagree / neutral / agree, detractor / passive / promoter', () => {
    expect([1, 2, 3, 4, 5].map((s) => bandOf('agree5', s))).toEqual(['low', 'low', 'middle', 'high', 'high']);
    expect([0, 6, 7, 8, 9, 10].map((s) => bandOf('scale10', s))).toEqual([
      'low',
      'low',
      'middle',
      'middle',
      'high',
      'high',
    ]);
  });
});

describe('figures as text', () => {
  it('writes the internal promoter score with its sign', () => {
    expect(formatPromoterScore(23, 'nl')).toBe('+23');
    expect(formatPromoterScore(-8, 'en')).toBe('-8');
    expect(formatPromoterScore(0, 'nl')).toBe('0');
    expect(formatPromoterScore(12.6, 'en')).toBe('+13');
    expect(formatPromoterScore(null, 'nl')).toBe('–');
  });

  it('picks the interface language for a question, or the other one when only that was written', () => {
    expect(localText({ nl: 'Hallo', en: 'Hello' }, 'en')).toBe('Hello');
    expect(localText({ nl: 'Alleen Nederlands', en: '' }, 'en')).toBe('Alleen Nederlands');
    expect(localText({ nl: '', en: 'English only' }, 'nl')).toBe('English only');
  });

  it('gives a statement’s chart a text alternative with every answer, its count and share', () => {
    expect(distributionText(t, 'nl', 'agree5', shown([2, 0, 3, 10, 5], { average: 3.75 }))).toBe(
      '20 antwoorden, gemiddeld 3,8 uit 5. Verdeling: Helemaal oneens: 2 (10%), Oneens: 0 (0%), Neutraal: 3 (15%), Eens: 10 (50%), Helemaal eens: 5 (25%).',
    );
    expect(distributionText(tEn, 'en', 'agree5', shown([0, 0, 0, 0, 1], { average: 5 }))).toBe(
      '1 answer, average 5.0 out of 5. Spread: Strongly disagree: 0 (0%), Disagree: 0 (0%), Neutral: 0 (0%), Agree: 0 (0%), Strongly agree: 1 (100%).',
    );
  });

  it('gives a 0–10 question’s chart the promoter score and every score', () => {
    const text = distributionText(
      t,
      'nl',
      'scale10',
      shown([0, 0, 0, 0, 0, 0, 2, 0, 3, 0, 5], { average: 8.2, promoterScore: 30 }),
    );
    expect(
      text.startsWith('10 antwoorden, gemiddeld 8,2 uit 10, interne promotorscore +30. Verdeling: score 0: 0 (0%), '),
    ).toBe(true);
    expect(text.endsWith('score 8: 3 (30%), score 9: 0 (0%), score 10: 5 (50%).')).toBe(true);
  });

  it('has no text alternative for withheld figures, but says why they are withheld', () => {
    const withheld: Figures = {
      status: 'too_few',
      respondents: null,
      average: null,
      distribution: null,
      promoterScore: null,
    };
    expect(distributionText(t, 'nl', 'agree5', withheld)).toBe('');
    expect(withheldText(t, 'too_few', 5)).toBe('Minder dan 5 mensen antwoordden: om hen te beschermen tonen we niets.');
    expect(withheldText(t, 'difference', 5)).toBe(
      'Niet getoond: samen met de andere uitkomsten zou dit laten zien wat een kleinere groep dan 5 antwoordde.',
    );
    expect(withheldText(t, 'too_few', 4, true)).toBe(
      'Minder dan 4 mensen schreven iets: om hen te beschermen tonen we de antwoorden niet.',
    );
    expect(withheldText(t, 'shown', 5)).toBe('');
  });
});

describe('the trend', () => {
  const earlier = [
    { title: 'Voorjaar 2025', date: '31 mrt 2025', figures: shown([0, 1, 1, 2, 1], { average: 3.4 }) },
    {
      title: 'Najaar 2025',
      date: '30 nov 2025',
      figures: {
        status: 'too_few',
        respondents: null,
        average: null,
        distribution: null,
        promoterScore: null,
      } as Figures,
    },
  ];

  it('follows the average of a statement and the promoter score of a 0–10 question', () => {
    expect(formatTrendValue(t, 'nl', 'agree5', shown([1], { average: 3.44 }))).toBe('3,4');
    expect(formatTrendValue(t, 'nl', 'scale10', shown([1], { average: 7, promoterScore: -5 }))).toBe('-5');
    expect(formatTrendValue(t, 'nl', 'agree5', earlier[1]!.figures)).toBe('niet getoond');
  });

  it('says the whole trend in one sentence, ending with this campaign', () => {
    expect(trendText(t, 'nl', 'agree5', earlier, shown([1], { average: 3.8 }))).toBe(
      'Verloop over de vragenrondes: Voorjaar 2025 (31 mrt 2025): 3,4; Najaar 2025 (30 nov 2025): niet getoond; nu: 3,8.',
    );
  });

  it('draws a sparkline with a gap for a withheld campaign', () => {
    const points = sparklinePoints([1, null, 5], { min: 1, max: 5 }, 100, 30, 5);
    expect(points).toEqual([{ x: 5, y: 25 }, null, { x: 95, y: 5 }]);
    expect(sparklinePoints([3], { min: 1, max: 5 }, 100, 30, 5)).toEqual([{ x: 50, y: 15 }]);
  });
});

describe('the mirror and the actions', () => {
  it('compares the team’s average with the manager’s own answer', () => {
    expect(mirrorGap(4, 3.2)).toEqual({ direction: 'lower', gap: 0.8 });
    expect(mirrorGap(3, 4.5)).toEqual({ direction: 'higher', gap: 1.5 });
    expect(mirrorGap(4, 3.9)).toEqual({ direction: 'same', gap: 0.1 });
    expect(mirrorGap(null, 3)).toBeNull();
    expect(mirrorGap(3, null)).toBeNull();
  });

  it('tells an open, a late and a done action apart', () => {
    expect(actionState({ dueOn: '2026-06-01', doneOn: null }, '2026-05-01')).toBe('open');
    expect(actionState({ dueOn: '2026-05-01', doneOn: null }, '2026-05-01')).toBe('open');
    expect(actionState({ dueOn: '2026-04-30', doneOn: null }, '2026-05-01')).toBe('late');
    expect(actionState({ dueOn: '2026-04-30', doneOn: '2026-05-02' }, '2026-05-01')).toBe('done');
  });
});
