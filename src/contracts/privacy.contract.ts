import { z } from 'zod';

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
  conversationNotesAboutMe: rows,
  promisesMade: rows,
  promiseSteps: rows,
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
});
export type MyDataExport = z.infer<typeof myDataExport>;
