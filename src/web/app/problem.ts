import type { TFunction } from 'i18next';
import { PASSWORD_PROBLEMS, type PasswordProblem } from '../../contracts/constants';
import { type ApiError, isApiError } from './api-client';
import { ERROR_CODES_SET } from './error-codes';

/** The message for a failed call, in the interface's language (the server's title when we have no text). */
export function problemMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.internal');
  const text = t(`errors.${error.code}`, { defaultValue: '' });
  return text || error.title || t('errors.internal');
}

/** The server or its database is away for a moment (503, or no connection): nothing to report, just try again soon. */
export function isTemporary(error: unknown): boolean {
  return isApiError(error) && (error.code === 'database_unavailable' || error.code === 'unavailable');
}

/** A server fault: the person should be able to quote the request id when reporting it (not for a moment's outage). */
export function shouldShowRequestId(error: unknown): error is ApiError {
  return isApiError(error) && error.status >= 500 && !!error.requestId && !isTemporary(error);
}

const PASSWORD_PROBLEMS_SET: ReadonlySet<string> = new Set(PASSWORD_PROBLEMS);

/** Short messages for the validation codes the server sends per field (zod's issue codes, and why a password was refused). */
export function fieldErrorMessage(t: TFunction, code: string, fallback: string): string {
  switch (code) {
    case 'too_small':
      return t('validation.too_small');
    case 'too_big':
      return t('validation.too_big');
    case 'invalid_format':
      return t('validation.invalid_format');
    case 'invalid_type':
      return t('validation.invalid_type');
    case 'invalid_value':
      return t('validation.invalid_value');
    case 'custom':
      return t('validation.custom');
    case 'unrecognized_keys':
      return t('validation.unrecognized_keys');
    default:
      if (PASSWORD_PROBLEMS_SET.has(code)) return t(`validation.${code as PasswordProblem}`);
      if (ERROR_CODES_SET.has(code)) return t(`errors.${code as ApiError['code']}`);
      return fallback || t('validation.invalid');
  }
}

/**
 * Field errors of a problem, keyed by form field: "body.email" -> "email", "body.roles.0" -> "roles".
 * Only errors about the body are about form fields.
 */
export function fieldErrorsOf(t: TFunction, error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error)) return result;
  for (const fieldError of error.fieldErrors) {
    const [scope, field] = fieldError.path.split('.');
    if (scope !== 'body' || !field || result[field]) continue;
    result[field] = fieldErrorMessage(t, fieldError.code, fieldError.message);
  }
  return result;
}

/** Puts the server's field errors on a Mantine form's fields; the typed values stay as they are. */
export function applyFieldErrors(
  form: { setErrors: (errors: Record<string, string>) => void },
  t: TFunction,
  error: unknown,
) {
  const errors = fieldErrorsOf(t, error);
  if (Object.keys(errors).length) form.setErrors(errors);
}
