import { z } from 'zod';
import { line, roleSchema } from './common.contract';

// Klantwerk talking to other tools: webhooks that tell them what happened, and API keys with which they
// call the documented API.

/** What an administrator can subscribe an address to. */
export const WEBHOOK_EVENTS = [
  'extra.logged',
  'reaction.very_negative',
  'promise.at_risk',
  'promise.broken',
  'proposal.decided',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);

/** klantwerk: our own JSON; slack: {text} for a Slack incoming webhook; teams: an Adaptive Card for a Teams workflow. */
export const WEBHOOK_FORMATS = ['klantwerk', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }))
  .refine((u) => !new URL(u).username && !new URL(u).password, { message: 'no user name or password in the address' });

export const webhookEndpoint = z.object({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  events: z.array(webhookEventSchema),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  /** The last delivery tried: how it went, at a glance. */
  lastDelivery: z
    .object({ status: z.enum(['pending', 'delivered', 'failed']), at: z.iso.datetime().nullable() })
    .nullable(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpoint>;

/** Answered once, at creation: the secret that signs every delivery is never shown again. */
export const createdWebhookEndpoint = webhookEndpoint.extend({ secret: z.string() });
export type CreatedWebhookEndpoint = z.infer<typeof createdWebhookEndpoint>;

export const createWebhookBody = z.strictObject({
  name: line(80),
  url: webhookUrl,
  format: z.enum(WEBHOOK_FORMATS).default('klantwerk'),
  events: z.array(webhookEventSchema).min(1).max(WEBHOOK_EVENTS.length),
});

export const updateWebhookBody = z.strictObject({
  name: line(80).optional(),
  url: webhookUrl.optional(),
  format: z.enum(WEBHOOK_FORMATS).optional(),
  events: z.array(webhookEventSchema).min(1).max(WEBHOOK_EVENTS.length).optional(),
  active: z.boolean().optional(),
});

export const webhookParams = z.strictObject({ webhookId: z.uuid() });

export const webhookDelivery = z.object({
  id: z.uuid(),
  event: webhookEventSchema,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  /** The HTTP status the address answered last, or null when it did not answer. */
  statusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

export const apiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  role: roleSchema,
  /** The first characters of the key, to recognise it (kw_ and a few more). */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  createdByName: z.string().nullable(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  uses: z.number().int(),
});
export type ApiKey = z.infer<typeof apiKey>;

/** Answered once, at creation: only a hash of the key is kept. */
export const createdApiKey = apiKey.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKey>;

/** The longest an API key may live: a year. */
export const API_KEY_MAX_DAYS = 366;

export const createApiKeyBody = z.strictObject({
  name: line(80),
  role: roleSchema,
  expiresInDays: z.number().int().min(1).max(API_KEY_MAX_DAYS),
});

export const apiKeyParams = z.strictObject({ keyId: z.uuid() });
