import { z } from 'zod';
import { emailSchema, languageSchema } from './common.contract';

// Asking a customer for a reaction by e-mail: once per delivered promise or logged extra, to an address
// the customer gave with their consent, in their language. The mail carries the same reaction link as
// the QR code, so the reaction that comes back is linked to the promise or the extra.

export const sendReactionRequestBody = z.strictObject({
  /** The customer's address: used for this one mail, then kept only as long as the organisation keeps contact details. */
  email: emailSchema,
  /** The customer's language; the organisation's when left out. */
  language: languageSchema.optional(),
  /** The customer agreed to receive this e-mail: required, and recorded with who recorded it and when. */
  consent: z.literal(true),
});
export type SendReactionRequestBody = z.input<typeof sendReactionRequestBody>;

export const reactionRequest = z.object({
  id: z.uuid(),
  sentAt: z.string(),
  sentByName: z.string().nullable(),
  language: languageSchema,
  consentRecordedAt: z.string(),
  consentRecordedByName: z.string().nullable(),
  /** Whether the customer reacted through the link (by mail, QR code or a copied link: it is one link). */
  reacted: z.boolean(),
});
export type ReactionRequest = z.infer<typeof reactionRequest>;

export const reactionRequestState = z.object({
  /** The request sent, if any: there is at most one. */
  request: reactionRequest.nullable(),
  /** False when the server sends no mail (no SMTP_URL): the form is not offered. */
  mailAvailable: z.boolean(),
  /** For a promise: whether it was delivered (asking before that is refused). Extras: always true. */
  ready: z.boolean(),
  /** The language a request goes out in unless the form says otherwise. */
  defaultLanguage: languageSchema,
});
export type ReactionRequestState = z.infer<typeof reactionRequestState>;
