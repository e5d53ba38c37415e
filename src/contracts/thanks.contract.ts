import { z } from 'zod';
import { line } from './common.contract';

// Thanks between colleagues and teams for internal help: words (required, short) and optionally one of
// the organisation's values, to a person or to a whole team. Shown to the one thanked and in the team
// feed, counted in the chain. Never ranked: there is no list of who is thanked most.

/** How long the words of a thank-you may be: a sentence or two, not a letter. */
export const THANKS_WORDS_MAX = 280;

const ref = z.object({ id: z.uuid(), name: z.string() });

export const createThanksBody = z
  .strictObject({
    /** A colleague (not yourself, active, in your organisation)… */
    toMemberId: z.uuid().optional(),
    /** …or a whole team: exactly one of the two. */
    toTeamId: z.uuid().optional(),
    /** The thanker's team the thanks come from (one of theirs); left out, their first team. */
    fromTeamId: z.uuid().optional(),
    words: line(THANKS_WORDS_MAX),
    valueId: z.uuid().nullable().optional(),
  })
  .refine((b) => (b.toMemberId === undefined) !== (b.toTeamId === undefined), {
    message: 'thank either a person or a team',
    path: ['toMemberId'],
  });
export type CreateThanksBody = z.infer<typeof createThanksBody>;

export const thanks = z.object({
  id: z.uuid(),
  from: ref,
  /** The team the thanks come from, when the thanker was in one. */
  fromTeam: ref.nullable(),
  /** Exactly one of toMember and toTeam. */
  toMember: ref.nullable(),
  toTeam: ref.nullable(),
  words: z.string(),
  value: ref.nullable(),
  createdAt: z.iso.datetime(),
  /** The caller wrote it (and may take it back). */
  mine: z.boolean(),
});
export type Thanks = z.infer<typeof thanks>;

export const thanksPage = z.object({ items: z.array(thanks), nextCursor: z.string().nullable() });
export type ThanksPage = z.infer<typeof thanksPage>;

export const thanksListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});

export const thanksParams = z.strictObject({ thanksId: z.uuid() });
export const teamThanksParams = z.strictObject({ teamId: z.uuid() });
