// Plain values and types, no zod: the web imports these without pulling a validation library into its bundle.

export const ROLES = ['member', 'manager', 'director', 'advisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Stable error codes: the web translates each one (errors.<code> in the catalogs). */
export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'csrf_rejected',
  'not_found',
  'conflict',
  'too_many_requests',
  'invalid_credentials',
  'account_deactivated',
  'no_active_organization',
  'email_taken',
  'invalid_token',
  'invitation_expired',
  'last_admin',
  'signup_disabled',
  'weak_password',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
