import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from '../../../contracts/constants';
import type {
  CAMPAIGN_STATUSES,
  CampaignRepeat,
  QUESTION_KINDS,
  QUESTION_THEMES,
  TextPair,
} from '../../../contracts/questions.contract';
import { members, organizations } from './org.schema';

type QuestionTheme = (typeof QUESTION_THEMES)[number];
type QuestionKind = (typeof QUESTION_KINDS)[number];

// Core questions. Campaigns of critical questions to the whole staff, answered anonymously.
//
// How anonymity is kept (the rules the service follows; see ballots.ts and disclosure.ts):
// - An answer belongs to a ballot, never to a member. While a campaign is open, a ballot is found by
//   its key: HMAC(HMAC(AUTH_SECRET, campaign id), member id). The database alone cannot turn a key
//   back into a member (the secret is not in it); the app can recompute a member's own key, so the same
//   member finds and replaces their answers: one ballot per member, one answer per ballot and question.
// - When the campaign closes, every key is erased and every ballot and answer is written anew under a
//   new id in a random order (closing.service.ts, forgetBallots). From then on nobody, not even with
//   the secret, can tell whose ballot is whose. Ballots and answers carry no time and no group.
// - Nothing anyone else can read depends on whether a person answered: the reminders go to everyone
//   asked, answered or not (the notice is the same); the response is shown only in steps at least the
//   threshold wide and, while a round is open, only as it stood at the start of the day.
// - Who has answered is never stored: the daily response is recomputed from the keys and only its
//   steps are kept.
// - Results are computed once, at close, per question and per fixed group (organisation, level, team,
//   team × level), and stored; a group is shown only when no combination of shown groups — of this
//   round and of every closed round with the same question — can single out fewer than the threshold
//   of respondents or of people asked (disclosure.ts, earlier-rounds.ts). Nothing shows results while a
//   campaign is open: watching them change would show one person's answer.

/** A question an organisation added to the bank itself (the built-in bank is in question-bank.ts). */
export const orgQuestions = pgTable(
  'org_questions',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    theme: text().$type<QuestionTheme>().notNull(),
    kind: text().$type<QuestionKind>().notNull(),
    /** { nl, en }: the organisation may fill one language; the other falls back to it. */
    text: jsonb().$type<TextPair>().notNull(),
    selfView: jsonb().$type<TextPair>(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const campaigns = pgTable(
  'campaigns',
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    id: uuid().notNull().defaultRandom(),
    title: text().notNull(),
    /** The organisation's local days: open from the start of opensOn to the end of closesOn. */
    opensOn: date({ mode: 'string' }).notNull(),
    closesOn: date({ mode: 'string' }).notNull(),
    /** Everyone on the staff, or the members of these teams and those holding these roles. */
    audienceAll: boolean().notNull().default(true),
    audienceTeamIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    audienceRoles: text().array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    /** Remind everyone asked this many days before the close (e.g. 3 and 1), answered or not. */
    reminderDays: smallint().array().notNull().default(sql`'{}'::smallint[]`),
    /** scheduled → open → closed; the background job moves it along, a director may close early. */
    status: text().$type<(typeof CAMPAIGN_STATUSES)[number]>().notNull().default('scheduled'),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /**
     * While open, the response is shown as it stood at the start of the day, in steps (response-step.ts):
     * the day it was taken, and the step width (the threshold then). The steps are all that is stored.
     */
    responseOn: date({ mode: 'string' }),
    responseStep: smallint(),
    /** The thresholds the results were computed with (the organisation's at close). */
    minGroup: smallint(),
    minTexts: smallint(),
    /**
     * A recurring round: when it opens, the next round of its series is scheduled with the same questions,
     * audience and reminders, one period later. Calling off that scheduled round ends the series.
     */
    repeat: text().$type<CampaignRepeat>().notNull().default('none'),
    /** The first round of the series (itself for the first); null for a round that does not recur. */
    seriesId: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.opensOn),
    index().on(t.orgId, t.seriesId),
    index('campaigns_due_idx').on(t.status, t.closesOn).where(sql`${t.status} <> 'closed'`),
    check('campaigns_days_ok', sql`${t.closesOn} >= ${t.opensOn}`),
  ],
);

