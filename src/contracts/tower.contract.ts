import { z } from 'zod';

// The tower — the director's overview of every module at a glance, each figure with its
// trend (this period against the one before, and twelve weeks) and a way to the detail.

const day = z.iso.date();
const share = z.number().nullable();
export const week = z.object({ week: day, value: z.number().nullable(), count: z.number().int() });

export const tower = z.object({
  asOf: day,
  /** The last 28 days, and the 28 before. */
  period: z.object({ from: day, to: day }),
  previous: z.object({ from: day, to: day }),
  extras: z.object({
    count: z.number().int(),
    previousCount: z.number().int(),
    /** Share of reactions that were positive (4 or 5). */
    positiveShare: share,
    previousPositiveShare: share,
    weekly: z.array(week),
  }),
  mandate: z.object({
    spentCents: z.number().int(),
    previousSpentCents: z.number().int(),
    aboveMandate: z.number().int(),
    previousAboveMandate: z.number().int(),
    weekly: z.array(week),
  }),
  voice: z.object({
    count: z.number().int(),
    previousCount: z.number().int(),
    /** On five points (0–10 mapped onto 1–5). */
    average: z.number().nullable(),
    previousAverage: z.number().nullable(),
    veryNegative: z.number().int(),
    openFollowups: z.number().int(),
    lateFollowups: z.number().int(),
    weekly: z.array(week),
  }),
  promises: z.object({
    /** Promises whose day fell in the period and that were kept or broken. */
    settled: z.number().int(),
    keptShare: share,
    previousKeptShare: share,
    atRisk: z.number().int(),
    open: z.number().int(),
    weekly: z.array(week),
  }),
  weakestLink: z
    .object({
      from: z.object({ id: z.uuid(), name: z.string() }),
      to: z.object({ id: z.uuid(), name: z.string() }),
      handoffs: z.number().int(),
      onTimeShare: share,
      averageRating: z.number().nullable(),
    })
    .nullable(),
  coreQuestions: z
    .object({
      campaignId: z.uuid(),
      title: z.string(),
      closesOn: day,
      /** As a step of shares (the core questions' response is never shown as a count). */
      responseRate: z.object({ min: z.number(), max: z.number() }).nullable(),
      previousTitle: z.string().nullable(),
      themes: z.array(z.object({ theme: z.string(), average: z.number().nullable(), previous: z.number().nullable() })),
      promoterScore: z.number().nullable(),
      previousPromoterScore: z.number().nullable(),
    })
    .nullable(),
  counsel: z.object({
    queue: z.number().int(),
    oldestWaitingDays: z.number().nullable(),
    medianDaysToDecision: z.number().nullable(),
    needsRecognised: z.number().int(),
    needsWaiting: z.number().int(),
  }),
});
export type Tower = z.infer<typeof tower>;
