// The rules of a promise (afspraak), as plain functions: which guidelines of the offer
// profile a promise breaks, and what state it is in. Days are the organisation's local dates
// ("2026-11-22"), compared as text.

import type { PromiseStatusName } from '../../../contracts/promises.contract';
import { daysBetween } from '../../lib/days';

/** How a promise can break the offer profile ("nothing impossible is sold"). */
export type GuidelineBreach =
  /** No offering chosen, or one the organisation no longer offers. */
  | { code: 'outside_profile' }
  /** Promised sooner than the offering's lead time allows. */
  | { code: 'lead_time'; days: number; minimumDays: number }
  /** A condition of the offering the member did not confirm as met. */
  | { code: 'condition_not_met'; condition: string };

export interface OfferingGuidelines {
  leadTimeDays: number | null;
  conditions: string[];
  retired: boolean;
}

export function checkGuidelines(input: {
  offering: OfferingGuidelines | null;
  /** Today on the organisation's clock: the day the promise is made. */
  today: string;
  dueDate: string;
  /** The offering's conditions the member confirmed as met, as written in the offering. */
  conditionsMet: string[];
}): GuidelineBreach[] {
  const { offering } = input;
  if (!offering || offering.retired) return [{ code: 'outside_profile' }];
  const breaches: GuidelineBreach[] = [];
  const days = daysBetween(input.today, input.dueDate);
  if (offering.leadTimeDays !== null && days < offering.leadTimeDays) {
    breaches.push({ code: 'lead_time', days, minimumDays: offering.leadTimeDays });
  }
  const met = new Set(input.conditionsMet.map((c) => c.trim().toLowerCase()));
  for (const condition of offering.conditions) {
    if (!met.has(condition.trim().toLowerCase())) breaches.push({ code: 'condition_not_met', condition });
  }
  return breaches;
}

export type PromiseStatus = PromiseStatusName;

export interface StepState {
  /** A hand-off to deliver the promise, or the follow-up after delivery (not part of keeping it). */
  kind: 'handoff' | 'aftersales';
  dueDate: string;
  accepted: boolean;
  /** The day it was done; null while not done. */
  doneOn: string | null;
}

/**
 * The state of a promise. Kept only when every hand-off was done by its date and the maker confirmed
 * delivery by the promised date; broken when delivery came late, a hand-off was done late, or the
 * promised date passed without delivery; at risk while a hand-off is late; in progress once a team
 * took a step up; open before that. A renegotiated promise is judged against its new date (the old
 * one stays in its history) and shows as renegotiated while nothing is late.
 */
export function promiseStatus(promise: {
  dueDate: string;
  deliveredOn: string | null;
  renegotiations?: number;
  steps: StepState[];
  today: string;
}): PromiseStatus {
  const handoffs = promise.steps.filter((s) => s.kind === 'handoff');
  const doneLate = handoffs.some((s) => s.doneOn !== null && s.doneOn > s.dueDate);
  if (promise.deliveredOn !== null) {
    const allDone = handoffs.every((s) => s.doneOn !== null);
    return allDone && !doneLate && promise.deliveredOn <= promise.dueDate ? 'kept' : 'broken';
  }
  if (promise.today > promise.dueDate) return 'broken';
  const late = handoffs.some((s) => s.doneOn === null && promise.today > s.dueDate);
  if (late || doneLate) return 'at_risk';
  if ((promise.renegotiations ?? 0) > 0) return 'renegotiated';
  return handoffs.some((s) => s.accepted || s.doneOn !== null) ? 'in_progress' : 'open';
}
