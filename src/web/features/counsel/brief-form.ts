import type { TFunction } from 'i18next';
import type { Language } from '../../../contracts/constants';
import type { Need, Proposal } from '../../../contracts/counsel.contract';
import { isApiError } from '../../app/api-client';
import { formErrorsOf } from '../../app/form-errors';
import { centsToInput, parseEuroCents } from '../../app/money';
import type { BriefBody } from './counsel.api';

// The one-page brief: its form values, the checks before sending, the body it sends (euros as typed
// become cents), and where the server's field errors land. Pure, so it is tested beside it.

/** The need select: a need's id, NO_NEED (the proposal serves none), or '' (not chosen yet). */
export const NO_NEED = 'none';

/** What the server takes at most: € 100.000.000,00. */
export const MAX_COST_CENTS = 100_000_000_00;

/** The longest text per field, as the server allows. */
export const BRIEF_LIMITS = {
  title: 160,
  proposal: 4000,
  effectCustomers: 2000,
  effectStaff: 2000,
  costNote: 500,
  risks: 2000,
} as const;

export interface BriefFormValues {
  kind: 'improve' | 'new';
  title: string;
  need: string;
  proposal: string;
  effectCustomers: string;
  effectStaff: string;
  /** The amount in euros as typed ("1.250,00"); empty: no cost given. */
  cost: string;
  costNote: string;
  risks: string;
  /** "2026-06-30", or empty. */
  decisionWantedBy: string;
}

export type BriefField = keyof BriefFormValues;

/** Why a field is not right yet; the page puts it in words. */
export type BriefProblem =
  | 'required'
  | 'too_big'
  | 'choose_need'
  | 'amount'
  | 'amount_too_big'
  | 'date'
  | 'in_the_past';

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A new brief; `needId` from the address (a need's "make a proposal for this need" link). */
export function emptyBrief(needId?: string | null): BriefFormValues {
  return {
    kind: 'improve',
    title: '',
    need: needId ?? '',
    proposal: '',
    effectCustomers: '',
    effectStaff: '',
    cost: '',
    costNote: '',
    risks: '',
    decisionWantedBy: '',
  };
}

/** A proposal's brief as the form holds it, to edit it. */
export function briefOf(proposal: Proposal, language: Language): BriefFormValues {
  return {
    kind: proposal.kind,
    title: proposal.title,
    need: proposal.need?.id ?? NO_NEED,
    proposal: proposal.proposal,
    effectCustomers: proposal.effectCustomers,
    effectStaff: proposal.effectStaff,
    cost: proposal.costCents === null ? '' : centsToInput(proposal.costCents, language),
    costNote: proposal.costNote,
    risks: proposal.risks,
    decisionWantedBy: proposal.decisionWantedBy ?? '',
  };
}

/** The need's id, null for none, undefined while none is chosen. */
export function needIdOf(need: string): string | null | undefined {
  if (!need) return undefined;
  return need === NO_NEED ? null : need;
}

/**
 * Whether the brief will be flagged for the director: it serves no need, or one the director has not
 * recognised (yet). Unknown while nothing is chosen, or while the needs are not loaded.
 */
export function willBeFlagged(
  need: string,
  needs: readonly Pick<Need, 'id' | 'recognised'>[] | undefined,
): boolean | undefined {
  const id = needIdOf(need);
  if (id === undefined) return undefined;
  if (id === null) return true;
  const found = needs?.find((n) => n.id === id);
  return found ? !found.recognised : undefined;
}

/** Recognised needs first, then the others; within each, as the register lists them (by support). */
export function needChoices(needs: readonly Need[]): { recognised: Need[]; others: Need[] } {
  return { recognised: needs.filter((n) => n.recognised), others: needs.filter((n) => !n.recognised) };
}

interface CheckContext {
  language: Language;
  /** Today on the organisation's calendar. */
  today: string;
  /** The day the brief had when editing began: an old day that stays is not refused. */
  initialDecisionWantedBy?: string;
}

/** The problems of the brief before it is sent, per field; empty when it may go. */
export function checkBrief(values: BriefFormValues, context: CheckContext): Partial<Record<BriefField, BriefProblem>> {
  const problems: Partial<Record<BriefField, BriefProblem>> = {};
  const text = (field: 'title' | 'proposal' | 'effectCustomers' | 'effectStaff' | 'risks') => {
    const value = values[field].trim();
    if (!value) problems[field] = 'required';
    else if (value.length > BRIEF_LIMITS[field]) problems[field] = 'too_big';
  };
  text('title');
  if (!values.need) problems.need = 'choose_need';
  text('proposal');
  text('effectCustomers');
  text('effectStaff');
  if (values.cost.trim()) {
    const cents = parseEuroCents(values.cost, context.language);
    if (cents === null) problems.cost = 'amount';
    else if (cents > MAX_COST_CENTS) problems.cost = 'amount_too_big';
  }
  if (values.costNote.trim().length > BRIEF_LIMITS.costNote) problems.costNote = 'too_big';
  text('risks');
  const day = values.decisionWantedBy.trim();
  if (day) {
    if (!isDay(day)) problems.decisionWantedBy = 'date';
    else if (day < context.today && day !== context.initialDecisionWantedBy) problems.decisionWantedBy = 'in_the_past';
  }
  return problems;
}

/** The brief as the API takes it: trimmed texts, euros in cents, no cost and no day as null. */
export function briefBody(values: BriefFormValues, language: Language): BriefBody {
  const cost = values.cost.trim() ? parseEuroCents(values.cost, language) : null;
  return {
    kind: values.kind,
    title: values.title.trim(),
    needId: needIdOf(values.need) ?? null,
    proposal: values.proposal.trim(),
    effectCustomers: values.effectCustomers.trim(),
    effectStaff: values.effectStaff.trim(),
    costCents: cost,
    costNote: values.costNote.trim(),
    risks: values.risks.trim(),
    decisionWantedBy: values.decisionWantedBy.trim() || null,
  };
}

/** Where an error about the brief's body belongs on the form ("costCents" is typed as "cost"). */
export function briefField(path: string): BriefField | null {
  const field = path.split('.')[0] ?? '';
  switch (field) {
    case 'needId':
      return 'need';
    case 'costCents':
      return 'cost';
    case 'kind':
    case 'title':
    case 'proposal':
    case 'effectCustomers':
    case 'effectStaff':
    case 'costNote':
    case 'risks':
    case 'decisionWantedBy':
      return field;
    default:
      return null;
  }
}

/** The server's field errors on the brief's fields; a need that no longer exists is said in words. */
export function briefErrorsOf(t: TFunction, error: unknown): Record<string, string> {
  const errors = formErrorsOf(t, error, briefField);
  if (isApiError(error) && error.fieldErrors.some((e) => e.path === 'body.needId' && e.code === 'unknown_need'))
    errors.need = t('counsel.brief.unknownNeed');
  return errors;
}
