import { z } from 'zod';
import { INPUT_YEAR, inputDay, line, prose } from './common.contract';

// Promises to customers (afspraken) and the internal teams that keep them. Days are the
// organisation's local dates ("2026-12-01").

const person = z.object({ id: z.uuid(), name: z.string() });
const teamRef = z.object({ id: z.uuid(), name: z.string() });

export const PROMISE_STATUSES = ['open', 'in_progress', 'at_risk', 'renegotiated', 'kept', 'broken'] as const;
export const promiseStatusSchema = z.enum(PROMISE_STATUSES);
export type PromiseStatusName = z.infer<typeof promiseStatusSchema>;

/** How a promise breaks the offer profile: outside it, sooner than the lead time, or a condition not met. */
export const guidelineBreach = z.discriminatedUnion('code', [
  z.object({ code: z.literal('outside_profile') }),
  z.object({ code: z.literal('lead_time'), days: z.number().int(), minimumDays: z.number().int() }),
  z.object({ code: z.literal('condition_not_met'), condition: z.string() }),
]);
export type GuidelineBreachDto = z.infer<typeof guidelineBreach>;

export const customer = z.object({
  id: z.uuid(),
  name: z.string(),
  contactPerson: z.string().nullable(),
  segment: z.string().nullable(),
  /** The name is a code: the customer was forgotten by hand or after the organisation's retention. */
  pseudonymised: z.boolean(),
});
export type Customer = z.infer<typeof customer>;

export const customersQuery = z.strictObject({ q: z.string().trim().max(100).optional() });
export const customerList = z.object({ items: z.array(customer) });

export const promiseStep = z.object({
  id: z.uuid(),
  position: z.number().int(),
  /** A hand-off that delivers the promise, or the follow-up after delivery (how did it land?). */
  kind: z.enum(['handoff', 'aftersales']),
  team: teamRef,
  /** Who the work goes to next: the next hand-off's team, or the maker's team after the last. */
  receiverTeam: teamRef.nullable(),
  what: z.string(),
  dueDate: z.iso.date(),
  /** The person of its team who has it ("Ik pak dit op"), or null while it is the team's. */
  owner: person.nullable(),
  accepted: z.object({ by: person, at: z.iso.datetime() }).nullable(),
  done: z.object({ by: person, on: z.iso.date(), at: z.iso.datetime() }).nullable(),
  /** The last time it was sent back, with the reason; cleared when it is accepted again. */
  sentBack: z.object({ by: person, at: z.iso.datetime(), reason: z.string() }).nullable(),
  /** Not done and its day has passed. */
  late: z.boolean(),
  reactionText: z.string().nullable(),
  reactionScore: z.number().int().nullable(),
  /** The receiving team's rating of this hand-off. */
  rating: z
    .object({ score: z.number().int(), comment: z.string().nullable(), by: person, at: z.iso.datetime() })
    .nullable(),
  /** Comments on it so far (between its team and the team it hands its work to). */
  comments: z.number().int(),
  /** What the caller may do with it now: take it themselves, hand it back (its holder or a manager), give it to another member of its team (its team's manager). */
  can: z.object({
    accept: z.boolean(),
    complete: z.boolean(),
    sendBack: z.boolean(),
    rate: z.boolean(),
    take: z.boolean(),
    handBack: z.boolean(),
    reassign: z.boolean(),
  }),
});
export type PromiseStep = z.infer<typeof promiseStep>;

