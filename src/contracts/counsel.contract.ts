import { z } from 'zod';
import { line, prose } from './common.contract';

// Counsel — the needs register, proposals as a one-page brief, the director's decision queue.

export const PROPOSAL_KINDS = ['improve', 'new'] as const;
export const PROPOSAL_STATUSES = ['submitted', 'more_asked', 'approved', 'declined', 'withdrawn'] as const;
export const DECISIONS = ['approve', 'decline', 'more'] as const;
const day = z.iso.date();

export const need = z.object({
  id: z.uuid(),
  what: z.string(),
  forWhom: z.string(),
  whyNow: z.string(),
  raisedByName: z.string(),
  raisedAt: z.string(),
  supporters: z.number().int(),
  supportedByMe: z.boolean(),
  recognised: z.boolean(),
  recognisedAt: z.string().nullable(),
  /** Proposals that serve it (that the caller may see). */
  proposals: z.number().int(),
});
export type Need = z.infer<typeof need>;
export const needList = z.object({ items: z.array(need) });
export const needParams = z.object({ needId: z.uuid() });
export const createNeedBody = z.strictObject({
  what: line(200),
  forWhom: line(200),
  whyNow: prose(2000).pipe(z.string().min(1)),
});
export const supportBody = z.strictObject({ support: z.boolean() });
export const recogniseBody = z.strictObject({ recognised: z.boolean() });

export const brief = z.strictObject({
  kind: z.enum(PROPOSAL_KINDS),
  title: line(160),
  needId: z.uuid().nullable(),
  proposal: prose(4000).pipe(z.string().min(1)),
  effectCustomers: prose(2000).pipe(z.string().min(1)),
  effectStaff: prose(2000).pipe(z.string().min(1)),
  costCents: z.number().int().min(0).max(100_000_000_00).nullable(),
  costNote: prose(500).default(''),
  risks: prose(2000).pipe(z.string().min(1)),
  decisionWantedBy: day.nullable(),
});
export const createProposalBody = brief;
export const updateProposalBody = brief.partial();

export const proposalEvent = z.object({
  kind: z.string(),
  reason: z.string().nullable(),
  byName: z.string(),
  at: z.string(),
});

export const proposal = z.object({
  id: z.uuid(),
  kind: z.enum(PROPOSAL_KINDS),
  title: z.string(),
  need: z.object({ id: z.uuid(), what: z.string(), recognised: z.boolean() }).nullable(),
  /** Serves no recognised need. */
  flagged: z.boolean(),
  proposal: z.string(),
  effectCustomers: z.string(),
  effectStaff: z.string(),
  costCents: z.number().int().nullable(),
  costNote: z.string(),
  risks: z.string(),
  decisionWantedBy: day.nullable(),
  authorName: z.string(),
  mine: z.boolean(),
  status: z.enum(PROPOSAL_STATUSES),
  submittedAt: z.string(),
  queuedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable(),
  /** From first submission to decision (or to now while undecided), in days with one decimal. */
  daysToDecision: z.number(),
  history: z.array(proposalEvent),
});
export type Proposal = z.infer<typeof proposal>;
export const proposalSummary = proposal.omit({
  history: true,
  proposal: true,
  effectCustomers: true,
  effectStaff: true,
  risks: true,
  costNote: true,
});
export type ProposalSummary = z.infer<typeof proposalSummary>;
export const proposalList = z.object({ items: z.array(proposalSummary) });
export const proposalParams = z.object({ proposalId: z.uuid() });
export const proposalsQuery = z.object({ status: z.enum([...PROPOSAL_STATUSES, 'open', 'any']).default('any') });
export const decisionBody = z.strictObject({
  decision: z.enum(DECISIONS),
  reason: prose(2000).pipe(z.string().min(1)),
});

export const decisionQueue = z.object({
  items: z.array(proposalSummary),
  /** Decisions of the last 90 days: how many and how long they took (days from first submission). */
  stats: z.object({
    decided: z.number().int(),
    medianDays: z.number().nullable(),
    longestOpenDays: z.number().nullable(),
  }),
});
