import type { CreatePromiseBody } from '../../../contracts/promises.contract';

// The new-promise form: its values, and the body it sends. Pure, so it is tested beside it.

/** The offering select: an offering's id, OUTSIDE_PROFILE (null: outside the offer profile), or '' (not chosen yet). */
export const OUTSIDE_PROFILE = 'outside';
export const MAX_STEPS = 12;

export interface StepValues {
  /** Only for React: keeps a row's inputs with the row when rows move. */
  key: string;
  teamId: string;
  what: string;
  dueDate: string;
  /** '' for nobody in particular. */
  ownerMemberId: string;
}

export interface PromiseFormValues {
  /** A customer picked from the list; null for a new one (then customerName is its name). */
  customerId: string | null;
  customerName: string;
  contactPerson: string;
  segment: string;
  what: string;
  offering: string;
  dueDate: string;
  ownerTeamId: string;
  conditionsMet: string[];
  steps: StepValues[];
  breachReason: string;
}

let stepCounter = 0;

export function emptyStep(teamId = '', dueDate = ''): StepValues {
  stepCounter += 1;
  return { key: `step-${stepCounter}`, teamId, what: '', dueDate, ownerMemberId: '' };
}

export function emptyPromise(): PromiseFormValues {
  return {
    customerId: null,
    customerName: '',
    contactPerson: '',
    segment: '',
    what: '',
    offering: '',
    dueDate: '',
    ownerTeamId: '',
    conditionsMet: [],
    steps: [emptyStep()],
    breachReason: '',
  };
}

/** The offering's id, null outside the profile, undefined while none is chosen. */
export function offeringIdOf(offering: string): string | null | undefined {
  if (!offering) return undefined;
  return offering === OUTSIDE_PROFILE ? null : offering;
}

/**
 * Who delivers, unless the person says otherwise: a promise is mostly kept by another team than the
 * one that made it, so the first team I am not in; else my first team.
 */
export function defaultOwnerTeam(teams: { id: string }[], myTeamIds: string[]): string {
  return teams.find((team) => !myTeamIds.includes(team.id))?.id ?? myTeamIds[0] ?? teams[0]?.id ?? '';
}

/** Steps that were due on the promised day (or had no day yet) move along when that day changes. */
export function moveStepDays(steps: StepValues[], oldDay: string, newDay: string): StepValues[] {
  return steps.map((step) => (!step.dueDate || step.dueDate === oldDay ? { ...step, dueDate: newDay } : step));
}

export function toCreateBody(values: PromiseFormValues, withReason: boolean): CreatePromiseBody {
  const optional = (text: string) => text.trim() || null;
  return {
    customer: values.customerId
      ? { id: values.customerId }
      : {
          name: values.customerName.trim(),
          contactPerson: optional(values.contactPerson),
          segment: optional(values.segment),
        },
    what: values.what.trim(),
    ownerTeamId: values.ownerTeamId,
    offeringId: offeringIdOf(values.offering) ?? null,
    dueDate: values.dueDate,
    conditionsMet: values.offering === OUTSIDE_PROFILE ? [] : values.conditionsMet,
    steps: values.steps.map((step) => ({
      teamId: step.teamId,
      what: step.what.trim(),
      dueDate: step.dueDate,
      ownerMemberId: step.ownerMemberId || null,
    })),
    ...(withReason && values.breachReason.trim() ? { breachReason: values.breachReason.trim() } : {}),
  };
}
