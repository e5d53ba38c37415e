import { z } from 'zod';
import { hasControlCharacters, languageSchema, line, prose } from './common.contract';
import { extraKindSchema } from './extras.contract';

/**
 * People without an e-mail address get a placeholder address in this reserved domain (RFC 2606):
 * never mailed, never shown as an address.
 */
export const NO_EMAIL_DOMAIN = 'no-email.invalid';
export const hasEmailAddress = (address: string) => !address.toLowerCase().endsWith(`@${NO_EMAIL_DOMAIN}`);

// Sign-in for the whole workforce, not only those with an e-mail address: personal sign-in codes,
// counter devices, bulk import.

// ---------- sign-in codes ----------

/** A sign-in code as typed: letters and digits, dashes and spaces allowed (they are left out). */
export const codeSignInBody = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits and dashes'),
});

export const addCodePersonBody = z.strictObject({
  name: line(120),
  teamId: z.uuid(),
  language: languageSchema.optional(),
});

/** A new code: shown once (it is stored only as a hash), with its link and QR code for the printed card. */
export const issuedCode = z.object({
  memberId: z.uuid(),
  name: z.string(),
  teamName: z.string(),
  organizationName: z.string(),
  /** XXXX-XXXX-XXXX-XXXX */
  code: z.string(),
  /** The sign-in page with the code in the fragment (never sent to a server). */
  url: z.string(),
  /** The same link as a QR code (SVG). */
  qrSvg: z.string(),
});
export type IssuedCode = z.infer<typeof issuedCode>;

export const codeHolder = z.object({
  memberId: z.uuid(),
  name: z.string(),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  status: z.enum(['active', 'deactivated']),
  /** When the card in use was made; null when the person has no working card. */
  issuedAt: z.iso.datetime().nullable(),
  hasCounterPin: z.boolean(),
});
export type CodeHolder = z.infer<typeof codeHolder>;

export const codeMemberParams = z.strictObject({ memberId: z.uuid() });

// ---------- counter PIN (the person's own) ----------

export const putCounterPinBody = z.strictObject({ pin: z.string().regex(/^\d{4,8}$/, 'four to eight digits') });
export const counterPinState = z.object({ hasPin: z.boolean() });

/** A PIN a manager or administrator made for someone (who may have no phone nor e-mail): shown once. */
export const issuedCounterPin = z.object({ memberId: z.uuid(), name: z.string(), pin: z.string() });
export type IssuedCounterPin = z.infer<typeof issuedCounterPin>;

// ---------- counter devices (administrator) ----------

export const createCounterDeviceBody = z.strictObject({ name: line(80), teamId: z.uuid() });

export const counterDevice = z.object({
  id: z.uuid(),
  name: z.string(),
  team: z.object({ id: z.uuid(), name: z.string() }),
  status: z.enum(['waiting', 'active', 'revoked']),
  createdAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type CounterDevice = z.infer<typeof counterDevice>;

/** A new device with its set-up link (shown once; it works for a day and once). */
export const createdCounterDevice = z.object({ device: counterDevice, setupUrl: z.string(), qrSvg: z.string() });
export type CreatedCounterDevice = z.infer<typeof createdCounterDevice>;

export const counterDeviceParams = z.strictObject({ deviceId: z.uuid() });

// ---------- on the counter device ----------

export const activateCounterBody = z.strictObject({ token: z.string().min(1).max(200) });

export const counterState = z.object({
  device: z.object({ name: z.string(), teamName: z.string(), organizationName: z.string() }),
  /** The team's active people who have a PIN: they tap their name. */
  people: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Who works at the device now (until idle). */
  current: z.object({ id: z.uuid(), name: z.string(), idleSeconds: z.number().int() }).nullable(),
  /** The organisation's values, as on the member's own log screen (only while someone works at the device). */
  values: z.array(z.object({ id: z.uuid(), name: z.string() })),
  language: languageSchema,
});
export type CounterState = z.infer<typeof counterState>;

export const counterUnlockBody = z.strictObject({ memberId: z.uuid(), pin: z.string().min(1).max(16) });

export const counterExtraBody = z.strictObject({
  occasion: line(500),
  action: line(1000),
  kind: extraKindSchema,
  costCents: z.number().int().min(0).max(100_000_00),
  minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  aboveMandateReason: prose(500).optional(),
  valueIds: z.array(z.uuid()).max(10).default([]),
});

export const counterStepParams = z.strictObject({ promiseId: z.uuid(), stepId: z.uuid() });

export const counterStep = z.object({
  promiseId: z.uuid(),
  stepId: z.uuid(),
  what: z.string(),
  promiseWhat: z.string(),
  customer: z.string(),
  dueDate: z.iso.date(),
  acceptedBy: z.string().nullable(),
});
export const counterSteps = z.object({ items: z.array(counterStep) });
export type CounterStep = z.infer<typeof counterStep>;

// ---------- bulk import ----------

export const IMPORT_MAX_ROWS = 500;

export const importBody = z.strictObject({
  /** The CSV file's text or text pasted from a spreadsheet: name, e-mail (or empty), team, role, language. */
  text: z
    .string()
    .min(1)
    .max(80_000)
    .refine((text) => !hasControlCharacters(text), {
      message: 'contains control characters',
    }),
});

export const IMPORT_PROBLEMS = [
  'name_missing',
  'name_too_long',
  'email_invalid',
  'email_twice',
  'already_member',
  'already_invited',
  'team_missing',
  'team_too_long',
  'role_unknown',
  'language_unknown',
  'too_many_columns',
] as const;

export const importRow = z.object({
  /** The line in the text (1 is the first). */
  line: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  team: z.string(),
  /** The team does not exist yet: importing makes it. */
  newTeam: z.boolean(),
  role: z.string(),
  language: z.string(),
  problems: z.array(
    z.object({ field: z.enum(['name', 'email', 'team', 'role', 'language', 'row']), code: z.enum(IMPORT_PROBLEMS) }),
  ),
});
export type ImportRow = z.infer<typeof importRow>;

export const importPreview = z.object({
  rows: z.array(importRow),
  /** Whether the first line was taken as the column names. */
  header: z.boolean(),
  problemRows: z.number().int(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importResult = z.object({
  invited: z.number().int(),
  /** Of those invited, how many were really mailed; the others' links wait under Invitations (no mail set up). */
  mailed: z.number().int(),
  teamsMade: z.array(z.string()),
  /** Shown once: the sign-in codes of the people without an e-mail address. */
  codes: z.array(issuedCode),
  /**
   * Each invitation made, and whether its mail really went. One that did not stays under Invitations
   * (link to copy, or send again there or here): nothing is lost and sending again makes no second one.
   */
  invitations: z.array(
    z.object({
      line: z.number().int(),
      invitationId: z.uuid(),
      email: z.string(),
      name: z.string(),
      mailed: z.boolean(),
    }),
  ),
});
export type ImportResult = z.infer<typeof importResult>;
