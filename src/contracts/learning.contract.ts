import { z } from 'zod';
import { inputDay, line, prose } from './common.contract';
import { extraKindSchema } from './extras.contract';

// Learning together. The team feed of stories, thanks and comments, best practices, the
// weekly pick, the manager's conversation view with its notes, what works, and the weekly digest.

const person = z.object({ id: z.uuid(), name: z.string() });

export const storyComment = z.object({
  id: z.uuid(),
  author: person,
  body: z.string(),
  createdAt: z.iso.datetime(),
  /** The caller may remove it: their own comment, or a manager of the story's team. */
  removable: z.boolean(),
});
export type StoryComment = z.infer<typeof storyComment>;

/** An extra told as a story: occasion, what was done, how the customer reacted. No money: this is not a tally. */
export const story = z.object({
  id: z.uuid(),
  author: person,
  teamIds: z.array(z.uuid()),
  occurredAt: z.iso.datetime(),
  occasion: z.string(),
  action: z.string(),
  kind: extraKindSchema,
  valueIds: z.array(z.uuid()),
  reactionText: z.string().nullable(),
  reactionScore: z.number().int().nullable(),
  thanks: z.number().int(),
  thankedByMe: z.boolean(),
  comments: z.array(storyComment),
  bestPractice: z.object({ why: z.string(), by: person, at: z.iso.datetime() }).nullable(),
  mine: z.boolean(),
});
export type Story = z.infer<typeof story>;

export const storyPage = z.object({ items: z.array(story), nextCursor: z.string().nullable() });
export type StoryPage = z.infer<typeof storyPage>;

const page = {
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
};

export const feedQuery = z.strictObject({
  /** One of my teams (any team for a director); my first team when left out. */
  teamId: z.uuid().optional(),
  ...page,
});

export const storyParams = z.strictObject({ extraId: z.uuid() });
export const commentParams = z.strictObject({ extraId: z.uuid(), commentId: z.uuid() });
export const commentBody = z.strictObject({ body: line(500) });
export const inFeedBody = z.strictObject({ inFeed: z.boolean() });

// ---------- best practices ----------

export const promoteBody = z.strictObject({ extraId: z.uuid(), why: line(300) });

export const bestPracticesQuery = z.strictObject({
  valueId: z.uuid().optional(),
  kind: extraKindSchema.optional(),
  /** Words of the occasion, matched in the organisation's language (stemmed: "jarig" finds "jarige"). */
  q: z.string().trim().max(200).optional(),
  ...page,
});

// ---------- weekly pick ----------

export const weeklyPickQuery = z.strictObject({
  /** Any day of the week; this week when left out. */
  week: inputDay.optional(),
});

export const teamParams = z.strictObject({ teamId: z.uuid() });

export const weeklyPick = z.object({
  teamId: z.uuid(),
  weekStart: z.iso.date(),
  /** The manager's own choice, or null while the two shown are the proposal. */
  chosenBy: person.nullable(),
  picks: z.array(story),
  /** For the team's managers: the week's other stories to swap in, best first. Empty for others. */
  candidates: z.array(story.extend({ score: z.number() })),
});
export type WeeklyPick = z.infer<typeof weeklyPick>;

export const putWeeklyPickBody = z.strictObject({
  week: inputDay,
  extraIds: z.array(z.uuid()).min(1).max(2),
});

// ---------- the conversation view ----------

export const conversationQuery = z.strictObject({
  from: inputDay,
  to: inputDay,
});

export const figures = z.object({
  extras: z.number().int(),
  costCents: z.number().int(),
  minutes: z.number().int(),
  /** Money given as a share of the mandate budget over the period; null without a mandate. */
  mandateShare: z.number().nullable(),
  reactions: z.number().int(),
  averageReaction: z.number().nullable(),
});
export type Figures = z.infer<typeof figures>;

export const conversationStory = z.object({
  extraId: z.uuid(),
  occurredAt: z.iso.datetime(),
  occasion: z.string(),
  action: z.string(),
  kind: extraKindSchema,
  costCents: z.number().int(),
  reactionText: z.string().nullable(),
  reactionScore: z.number().int().nullable(),
});

