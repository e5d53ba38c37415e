import type { UseFormReturnType } from '@mantine/form';
import type { CreateExtraBody } from '../../../contracts/extras.contract';
import { centsToInput } from '../../app/money';

/** What the log screen's form holds, kept as a draft on the phone (no components: the log screen's chunk). */
export interface LogValues {
  occasion: string;
  action: string;
  kind: string;
  costCents: string;
  minutes: string;
  valueIds: string[];
  reactionScore: number | null;
  reactionText: string;
  customerRef: string;
  /** Empty: now. */
  occurredAt: string;
  aboveMandateReason: string;
  /** The author keeps this one out of the team feed (it still counts for the mandate). */
  keepOutOfFeed: boolean;
}

export const EMPTY: LogValues = {
  occasion: '',
  action: '',
  kind: '',
  costCents: '',
  minutes: '',
  valueIds: [],
  reactionScore: null,
  reactionText: '',
  customerRef: '',
  occurredAt: '',
  aboveMandateReason: '',
  keepOutOfFeed: false,
};

/** A stored draft as the form takes it (values from an older version of the form repaired). */
export const normaliseDraft = (draft: LogValues): LogValues => ({
  ...draft,
  valueIds: Array.isArray(draft.valueIds) ? draft.valueIds : [],
  keepOutOfFeed: draft.keepOutOfFeed === true,
});

/** The log screen's form. */
export type LogForm = UseFormReturnType<LogValues>;

/** An extra from the outbox back in the form, as it was logged (a value retired meanwhile is left out). */
export function valuesFromBody(
  body: CreateExtraBody,
  savedAt: string,
  activeValueIds: Set<string>,
  language: 'nl' | 'en',
  dateInput: (d: Date) => string,
): LogValues {
  return {
    occasion: body.occasion,
    action: body.action,
    kind: body.kind,
    costCents: body.costCents ? centsToInput(body.costCents, language) : '',
    minutes: body.minutes ? String(body.minutes) : '',
    valueIds: (body.valueIds ?? []).filter((id) => activeValueIds.has(id)),
    reactionScore: body.reactionScore ?? null,
    reactionText: body.reactionText ?? '',
    customerRef: body.customerRef ?? '',
    occurredAt: dateInput(new Date(body.occurredAt ?? savedAt)),
    aboveMandateReason: body.aboveMandateReason ?? '',
    keepOutOfFeed: body.inFeed === false,
  };
}