export const promiseSummary = z.object({
  id: z.uuid(),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  what: z.string(),
  dueDate: z.iso.date(),
  offering: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  ownerTeam: teamRef,
  madeBy: person,
  status: promiseStatusSchema,
  breaches: z.array(guidelineBreach),
  renegotiations: z.number().int(),
  deliveredOn: z.iso.date().nullable(),
  stepsDone: z.number().int(),
  stepsTotal: z.number().int(),
  /** The first hand-off not done yet. */
  nextStep: z.object({ team: teamRef, what: z.string(), dueDate: z.iso.date() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type PromiseSummary = z.infer<typeof promiseSummary>;

export const promiseEvent = z.object({
  id: z.uuid(),
  /** made, accepted, taken, assigned, handed_back, done, sent_back, renegotiated, delivered, rated, reaction */
  kind: z.string(),
  stepId: z.uuid().nullable(),
  data: z.record(z.string(), z.unknown()),
  by: person.nullable(),
  at: z.iso.datetime(),
});

export const promiseDetail = promiseSummary.extend({
  customer,
  makerTeam: teamRef.nullable(),
  breachReason: z.string().nullable(),
  conditionsMet: z.array(z.string()),
  steps: z.array(promiseStep),
  history: z.array(promiseEvent),
  can: z.object({ renegotiate: z.boolean(), deliver: z.boolean() }),
});
export type PromiseDetail = z.infer<typeof promiseDetail>;

export const promiseParams = z.strictObject({ promiseId: z.uuid() });
export const stepParams = z.strictObject({ promiseId: z.uuid(), stepId: z.uuid() });

const page = {
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
};

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const promisesFilter = {
  /** mine: made by me; team: served by one of my teams (or teamId); all: the whole organisation (directors). */
  scope: z.enum(['mine', 'team', 'all']).default('mine'),
  teamId: z.uuid().optional(),
  /** A status, or active: not kept or broken yet. Active ones come soonest first, others latest first. */
  status: z.enum([...PROMISE_STATUSES, 'active']).optional(),
  /** Part of the customer's name or of what was promised. */
  q: z.string().trim().max(100).optional(),
  /** Promised day from / to, inclusive. */
  from: inputDay.optional(),
  to: inputDay.optional(),
  /** Only promises that break the offer profile. */
  flagged: boolParam.optional(),
  /** The promises behind one arrow of the chain: hand-offs from this team to that one (from/to then bound the hand-off's day, as in the chain). */
  handoffFrom: z.uuid().optional(),
  handoffTo: z.uuid().optional(),
};
export const promisesQuery = z.strictObject({ ...promisesFilter, ...page });
export const promisesCsvQuery = z.strictObject(promisesFilter);
export const promisePage = z.object({ items: z.array(promiseSummary), nextCursor: z.string().nullable() });
export type PromisePage = z.infer<typeof promisePage>;

const stepInput = z.strictObject({
  teamId: z.uuid(),
  what: line(300),
  dueDate: inputDay,
  ownerMemberId: z.uuid().nullable().optional(),
});

export const guidelineInput = {
  /** null: a promise outside the offer profile. */
  offeringId: z.uuid().nullable(),
  dueDate: inputDay,
  /** The offering's conditions the member confirms as met, as written in the offer profile. */
  conditionsMet: z.array(z.string().max(300)).max(30).default([]),
};

export const checkPromiseBody = z.strictObject(guidelineInput);
export const guidelineCheck = z.object({ breaches: z.array(guidelineBreach) });

export const createPromiseBody = z.strictObject({
  customer: z.union([
    z.strictObject({ id: z.uuid() }),
    z.strictObject({
      name: line(200),
      contactPerson: line(200).nullable().optional(),
      segment: line(100).nullable().optional(),
    }),
  ]),
  what: line(1000),
  ownerTeamId: z.uuid(),
  ...guidelineInput,
  /** The hand-offs that keep it, in order. */
  steps: z.array(stepInput).min(1).max(12),
  /** Required when it breaks the offer profile: why it is promised all the same. */
  breachReason: line(1000).optional(),
});
export type CreatePromiseBody = z.input<typeof createPromiseBody>;

export const sendBackBody = z.strictObject({ reason: line(1000) });
export const completeStepBody = z.strictObject({
  /** For the follow-up after delivery: how the customer reacted. */
  reactionText: prose(2000).optional(),
  reactionScore: z.number().int().min(1).max(5).optional(),
});
export const renegotiateBody = z.strictObject({
  /** The new day agreed with the customer. */
  dueDate: inputDay,
  reason: line(1000),
});
export const deliveryBody = z.strictObject({
  /** The day it reached the customer; today when left out. */
  deliveredOn: inputDay.optional(),
  /** The follow-up: who asks the customer how it landed, and when. */
  followUp: z
    .strictObject({ teamId: z.uuid(), what: line(300), dueDate: inputDay })
    .nullable()
    .optional(),
});
/** Who has the step: a member of its team (me to take it), or null to hand it back to the team. */
export const stepOwnerBody = z.strictObject({ memberId: z.uuid().nullable() });

export const stepCommentBody = z.strictObject({ body: line(2000) });
export const stepComment = z.object({
  id: z.uuid(),
  by: person,
  /** The author's side: the team that does the step, the team it hands its work to, or neither (a director, the maker). */
  side: z.enum(['team', 'receiver']).nullable(),
  body: z.string(),
  at: z.iso.datetime(),
});
export type StepComment = z.infer<typeof stepComment>;
export const stepCommentList = z.object({ items: z.array(stepComment) });

export const ratingBody = z.strictObject({ score: z.number().int().min(1).max(5), comment: prose(1000).optional() });

// ---------- my team's steps ----------

export const workListQuery = z.strictObject({
  /** One of my teams (any for a director); all my teams when left out. */
  teamId: z.uuid().optional(),
  /** open: not done yet, soonest first; done: done, latest first. */
  state: z.enum(['open', 'done']).default('open'),
  /** team: the steps of my teams (or teamId); mine: the steps I have taken (or was given). */
  scope: z.enum(['team', 'mine']).default('team'),
  /** late: its day has passed (open) or it was done after it; this_week: due this week (Monday to Sunday, on the organisation's clock). */
  due: z.enum(['late', 'this_week']).optional(),
  ...page,
});
export const workItem = z.object({
  step: promiseStep,
  promise: z.object({
    id: z.uuid(),
    what: z.string(),
    customer: z.string(),
    dueDate: z.iso.date(),
    status: promiseStatusSchema,
  }),
  /**
   * Whether the step counts as the caller's own: false for one that was already due before they joined
   * the organisation (their team's to answer for, not theirs; a newcomer is not told it is late).
   */
  yours: z.boolean(),
});
export type WorkItem = z.infer<typeof workItem>;
export const workList = z.object({ items: z.array(workItem), nextCursor: z.string().nullable() });

// ---------- the chain ----------

export const periodQuery = z.strictObject({
  /** Hand-offs on these days (inclusive): done on them, or due on them while open; the last 90 days when left out. */
  from: inputDay.optional(),
  to: inputDay.optional(),
});

export const chainArrow = z.object({
  from: teamRef,
  to: teamRef,
  handoffs: z.number().int(),
  /** Hand-offs whose day has come: done by their day, and done late or not at all. */
  due: z.number().int(),
  onTime: z.number().int(),
  onTimeShare: z.number().nullable(),
  ratings: z.number().int(),
  averageRating: z.number().nullable(),
  /** Thanks in the period to the giving team or its members, from the receiving team or its members. */
  thanks: z.number().int(),
  /** Among the weakest links: lowest on-time share or rating, with enough hand-offs to say so. */
  weak: z.boolean(),
});
export type ChainArrow = z.infer<typeof chainArrow>;

export const chain = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** thanks: how often the team (or one of its members) was thanked by the teams it served in the period. */
  nodes: z.array(teamRef.extend({ given: z.number().int(), received: z.number().int(), thanks: z.number().int() })),
  arrows: z.array(chainArrow),
});
export type Chain = z.infer<typeof chain>;

// ---------- team figures ----------

export const teamFiguresQuery = z.strictObject({
  teamId: z.uuid(),
  /** Months back, this month included. */
  months: z.coerce.number().int().min(1).max(24).default(6),
});

export const teamPeriod = z.object({
  /** The month's first day. */
  month: z.iso.date(),
  /** Promises the team owns, due this month, that are settled (kept or broken). */
  promisesSettled: z.number().int(),
  promisesKept: z.number().int(),
  keptShare: z.number().nullable(),
  /** The team's hand-offs due this month whose day has come, and those done by their day. */
  stepsDue: z.number().int(),
  stepsOnTime: z.number().int(),
  onTimeShare: z.number().nullable(),
  ratingReceived: z.number().nullable(),
  ratingsReceived: z.number().int(),
  ratingGiven: z.number().nullable(),
  ratingsGiven: z.number().int(),
});
export const teamFigures = z.object({ team: teamRef, periods: z.array(teamPeriod) });
export type TeamFigures = z.infer<typeof teamFigures>;

// ---------- the quarterly internal scan ----------

const quarterSchema = z.string().regex(new RegExp(`^${INPUT_YEAR}-Q[1-4]$`), 'a quarter like 2026-Q4');

export const scanQuery = z.strictObject({ quarter: quarterSchema.optional() });

export const scan = z.object({
  quarter: z.string(),
  /** For each of my teams: the teams it worked with this quarter, with my rating of each. */
  teams: z.array(
    teamRef.extend({
      partners: z.array(
        z.object({
          team: teamRef,
          handoffs: z.number().int(),
          myScore: z.number().int().nullable(),
          myComment: z.string().nullable(),
          /** All members of my team who rated it so far: their average. */
          teamAverage: z.number().nullable(),
          teamRatings: z.number().int(),
        }),
      ),
    }),
  ),
});
export type Scan = z.infer<typeof scan>;

export const putScanBody = z.strictObject({
  quarter: quarterSchema,
  raterTeamId: z.uuid(),
  ratedTeamId: z.uuid(),
  score: z.number().int().min(1).max(5),
  comment: prose(1000).optional(),
});
