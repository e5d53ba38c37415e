import type { ChainArrow } from '../../../contracts/promises.contract';
import { addDays } from '../../app/format';

// What the chain screens compute besides drawing: the period, the order of the arrows and where a
// click on an arrow or a team leads.

export const CHAIN_PRESETS = ['30', '90', '365'] as const;
export type ChainPreset = (typeof CHAIN_PRESETS)[number];

/** The server's rule for a weak link (chain.service): shown in the explanation, not recomputed here. */
export const WEAK_RULE = { minimum: 5, onTimePercent: 80, rating: 3 } as const;

/** The last 30, 90 or 365 days up to and including `today` (a day on the organisation's clock). */
export function chainPeriod(preset: ChainPreset, today: string): { from: string; to: string } {
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

/** The weak links first, otherwise in the server's order (most hand-offs first). */
export function weakFirst(arrows: readonly ChainArrow[]): ChainArrow[] {
  return [...arrows.filter((a) => a.weak), ...arrows.filter((a) => !a.weak)];
}

/** The promises behind one arrow: its hand-offs, in the chain's period, for everyone or for my teams. */
export function handoffPromisesPath(
  arrow: Pick<ChainArrow, 'from' | 'to'>,
  period: { from: string; to: string },
  scope: 'all' | 'team',
): string {
  const search = new URLSearchParams({
    handoffFrom: arrow.from.id,
    handoffTo: arrow.to.id,
    from: period.from,
    to: period.to,
    scope,
  });
  return `/promises?${search.toString()}`;
}

export function teamFiguresPath(teamId: string): string {
  return `/team-figures?${new URLSearchParams({ teamId }).toString()}`;
}

/** A key for an arrow, unique within one chain. */
export const arrowKey = (arrow: Pick<ChainArrow, 'from' | 'to'>) => `${arrow.from.id}>${arrow.to.id}`;