/** The campaign's questions, copied when it is made: later edits of the bank do not change a campaign. */
export const campaignQuestions = pgTable(
  'campaign_questions',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    position: integer().notNull(),
    /** The bank's key or 'own:<org question id>': the trend follows it over campaigns. */
    questionKey: text().notNull(),
    theme: text().$type<QuestionTheme>().notNull(),
    kind: text().$type<QuestionKind>().notNull(),
    text: jsonb().$type<TextPair>().notNull(),
    selfView: jsonb().$type<TextPair>(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.id] }),
    index().on(t.orgId, t.questionKey),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * Who is asked, fixed when the campaign opens, with the groups their answers count in: their level and
 * the teams they are in but do not manage (a team's result is the view of the people led in it).
 * It says nothing about who answered.
 */
export const campaignAudience = pgTable(
  'campaign_audience',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    memberId: uuid().notNull(),
    /** top (directors), middle (managers), staff (everyone else). */
    level: text().notNull(),
    teamIds: uuid().array().notNull(),
    /** The teams they manage: their self-view in the mirror is set beside these teams' results. */
    managedTeamIds: uuid().array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.memberId] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.memberId], foreignColumns: [members.orgId, members.id] }).onDelete('cascade'),
  ],
);

/** One per member who answered; no member id, no time, no group. The key is erased at close. */
export const campaignBallots = pgTable(
  'campaign_ballots',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    ballotKey: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.id] }),
    uniqueIndex('campaign_ballots_key_uq').on(t.orgId, t.campaignId, t.ballotKey),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** One answer per ballot and question: a score (agree5 1–5, scale10 0–10) or a text. */
export const campaignAnswers = pgTable(
  'campaign_answers',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    ballotId: uuid().notNull(),
    questionId: uuid().notNull(),
    value: smallint(),
    text: text(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.ballotId, t.questionId] }),
    foreignKey({
      columns: [t.orgId, t.campaignId, t.ballotId],
      foreignColumns: [campaignBallots.orgId, campaignBallots.campaignId, campaignBallots.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.orgId, t.campaignId, t.questionId],
      foreignColumns: [campaignQuestions.orgId, campaignQuestions.campaignId, campaignQuestions.id],
    }).onDelete('cascade'),
    check('campaign_answers_one_kind', sql`(${t.value} is null) <> (${t.text} is null)`),
    check('campaign_answers_value_ok', sql`${t.value} is null or ${t.value} between 0 and 10`),
  ],
);

/** A manager's answers to the self-view of the leadership questions: their own, seen only by them. */
export const mirrorAnswers = pgTable(
  'mirror_answers',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    memberId: uuid().notNull(),
    questionId: uuid().notNull(),
    value: smallint().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.memberId, t.questionId] }),
    foreignKey({
      columns: [t.orgId, t.campaignId, t.questionId],
      foreignColumns: [campaignQuestions.orgId, campaignQuestions.campaignId, campaignQuestions.id],
    }).onDelete('cascade'),
    check('mirror_answers_value_ok', sql`${t.value} between 1 and 5`),
  ],
);

/**
 * The results, computed at close per question and group ('org', 'level:top', 'team:<id>',
 * 'team:<id>:level:staff'). A withheld group keeps only why ('too_few' or 'difference'), no figure.
 */
export const campaignResults = pgTable(
  'campaign_results',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    questionId: uuid().notNull(),
    groupKey: text().notNull(),
    status: text().notNull(),
    respondents: integer(),
    valueSum: integer(),
    /** How many chose each score: agree5 1..5, scale10 0..10. */
    counts: integer().array(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.questionId, t.groupKey] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * Response per group under the disclosure rule: at close the counts (shown only as steps); while open
 * the day's figure, of which only the step's lower end is stored (campaigns.responseOn, responseStep).
 */
export const campaignParticipation = pgTable(
  'campaign_participation',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    groupKey: text().notNull(),
    status: text().notNull(),
    audience: integer(),
    respondents: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.groupKey] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** Open answers of groups shown under the text threshold, in an order drawn at random at close. */
export const campaignTexts = pgTable(
  'campaign_texts',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    questionId: uuid().notNull(),
    groupKey: text().notNull(),
    position: integer().notNull(),
    text: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.questionId, t.groupKey, t.position] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** The reminder of one day of one campaign, claimed once across processes. */
export const campaignReminderRuns = pgTable(
  'campaign_reminder_runs',
  {
    orgId: uuid().notNull(),
    campaignId: uuid().notNull(),
    day: date({ mode: 'string' }).notNull(),
    sent: integer().notNull().default(0),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.campaignId, t.day] }),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** What a manager or director will do about a result: what, who, by when; followed up in the next campaign. */
export const campaignActions = pgTable(
  'campaign_actions',
  {
    orgId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    campaignId: uuid().notNull(),
    /** The question it answers (null: the campaign as a whole) and the group whose result it follows. */
    questionId: uuid(),
    questionKey: text(),
    groupKey: text().notNull(),
    what: text().notNull(),
    ownerMemberId: uuid(),
    ownerName: text().notNull(),
    dueOn: date({ mode: 'string' }).notNull(),
    doneOn: date({ mode: 'string' }),
    doneNote: text(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index().on(t.orgId, t.campaignId),
    index().on(t.orgId, t.questionKey),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }).onDelete(
      'cascade',
    ),
  ],
);
