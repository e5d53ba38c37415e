import { z } from 'zod';
import { emailSchema, languageSchema, line, prose, roleSchema } from './common.contract';
import { CONTACT_KEEP_DAYS, CUSTOMER_KEEP_DAYS, RESULTS_VISIBILITY, VIEW_LOG_KEEP_DAYS } from './constants';

const roleSet = z
  .array(roleSchema)
  .min(1)
  .max(5)
  .transform((roles) => [...new Set(roles)]);

export const TIME_ZONES = Intl.supportedValuesOf('timeZone');

export const organization = z.object({
  id: z.uuid(),
  name: z.string(),
  defaultLanguage: languageSchema,
  currency: z.literal('EUR'),
  timeZone: z.string(),
  /** Core questions: the smallest group whose results are shown, and the same for open answers (never below 3). */
  resultsMinGroup: z.number().int(),
  resultsMinTexts: z.number().int(),
  /** What members (not managers or directors) see of results: nothing, the organisation's, or their own groups'. */
  resultsVisibility: z.enum(RESULTS_VISIBILITY),
  /** Customer voice: contact details a customer left are erased this many days after the reaction, unless its follow-up is open. */
  contactKeepDays: z.number().int(),
  /** Customers' names (promises) and references (extras) are pseudonymised this many days after their last use. */
  customerKeepDays: z.number().int(),
  /** Who looked at a member's per-member figures is kept this many days, for the member to read. */
  viewLogKeepDays: z.number().int(),
});
export type Organization = z.infer<typeof organization>;

export const updateOrganizationBody = z.strictObject({
  name: line(120).optional(),
  defaultLanguage: languageSchema.optional(),
  currency: z.literal('EUR').optional(),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => TIME_ZONES.includes(tz), { message: 'unknown time zone' })
    .optional(),
  resultsMinGroup: z.number().int().min(3).max(50).optional(),
  resultsMinTexts: z.number().int().min(3).max(50).optional(),
  resultsVisibility: z.enum(RESULTS_VISIBILITY).optional(),
  contactKeepDays: z.number().int().min(CONTACT_KEEP_DAYS.min).max(CONTACT_KEEP_DAYS.max).optional(),
  customerKeepDays: z.number().int().min(CUSTOMER_KEEP_DAYS.min).max(CUSTOMER_KEEP_DAYS.max).optional(),
  viewLogKeepDays: z.number().int().min(VIEW_LOG_KEEP_DAYS.min).max(VIEW_LOG_KEEP_DAYS.max).optional(),
});

export const memberStatusSchema = z.enum(['active', 'deactivated']);

export const memberTeam = z.object({ id: z.uuid(), name: z.string(), isManager: z.boolean() });

export const member = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  jobTitle: z.string().nullable(),
  status: memberStatusSchema,
  teams: z.array(memberTeam),
  createdAt: z.iso.datetime(),
  deactivatedAt: z.iso.datetime().nullable(),
  /** Erased: the name is a placeholder and the e-mail address is gone. */
  erasedAt: z.iso.datetime().nullable(),
});
export type Member = z.infer<typeof member>;

export const listMembersQuery = z.strictObject({
  status: z.enum(['active', 'deactivated', 'all']).default('active'),
  q: z.string().trim().max(100).optional(),
});

export const memberParams = z.strictObject({ memberId: z.uuid() });

export const updateMemberBody = z.strictObject({
  roles: roleSet.optional(),
  jobTitle: prose(120).nullable().optional(),
});

export const invitation = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  teamIds: z.array(z.uuid()),
  /** The teams it places the person in, by name. */
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** When the e-mail really went out; null when mail is off (no SMTP_URL) or the mail server refused it. */
  mailedAt: z.iso.datetime().nullable(),
  /** The link to pass on yourself, while no e-mail went out (administrators of this organisation only). */
  link: z.string().nullable(),
  expiresAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof invitation>;

export const createInvitationBody = z.strictObject({
  email: emailSchema,
  name: prose(120).default(''),
  roles: roleSet.default(['member']),
  teamIds: z.array(z.uuid()).max(50).default([]),
  language: languageSchema.optional(),
});
export type CreateInvitationBody = z.input<typeof createInvitationBody>;

export const invitationParams = z.strictObject({ invitationId: z.uuid() });

export const team = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  managers: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type Team = z.infer<typeof team>;

export const teamDetail = team.extend({
  members: z.array(
    z.object({ id: z.uuid(), name: z.string(), jobTitle: z.string().nullable(), isManager: z.boolean() }),
  ),
});
export type TeamDetail = z.infer<typeof teamDetail>;

export const teamParams = z.strictObject({ teamId: z.uuid() });
export const teamMemberParams = z.strictObject({ teamId: z.uuid(), memberId: z.uuid() });

export const createTeamBody = z.strictObject({
  name: line(80),
  description: prose(500).default(''),
});

export const updateTeamBody = z.strictObject({
  name: line(80).optional(),
  description: prose(500).optional(),
});

export const putTeamMemberBody = z.strictObject({
  isManager: z.boolean().default(false),
});
