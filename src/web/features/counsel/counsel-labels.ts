import type { TFunction } from 'i18next';
import type { Language } from '../../../contracts/constants';
import type { Proposal, ProposalSummary } from '../../../contracts/counsel.contract';
import { localeOf, numberFormat } from '../../app/format';

// Counsel in words: statuses, the list's filters, the time to decision, the history. Literal keys (not
// built from the value), so the catalog test sees every one.

export type ProposalStatus = Proposal['status'];
export type ProposalEvent = Proposal['history'][number];

/** The list's filters, in the order the page offers them; "any" is all. */
export const STATUS_FILTERS = ['open', 'approved', 'declined', 'withdrawn', 'any'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function isStatusFilter(value: unknown): value is StatusFilter {
  return (STATUS_FILTERS as readonly unknown[]).includes(value);
}

export function statusLabel(t: TFunction, status: ProposalStatus): string {
  switch (status) {
    case 'submitted':
      return t('counsel.status.submitted');
    case 'more_asked':
      return t('counsel.status.more_asked');
    case 'approved':
      return t('counsel.status.approved');
    case 'declined':
      return t('counsel.status.declined');
    case 'withdrawn':
      return t('counsel.status.withdrawn');
  }
}

export function statusFilterLabel(t: TFunction, filter: StatusFilter): string {
  switch (filter) {
    case 'open':
      return t('counsel.filter.open');
    case 'approved':
      return t('counsel.filter.approved');
    case 'declined':
      return t('counsel.filter.declined');
    case 'withdrawn':
      return t('counsel.filter.withdrawn');
    case 'any':
      return t('counsel.filter.any');
  }
}

/** Calm while it waits, orange when the advisor has to act, green and red for the decision. */
export const STATUS_COLORS: Record<ProposalStatus, string> = {
  submitted: 'blue',
  more_asked: 'orange',
  approved: 'green',
  declined: 'red',
  withdrawn: 'gray',
};

export function kindLabel(t: TFunction, kind: Proposal['kind']): string {
  return kind === 'new' ? t('counsel.kind.new') : t('counsel.kind.improve');
}

/** Still before the director: waiting in the queue, or back with the advisor for more. */
export const isOpen = (status: ProposalStatus) => status === 'submitted' || status === 'more_asked';

/** Days with one decimal, as the language writes them: "3,0" / "3.0". */
export function formatDays(days: number, language: Language): string {
  return numberFormat(localeOf(language), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    Math.max(0, days),
  );
}

/**
 * The time to decision: "Besluit na 3,0 dagen" once decided, "Wacht al 2,5 dagen" while open (also
 * while the advisor answers the director's question: the clock runs from the first submission). A
 * withdrawn proposal was never decided: null.
 */
export function decisionTimeText(
  t: TFunction,
  language: Language,
  proposal: Pick<ProposalSummary, 'status' | 'daysToDecision'>,
): string | null {
  const days = formatDays(proposal.daysToDecision, language);
  if (proposal.status === 'approved' || proposal.status === 'declined') return t('counsel.time.decidedAfter', { days });
  if (isOpen(proposal.status)) return t('counsel.time.waiting', { days });
  return null;
}

/** Who did what in the proposal's history. */
export function eventText(t: TFunction, event: Pick<ProposalEvent, 'kind' | 'byName'>): string {
  const name = event.byName || t('counsel.history.someone');
  switch (event.kind) {
    case 'submitted':
      return t('counsel.history.submitted', { name });
    case 'more_asked':
      return t('counsel.history.more_asked', { name });
    case 'resubmitted':
      return t('counsel.history.resubmitted', { name });
    case 'approved':
      return t('counsel.history.approved', { name });
    case 'declined':
      return t('counsel.history.declined', { name });
    case 'withdrawn':
      return t('counsel.history.withdrawn', { name });
    default:
      return t('counsel.history.other', { name });
  }
}

/** The director's latest question, while the proposal is back with the advisor. */
export function openQuestion(proposal: Pick<Proposal, 'status' | 'decisionReason' | 'history'>): ProposalEvent | null {
  if (proposal.status !== 'more_asked') return null;
  const asked = [...proposal.history].reverse().find((event) => event.kind === 'more_asked');
  if (asked) return asked;
  return proposal.decisionReason ? { kind: 'more_asked', reason: proposal.decisionReason, byName: '', at: '' } : null;
}
