import { z } from 'zod';
import { emailSchema, languageSchema, line, passwordSchema, roleSchema } from './common.contract';

export const signUpBody = z.strictObject({
  organizationName: line(120),
  name: line(120),
  email: emailSchema,
  password: passwordSchema,
  language: languageSchema.optional(),
});
export type SignUpBody = z.infer<typeof signUpBody>;

/** What sign-up and forgot-password answer, the same for every address: the rest comes by e-mail. */
export const acceptedAnswer = z.object({ ok: z.literal(true) });

/** The token from the link in the sign-up mail (/sign-up/confirm#token=…). */
export const confirmSignUpBody = z.strictObject({
  token: z.string().min(8).max(200),
});

export const signInBody = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(128),
});

export const forgotPasswordBody = z.strictObject({
  email: emailSchema,
  language: languageSchema.optional(),
});

export const resetPasswordBody = z.strictObject({
  token: z.string().min(8).max(200),
  password: passwordSchema,
});

export const invitationTokenBody = z.strictObject({
  token: z.string().min(8).max(200),
});

export const invitationPreview = z.object({
  organizationName: z.string(),
  email: z.string(),
  name: z.string(),
  /** True when a person with this address exists: they accept with their current password. */
  existingAccount: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

export const acceptInvitationBody = z.strictObject({
  token: z.string().min(8).max(200),
  name: line(120).optional(),
  // New accounts choose a password (at least 10 characters, checked by the service); existing ones give theirs.
  password: z.string().min(1).max(128),
  language: languageSchema.optional(),
});
export type AcceptInvitationBody = z.infer<typeof acceptInvitationBody>;

export const membershipSummary = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  roles: z.array(roleSchema),
});

export const me = z.object({
  user: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    language: languageSchema.nullable(),
  }),
  /** The language the interface should use: the person's choice, else the organisation's default. */
  language: languageSchema,
  organizations: z.array(membershipSummary),
  activeOrganization: z
    .object({
      id: z.uuid(),
      name: z.string(),
      defaultLanguage: languageSchema,
      currency: z.literal('EUR'),
      timeZone: z.string(),
    })
    .nullable(),
  member: z
    .object({
      id: z.uuid(),
      roles: z.array(roleSchema),
      teams: z.array(z.object({ id: z.uuid(), name: z.string(), isManager: z.boolean() })),
    })
    .nullable(),
});
/**
 * Whether anyone is signed in, without an error when nobody is: the web app asks this on every start
 * (GET /api/v1/me answers 401 then, which a browser logs as an error on every signed-out page).
 */
export const session = z.object({ signedIn: z.boolean(), me: me.nullable() });
export type Session = z.infer<typeof session>;

export type Me = z.infer<typeof me>;

export const updateMeBody = z.strictObject({
  name: line(120).optional(),
  language: languageSchema.nullable().optional(),
});

export const switchOrganizationBody = z.strictObject({
  organizationId: z.uuid(),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
