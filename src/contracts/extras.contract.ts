import { z } from 'zod';
import { inputDay, line, prose, roleSchema } from './common.contract';
import { EXTRA_KINDS, REACTION_SCORES } from './constants';

// The mandate (room to do something extra) and the extras members log.

export const extraKindSchema = z.enum(EXTRA_KINDS);
export const periodSchema = z.enum(['week', 'month']);

/** Money is in euro cents everywhere in the API: 250 is € 2,50. */
const cents = z.number().int().min(0).max(1_000_000);

export const mandateScope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('role'), role: roleSchema }),
  z.object({ type: z.literal('team'), teamId: z.uuid() }),
  z.object({ type: z.literal('member'), memberId: z.uuid() }),
]);
export type MandateScope = z.infer<typeof mandateScope>;

export const mandate = z.object({
  id: z.uuid(),
  scope: mandateScope,
  /** The role, team or person it is set for, for display. */
  scopeName: z.string(),
  period: periodSchema,
  budgetCents: z.number().int(),
  maxPerExtraCents: z.number().int(),
  allowedKinds: z.array(extraKindSchema),
  updatedAt: z.iso.datetime(),
});
export type Mandate = z.infer<typeof mandate>;

export const putMandateBody = z.strictObject({
  scope: mandateScope,
  period: periodSchema,
  budgetCents: cents,
  maxPerExtraCents: cents,
  allowedKinds: z
    .array(extraKindSchema)
    .min(1)
    .max(EXTRA_KINDS.length)
    .transform((k) => [...new Set(k)]),
});

export const mandateParams = z.strictObject({ mandateId: z.uuid() });

/** The mandate that applies to one member right now, and what is left of it this period. */
export const myMandate = z.object({
  mandate: mandate.nullable(),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  usedCents: z.number().int(),
  leftCents: z.number().int(),
});
export type MyMandate = z.infer<typeof myMandate>;

export const reactionScoreSchema = z
  .number()
  .int()
  .refine((n) => (REACTION_SCORES as readonly number[]).includes(n), {
    message: 'score must be 1 (very negative) to 5 (very positive)',
  });

export const extra = z.object({
  id: z.uuid(),
  member: z.object({ id: z.uuid(), name: z.string() }),
  teamIds: z.array(z.uuid()),
  occurredAt: z.iso.datetime(),
  occasion: z.string(),
  action: z.string(),
  kind: extraKindSchema,
  costCents: z.number().int(),
  minutes: z.number().int(),
  valueIds: z.array(z.uuid()),
  customerRef: z.string().nullable(),
  reactionText: z.string().nullable(),
  reactionScore: z.number().int().nullable(),
  aboveMandate: z.boolean(),
  aboveMandateReason: z.string().nullable(),
  /** The author's choice: false keeps it out of the team feed, best practices and the weekly pick. */
  inFeed: z.boolean(),
  hidden: z.object({ reason: z.string(), at: z.iso.datetime() }).nullable(),
  /** The author may still edit or delete it (within 24 hours of logging). */
  editableUntil: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type Extra = z.infer<typeof extra>;

const extraFields = {
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  occasion: line(500),
  action: line(1000),
  kind: extraKindSchema,
  costCents: cents,
  minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  valueIds: z.array(z.uuid()).max(10).default([]),
  customerRef: prose(200).nullable().optional(),
  reactionText: prose(1000).nullable().optional(),
  reactionScore: reactionScoreSchema.nullable().optional(),
  /** Required when the extra goes beyond the mandate; ignored otherwise. */
  aboveMandateReason: prose(500).optional(),
};

export const createExtraBody = z.strictObject({
  ...extraFields,
  /** Keep this extra out of the team feed (it still counts for the mandate and the figures). */
  inFeed: z.boolean().optional(),
});
export type CreateExtraBody = z.input<typeof createExtraBody>;

export const updateExtraBody = z.strictObject({
  occurredAt: extraFields.occurredAt,
  occasion: extraFields.occasion.optional(),
  action: extraFields.action.optional(),
  kind: extraFields.kind.optional(),
  costCents: cents.optional(),
  minutes: extraFields.minutes.optional(),
  valueIds: z.array(z.uuid()).max(10).optional(),
  customerRef: extraFields.customerRef,
  aboveMandateReason: extraFields.aboveMandateReason,
});

export const putReactionBody = z.strictObject({
  reactionText: prose(1000).nullable(),
  reactionScore: reactionScoreSchema.nullable(),
});

export const hideExtraBody = z.strictObject({ reason: line(500) });

export const extraParams = z.strictObject({ extraId: z.uuid() });

export const listExtrasQuery = z.strictObject({
  /** mine: my own; team: the teams I manage; all: the whole organisation (directors). */
  scope: z.enum(['mine', 'team', 'all']).default('mine'),
  from: inputDay.optional(),
  to: inputDay.optional(),
  valueId: z.uuid().optional(),
  kind: extraKindSchema.optional(),
  teamId: z.uuid().optional(),
  memberId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque cursor from the previous page. */
  cursor: z.string().max(200).optional(),
});

export const extraPage = z.object({ items: z.array(extra), nextCursor: z.string().nullable() });

export const reactionChange = z.object({
  reactionText: z.string().nullable(),
  reactionScore: z.number().int().nullable(),
  changedAt: z.iso.datetime(),
  changedBy: z.object({ id: z.uuid(), name: z.string() }),
});

export const extraDetail = extra.extend({ reactionHistory: z.array(reactionChange) });

export const suggestions = z.object({
  occasions: z.array(z.string()),
  actions: z.array(z.string()),
});
