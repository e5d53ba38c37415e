import { z } from 'zod';
import { languageSchema } from './common.contract';
import { FIGURE_VIEWS } from './constants';
import { organization } from './org.contract';

// The file a person downloads with everything their organisation holds about them (GET /me/export).
// Sections are lists of rows as stored (snake_case columns); the notes say what is not in it and why.

const rows = z.array(z.record(z.string(), z.unknown()));

export const myDataExport = z.object({
  format: z.literal(1),
  exportedAt: z.string(),
  organization: z.object({ name: z.string() }),
  notes: z.record(z.string(), z.string()),
  person: z
    .object({
      name: z.string(),
      email: z.string(),
      language: z.string().nullable(),
      membership: z.record(z.string(), z.unknown()),
      teams: rows,
    })
    .loose(),
  extras: rows,
  extraReactionHistory: rows,
  customerReactions: rows,
  thanksGiven: rows,
  commentsWritten: rows,
  /** Thanks between colleagues: those I wrote, and those written to me. */
  colleagueThanksGiven: rows,
  colleagueThanksReceived: rows,
  conversationNotesAboutMe: rows,
  promisesMade: rows,
  promiseSteps: rows,
  stepCommentsWritten: rows,
  teamScanRatings: rows,
  coreQuestionRounds: rows,
  leadershipMirror: rows,
  actionsOwned: rows,
  needsRaised: rows,
  needsSupported: rows,
  proposals: rows,
  proposalEvents: rows,
  notifications: rows,
  activity: rows,
  /** Who looked at my per-member figures and when (kept for the organisation's viewLogKeepDays). */
  figureViewsOfMe: rows,
});
export type MyDataExport = z.infer<typeof myDataExport>;

// ---------- who looked at my figures ----------

const ref = z.object({ id: z.uuid(), name: z.string() });

export const figureViewEntry = z.object({
  id: z.uuid(),
  /** Who looked. */
  viewer: ref,
  /** extras_list: my extras filtered to me; extras_csv: the same as CSV; conversation: my figures in the manager's conversation view; data_file: my file, taken by an administrator after I left. */
  view: z.enum(FIGURE_VIEWS),
  team: ref.nullable(),
  at: z.iso.datetime(),
});

export const figureViewList = z.object({
  /** Whether per-member figures are on now (only then can anyone see mine). */
  memberComparison: z.boolean(),
  /** Entries older than this many days are erased. */
  keepDays: z.number().int(),
  items: z.array(figureViewEntry),
});
export type FigureViewList = z.infer<typeof figureViewList>;

// ---------- the staff privacy statement ----------

export const statementQuery = z.strictObject({
  /** The statement's language; the caller's when left out. */
  language: languageSchema.optional(),
});

export const statementSection = z.object({
  /** Stable: kept, who, comparison, questions, retention, rights. */
  key: z.string(),
  title: z.string(),
  paragraphs: z.array(z.string()),
  /** Term and explanation, e.g. a role and what it sees. */
  items: z.array(z.object({ term: z.string(), text: z.string() })),
});

/**
 * What Klantwerk keeps about staff and who sees what, written from the organisation's settings at the
 * moment it is asked for (for the works council and the DPIA). The settings it was made from come with it.
 */
export const privacyStatement = z.object({
  language: languageSchema,
  organization: z.object({ name: z.string() }),
  generatedAt: z.iso.datetime(),
  title: z.string(),
  intro: z.string(),
  settings: organization
    .pick({
      resultsMinGroup: true,
      resultsMinTexts: true,
      resultsVisibility: true,
      contactKeepDays: true,
      customerKeepDays: true,
      viewLogKeepDays: true,
    })
    .extend({
      memberComparison: z.boolean(),
      memberComparisonSince: z.iso.datetime().nullable(),
      worksCouncilAgreedOn: z.iso.date().nullable(),
    }),
  sections: z.array(statementSection),
});
export type PrivacyStatement = z.infer<typeof privacyStatement>;