export const conversationView = z.object({
  teamId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** Whether the organisation switched per-member figures on (with the works council's consent). */
  memberComparison: z.boolean(),
  team: figures.extend({ members: z.number().int(), stories: z.array(conversationStory) }),
  /** Per member, in name order (never ranked); null while member comparison is off. */
  members: z.array(figures.extend({ member: person, stories: z.array(conversationStory) })).nullable(),
});
export type ConversationView = z.infer<typeof conversationView>;

export const conversationNote = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  manager: person,
  member: person,
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type ConversationNote = z.infer<typeof conversationNote>;

export const notesQuery = z.strictObject({ memberId: z.uuid() });
export const noteBody = z.strictObject({ memberId: z.uuid(), body: prose(4000).pipe(z.string().min(1)) });

// ---------- settings ----------

export const learningSettings = z.object({
  memberComparison: z.boolean(),
  since: z.iso.datetime().nullable(),
  by: person.nullable(),
  worksCouncilAgreedOn: z.iso.date().nullable(),
  worksCouncilNote: z.string().nullable(),
});
export type LearningSettings = z.infer<typeof learningSettings>;

export const putLearningSettingsBody = z.discriminatedUnion('memberComparison', [
  z.strictObject({
    memberComparison: z.literal(true),
    /** The admin confirms the works council agreed, on which date and where it is recorded. */
    worksCouncilAgreed: z.literal(true),
    worksCouncilAgreedOn: inputDay,
    worksCouncilNote: line(500),
  }),
  z.strictObject({ memberComparison: z.literal(false) }),
]);

// ---------- what works ----------

export const whatWorksQuery = z.strictObject({
  teamId: z.uuid().optional(),
  from: inputDay.optional(),
  to: inputDay.optional(),
});

export const whatWorksGroup = z.object({
  /** kind name, value id, cost band ('0', '0-5', '5-20', '20+') or theme word; 'other' for the rest. */
  key: z.string(),
  /** How the group is shown: the value's name, the theme's most common word. */
  label: z.string(),
  extras: z.number().int(),
  /** Extras in the group with a reaction score. */
  reactions: z.number().int(),
  /** Too few reactions to say anything: no figures below. */
  withheld: z.boolean(),
  /** Average score 1-5 with its 95% interval (Student's t). */
  average: z.number().nullable(),
  averageLow: z.number().nullable(),
  averageHigh: z.number().nullable(),
  /** Share of reactions that were positive (4 or 5), with its 95% Wilson interval. */
  positiveShare: z.number().nullable(),
  positiveLow: z.number().nullable(),
  positiveHigh: z.number().nullable(),
  /** For themes: a few occasions that fall in it. */
  examples: z.array(z.string()),
});
export type WhatWorksGroup = z.infer<typeof whatWorksGroup>;

export const whatWorks = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  teamId: z.uuid().nullable(),
  /** Groups with fewer reactions than this are withheld. */
  minimumReactions: z.number().int(),
  overall: whatWorksGroup,
  byKind: z.array(whatWorksGroup),
  byValue: z.array(whatWorksGroup),
  byCostBand: z.array(whatWorksGroup),
  byTheme: z.array(whatWorksGroup),
});
export type WhatWorks = z.infer<typeof whatWorks>;

// ---------- similar occasions ----------

export const similarQuery = z.strictObject({ occasion: z.string().trim().min(3).max(500) });
export const similarStories = z.object({
  items: z.array(
    z.object({
      extraId: z.uuid(),
      author: person,
      occasion: z.string(),
      action: z.string(),
      kind: extraKindSchema,
      reactionText: z.string().nullable(),
      reactionScore: z.number().int().nullable(),
      bestPractice: z.boolean(),
    }),
  ),
});
export type SimilarStories = z.infer<typeof similarStories>;

// ---------- digest ----------

export const digestPreference = z.object({ digest: z.boolean() });
export const putDigestPreferenceBody = z.strictObject({ digest: z.boolean() });
