import { z } from 'zod';
import { emailSchema } from './common.contract';

// Single sign-on with OpenID Connect: the organisation's identity provider, set by an administrator.

export const SSO_PROVISIONING = ['member', 'approval'] as const;

/** An e-mail domain such as "dekroon.nl" (lower case, no "@", at least one dot). */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'an e-mail domain such as example.nl',
  );

const issuerSchema = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/ }));

/** What an administrator sees of the connection: never the client secret. */
export const ssoConnection = z.object({
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  domains: z.array(z.string()),
  /** Each domain and whether its DNS TXT record proved it: only proven domains sign in with the provider. */
  domainStates: z.array(z.object({ domain: z.string(), proven: z.boolean() })),
  provisioning: z.enum(SSO_PROVISIONING),
  required: z.boolean(),
  enabled: z.boolean(),
});

export const ssoSettings = z.object({
  /** The redirect URI to register at the identity provider (the same for every organisation on this server). */
  redirectUri: z.string(),
  /** The TXT record to add at each domain (at the domain itself) to prove it is the organisation's. */
  verificationRecord: z.string(),
  connection: ssoConnection.nullable(),
});
export type SsoSettings = z.infer<typeof ssoSettings>;

export const SSO_DOMAIN_CHECKS = ['proven', 'record_missing', 'lookup_failed', 'taken'] as const;

/** The answer of checking the domains' TXT records now. */
export const ssoDomainCheck = z.object({
  checked: z.array(z.object({ domain: z.string(), result: z.enum(SSO_DOMAIN_CHECKS) })),
  settings: ssoSettings,
});
export type SsoDomainCheck = z.infer<typeof ssoDomainCheck>;

export const putSsoConnectionBody = z.strictObject({
  issuer: issuerSchema,
  clientId: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces'),
  /** Leave out to keep the secret already stored. */
  clientSecret: z
    .string()
    .min(1)
    .max(1000)
    .regex(/^[\x20-\x7e]+$/, 'printable characters')
    .optional(),
  domains: z.array(domainSchema).min(1).max(20),
  provisioning: z.enum(SSO_PROVISIONING),
  required: z.boolean(),
  enabled: z.boolean().default(true),
});
export type PutSsoConnectionBody = z.input<typeof putSsoConnectionBody>;

export const ssoJoinRequest = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  createdAt: z.string(),
});
export type SsoJoinRequest = z.infer<typeof ssoJoinRequest>;

export const ssoJoinRequestParams = z.strictObject({ requestId: z.uuid() });

export const ssoStartQuery = z.strictObject({
  email: emailSchema,
  next: z.string().max(2000).optional(),
});

/** What the identity provider sends back; providers add their own parameters (session_state, scope, hd...). */
export const ssoCallbackQuery = z.record(z.string().max(100), z.string().max(4000));
