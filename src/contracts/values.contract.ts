import { z } from 'zod';
import { line, prose } from './common.contract';

// Purpose, core values with observable behaviours, and the offer profile with guidelines.

export const purpose = z.object({
  /** The organisation's "why", in a few sentences. */
  purpose: z.string(),
  /** What we offer, in words. */
  offerSummary: z.string(),
  /** To whom we offer it. */
  audience: z.string(),
  updatedAt: z.iso.datetime().nullable(),
});
export type Purpose = z.infer<typeof purpose>;

export const updatePurposeBody = z.strictObject({
  purpose: prose(1000),
  offerSummary: prose(1000).default(''),
  audience: prose(500).default(''),
});

const behaviours = z.array(line(200)).min(2).max(5);

export const coreValue = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  behaviours: z.array(z.string()),
  position: z.number().int(),
  retiredAt: z.iso.datetime().nullable(),
});
export type CoreValue = z.infer<typeof coreValue>;

export const listValuesQuery = z.strictObject({
  includeRetired: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const createValueBody = z.strictObject({
  name: line(80),
  description: prose(500).default(''),
  behaviours,
});

export const updateValueBody = z.strictObject({
  name: line(80).optional(),
  description: prose(500).optional(),
  behaviours: behaviours.optional(),
});

export const valueParams = z.strictObject({ valueId: z.uuid() });

export const reorderValuesBody = z.strictObject({
  /** Every active value's id, in the new order. */
  ids: z.array(z.uuid()).min(1).max(50),
});

export const offering = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  audience: z.string(),
  /** The shortest lead time that may be promised, in days; null when there is none. */
  leadTimeDays: z.number().int().nullable(),
  /** Conditions in words, one per item (e.g. "only with a signed quote"). */
  conditions: z.array(z.string()),
  retiredAt: z.iso.datetime().nullable(),
});
export type Offering = z.infer<typeof offering>;

export const createOfferingBody = z.strictObject({
  name: line(120),
  description: prose(1000).default(''),
  audience: prose(300).default(''),
  leadTimeDays: z.number().int().min(0).max(3650).nullable().default(null),
  conditions: z.array(line(300)).max(20).default([]),
});

export const updateOfferingBody = z.strictObject({
  name: line(120).optional(),
  description: prose(1000).optional(),
  audience: prose(300).optional(),
  leadTimeDays: z.number().int().min(0).max(3650).nullable().optional(),
  conditions: z.array(line(300)).max(20).optional(),
});

export const offeringParams = z.strictObject({ offeringId: z.uuid() });
export const listOfferingsQuery = listValuesQuery;
