import { describe, expect, it } from 'vitest';
import type { ChainArrow } from '../../../contracts/promises.contract';
import { arrowKey, chainPeriod, handoffPromisesPath, teamFiguresPath, weakFirst } from './chain-model';

const team = (id: string, name: string) => ({ id, name });
const arrow = (from: string, to: string, weak: boolean, handoffs = 5): ChainArrow => ({
  from: team(from, from.toUpperCase()),
  to: team(to, to.toUpperCase()),
  handoffs,
  due: handoffs,
  onTime: handoffs,
  onTimeShare: 1,
  ratings: 0,
  averageRating: null,
  thanks: 0,
  weak,
});

describe('chainPeriod', () => {
  it('counts back the number of days, today included', () => {
    expect(chainPeriod('30', '2026-03-10')).toEqual({ from: '2026-02-09', to: '2026-03-10' });
    expect(chainPeriod('90', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(chainPeriod('365', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('weakFirst', () => {
  it('puts the weak links first and keeps the order otherwise', () => {
    const arrows = [
      arrow('a', 'b', false, 9),
      arrow('b', 'c', true, 8),
      arrow('c', 'a', false, 7),
      arrow('a', 'c', true, 6),
    ];
    expect(weakFirst(arrows).map(arrowKey)).toEqual(['b>c', 'a>c', 'a>b', 'c>a']);
    expect(arrows.map(arrowKey)).toEqual(['a>b', 'b>c', 'c>a', 'a>c']);
  });
});

describe('links', () => {
  it('leads an arrow to its promises in the period, for everyone or for my teams', () => {
    const a = arrow('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', false);
    expect(handoffPromisesPath(a, { from: '2026-01-01', to: '2026-03-31' }, 'all')).toBe(
      '/promises?handoffFrom=11111111-1111-4111-8111-111111111111&handoffTo=22222222-2222-4222-8222-222222222222&from=2026-01-01&to=2026-03-31&scope=all',
    );
    expect(handoffPromisesPath(a, { from: '2026-01-01', to: '2026-03-31' }, 'team')).toMatch(/&scope=team$/);
  });

  it('leads a team to its figures', () => {
    expect(teamFiguresPath('33333333-3333-4333-8333-333333333333')).toBe(
      '/team-figures?teamId=33333333-3333-4333-8333-333333333333',
    );
  });
});
