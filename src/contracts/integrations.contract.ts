import { z } from 'zod';
import { line, roleSchema } from './common.contract';
import { API_KEY_MAX_DAYS, WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from './constants';

// Klantwerk talking to other tools: webhooks that tell them what happened, and API keys with which they
// call the documented API.

export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
export type { WebhookEvent, WebhookFormat };

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }))
  .refine(
    (u) => {
      try {
        const url = new URL(u);
        return !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { message: 'no user name or password in the address' },
  );

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

export const createApiKeyBody = z.strictObject({
  name: line(80),
  role: roleSchema,
  expiresInDays: z.number().int().min(1).max(API_KEY_MAX_DAYS),
});

export const apiKeyParams = z.strictObject({ keyId: z.uuid() });
