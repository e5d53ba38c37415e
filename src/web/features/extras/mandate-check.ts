import type { ExtraKind } from '../../../contracts/constants';
import type { MyMandate } from '../../../contracts/extras.contract';

/** Why an extra would go beyond the mandate (the server decides; this lets the form ask for a reason first). */
export type MandateExcess = 'noMandate' | 'kindNotAllowed' | 'overMaxPerExtra' | 'overLeft';

/**
 * The ways an extra of this kind and cost goes beyond the mandate that applies, mirroring the server:
 * more than the maximum per extra, more than is left this period, a kind the mandate does not allow,
 * or any cost at all when no mandate applies. `alreadyCountedCents` is what the extra being edited
 * already takes from this period's budget.
 */
export function mandateExcesses(
  my: MyMandate,
  kind: ExtraKind,
  costCents: number,
  alreadyCountedCents = 0,
): MandateExcess[] {
  const mandate = my.mandate;
  if (!mandate) return costCents > 0 ? ['noMandate'] : [];
  const excesses: MandateExcess[] = [];
  if (!mandate.allowedKinds.includes(kind)) excesses.push('kindNotAllowed');
  if (costCents > mandate.maxPerExtraCents) excesses.push('overMaxPerExtra');
  if (costCents > my.leftCents + alreadyCountedCents) excesses.push('overLeft');
  return excesses;
}

/** How far this period's budget is used, 0-100, for a progress bar. */
export function usedPercent(my: MyMandate): number {
  const budget = my.mandate?.budgetCents ?? 0;
  if (budget <= 0) return my.usedCents > 0 ? 100 : 0;
  return Math.min(100, Math.max(0, Math.round((my.usedCents / budget) * 100)));
}

/**
 * What is left once the extras still waiting on this phone (logged offline, not yet on the server) are
 * counted too: those logged in this period take from its budget, as they will when they arrive.
 */
export function withWaitingExtras(
  my: MyMandate,
  waiting: readonly { costCents?: number; occurredAt?: string }[],
): MyMandate {
  const start = Date.parse(my.periodStart);
  const end = Date.parse(my.periodEnd);
  const cents = waiting
    .filter((extra) => {
      const at = Date.parse(extra.occurredAt ?? '');
      return at >= start && at < end;
    })
    .reduce((sum, extra) => sum + (extra.costCents ?? 0), 0);
  return cents === 0 ? my : { ...my, usedCents: my.usedCents + cents, leftCents: my.leftCents - cents };
}
