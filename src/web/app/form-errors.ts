import type { TFunction } from 'i18next';
import { isApiError } from './api-client';
import { fieldErrorMessage } from './problem';

/** The promise module's own field codes, in words; zod's and the shared codes go through fieldErrorMessage. */
export function promiseFieldMessage(t: TFunction, code: string, fallback: string): string {
  switch (code) {
    case 'in_the_past':
      return t('promises.fieldErrors.in_the_past');
    case 'after_promise':
      return t('promises.fieldErrors.after_promise');
    case 'in_the_future':
      return t('promises.fieldErrors.in_the_future');
    case 'before_promise':
      return t('promises.fieldErrors.before_promise');
    case 'before_delivery':
      return t('promises.fieldErrors.before_delivery');
    case 'unchanged':
      return t('promises.fieldErrors.unchanged');
    case 'unknown_team':
      return t('promises.fieldErrors.unknown_team');
    case 'not_in_team':
      return t('promises.fieldErrors.not_in_team');
    case 'unknown_customer':
      return t('promises.fieldErrors.unknown_customer');
    case 'unknown_offering':
      return t('promises.fieldErrors.unknown_offering');
    default:
      return fieldErrorMessage(t, code, fallback);
  }
}

/**
 * The server's field errors as form errors. `fieldOf` turns a body path ("steps.0.dueDate") into the
 * form's field, or null when the form has no such field; the first error of a field wins.
 */
export function formErrorsOf(
  t: TFunction,
  error: unknown,
  fieldOf: (path: string) => string | null,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const fieldError of error.fieldErrors) {
    if (!fieldError.path.startsWith('body.')) continue;
    const field = fieldOf(fieldError.path.slice('body.'.length));
    if (!field || result[field]) continue;
    result[field] = promiseFieldMessage(t, fieldError.code, fieldError.message);
  }
  return result;
}

/** Where an error about a new promise's body belongs on the new-promise form. */
export function newPromiseField(path: string): string | null {
  const step = /^steps\.(\d+)\.(teamId|what|dueDate|ownerMemberId)/.exec(path);
  if (step) return `steps.${step[1]}.${step[2]}`;
  if (path.startsWith('steps')) return 'steps';
  if (path === 'customer' || path.startsWith('customer.id') || path.startsWith('customer.name')) return 'customerName';
  if (path.startsWith('customer.contactPerson')) return 'contactPerson';
  if (path.startsWith('customer.segment')) return 'segment';
  if (path.startsWith('offeringId')) return 'offering';
  if (path.startsWith('conditionsMet')) return 'conditionsMet';
  if (path.startsWith('what')) return 'what';
  if (path.startsWith('dueDate')) return 'dueDate';
  if (path.startsWith('ownerTeamId')) return 'ownerTeamId';
  if (path.startsWith('breachReason')) return 'breachReason';
  return null;
}

/** For the small forms whose fields carry the body's names (dueDate, reason, followUp.teamId …). */
export const sameField = (path: string): string => path.replace(/\.\d+$/, '');
