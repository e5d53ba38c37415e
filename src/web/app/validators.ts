import type { TFunction } from 'i18next';

/** Quick checks in the browser so a person hears at once; the server checks everything again. */
export const MIN_PASSWORD_LENGTH = 10;

export function requiredText(t: TFunction) {
  return (value: string) => (value.trim() ? null : t('validation.required'));
}

export function emailAddress(t: TFunction) {
  return (value: string) => {
    if (!value.trim()) return t('validation.required');
    return /^[^\s@]+@[^\s@]+$/.test(value.trim()) ? null : t('validation.email');
  };
}

export function newPassword(t: TFunction) {
  return (value: string) =>
    value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH });
}

export function filledPassword(t: TFunction) {
  return (value: string) => (value ? null : t('validation.required'));
}
