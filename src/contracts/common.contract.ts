import { z } from 'zod';
import { ERROR_CODES, LANGUAGES, ROLES } from './constants';

export const roleSchema = z.enum(ROLES);

export const languageSchema = z.enum(LANGUAGES);

export const errorCodeSchema = z.enum(ERROR_CODES);

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
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** True when the text holds a control character other than tab, line feed and carriage return. */
export const hasControlCharacters = (s: string) => FORBIDDEN_CHARS.test(s);
/** Text without forbidden characters and without lone UTF-16 surrogates (half an emoji). */
const cleanText = (s: string) =>
  !hasControlCharacters(s) && !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** A trimmed, non-empty line of text of at most `max` characters. */
export function line(max = 200) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine(cleanText, { message: 'contains control characters or broken characters' });
}

/** Multi-line text (may be empty) of at most `max` characters. */
export function prose(max = 2000) {
  return z.string().trim().max(max).refine(cleanText, { message: 'contains control characters or broken characters' });
}

export const emailSchema = z.string().trim().max(254).toLowerCase().pipe(z.email());

/**
 * A calendar day a person sends (a period's bounds, a due date, a week): years 1900 to 2999. A day far
 * outside them is no one's meaning, and its start or end in a time zone cannot always be written.
 */
/** The years a day a person sends may have (see inputDay), as a pattern. */
export const INPUT_YEAR = '(19|2\\d)\\d{2}';
export const inputDay = z.iso.date().regex(new RegExp(`^${INPUT_YEAR}-`), { message: 'a day between 1900 and 2999' });

export const passwordSchema = z.string().min(10).max(128);
