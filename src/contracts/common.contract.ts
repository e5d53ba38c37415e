import { z } from 'zod';

export const ROLES = ['member', 'manager', 'director', 'advisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const LANGUAGES = ['nl', 'en'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

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
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldErrorSchema = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, extended with a stable code and the request id. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: errorCodeSchema,
  detail: z.string().optional(),
  requestId: z.string(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

// Characters PostgreSQL cannot store in text (NUL) or that only hide content (other C0 controls).
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A trimmed, non-empty line of text of at most `max` characters. */
export function line(max = 200) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !FORBIDDEN_CHARS.test(s), { message: 'contains control characters' });
}

/** Multi-line text (may be empty) of at most `max` characters. */
export function prose(max = 2000) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => !FORBIDDEN_CHARS.test(s), { message: 'contains control characters' });
}

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email());

export const passwordSchema = z.string().min(10).max(128);

export const uuidSchema = z.uuid();

export const okSchema = z.object({ ok: z.literal(true) });
