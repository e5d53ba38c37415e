import { z } from 'zod';
import { inputDay, line, prose, roleSchema } from './common.contract';

// Core questions, campaigns, anonymous answers, results per group, the leadership mirror, actions.

export const QUESTION_THEMES = [
  'leadership',
  'cooperation',
  'mandate',
  'values',
  'customer_focus',
  'communication',
] as const;
export const QUESTION_KINDS = ['agree5', 'scale10', 'open'] as const;
export const LEVELS = ['top', 'middle', 'staff'] as const;
export type Level = (typeof LEVELS)[number];

export const themeSchema = z.enum(QUESTION_THEMES);
export const kindSchema = z.enum(QUESTION_KINDS);
const day = z.iso.date();

/** A question's words in both languages (an organisation's own question may have one; the other falls back). */
export const textPair = z.object({ nl: z.string(), en: z.string() });
export type TextPair = z.infer<typeof textPair>;

export const bankQuestion = z.object({
  /** The bank's key, or 'own:<id>' for the organisation's own question. */
  key: z.string(),
  theme: themeSchema,
  kind: kindSchema,
  text: textPair,
  selfView: textPair.nullable(),
  own: z.boolean(),
});
export type BankQuestion = z.infer<typeof bankQuestion>;
export const bankList = z.object({ items: z.array(bankQuestion) });

const optionalLine = (max: number) => z.union([line(max), z.literal('')]).optional();
export const ownQuestionBody = z
  .strictObject({
    theme: themeSchema,
    kind: kindSchema,
    text: z.strictObject({ nl: optionalLine(300), en: optionalLine(300) }),
  })
  .refine((b) => Boolean(b.text.nl || b.text.en), {
    message: 'the question needs words in at least one language',
    path: ['text'],
  });
export const bankQuestionParams = z.object({ questionId: z.uuid() });

export const campaignParams = z.object({ campaignId: z.uuid() });

export const CAMPAIGN_STATUSES = ['scheduled', 'open', 'closed'] as const;
export const campaignStatus = z.enum(CAMPAIGN_STATUSES);

/** How often a round comes back with the same questions: never, every month, every quarter. */
export const CAMPAIGN_REPEATS = ['none', 'monthly', 'quarterly'] as const;
export const campaignRepeat = z.enum(CAMPAIGN_REPEATS);
export type CampaignRepeat = z.infer<typeof campaignRepeat>;
/** Calendar months between two rounds of a series. */
export const REPEAT_MONTHS: Record<Exclude<CampaignRepeat, 'none'>, number> = { monthly: 1, quarterly: 3 };

/** The day the next round of a series opens (or closes, given the close); null for a round that does not come back. */
export function nextRoundDay(day: string, repeat: CampaignRepeat): string | null {
  return repeat === 'none' ? null : addMonths(day, REPEAT_MONTHS[repeat]);
}

/** The day `months` calendar months after `day`; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export const audience = z.strictObject({
  all: z.boolean(),
  teamIds: z.array(z.uuid()).max(200).default([]),
  roles: z.array(roleSchema).max(5).default([]),
});

export const createCampaignBody = z
  .strictObject({
    title: line(120),
    opensOn: inputDay,
    closesOn: inputDay,
    audience,
    /** Remind everyone asked (answered or not: a reminder says nothing about who has) this many days before the close. */
    reminderDays: z.array(z.number().int().min(0).max(60)).max(5).default([]),
    questionKeys: z.array(z.string().min(1).max(80)).min(1).max(60),
    /** Comes back every month or quarter with the same questions; the next round is scheduled when this one opens. */
    repeat: campaignRepeat.default('none'),
  })
  .refine((b) => b.closesOn >= b.opensOn, { message: 'the close comes before the opening', path: ['closesOn'] })
  .refine((b) => new Set(b.questionKeys).size === b.questionKeys.length, {
    message: 'a question is in the list twice',
    path: ['questionKeys'],
  })
  .refine((b) => b.audience.all || b.audience.teamIds.length > 0 || b.audience.roles.length > 0, {
    message: 'choose who is asked',
    path: ['audience'],
  });

/** Who would be asked, counted now: the confirmation before a launch names it. */
export const audienceSizeBody = z.strictObject({ audience });
export const audienceSize = z.object({ size: z.number().int() });

export const campaignQuestion = z.object({
  id: z.uuid(),
  key: z.string(),
  position: z.number().int(),
  theme: themeSchema,
  kind: kindSchema,
  text: textPair,
  selfView: textPair.nullable(),
});
export type CampaignQuestion = z.infer<typeof campaignQuestion>;

export const myStatus = z.enum(['not_asked', 'to_answer', 'answered']);

/** A count or share shown as a step: somewhere from min to max (see the server's response-step.ts). */
export const responseStep = z.object({ min: z.number(), max: z.number() });

export const campaignSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  opensOn: day,
  closesOn: day,
  status: campaignStatus,
  questionCount: z.number().int(),
  /** Only while it is open, and only for someone asked. */
  myStatus,
  /** People asked (known once it opens). */
  audienceSize: z.number().int().nullable(),
  /** Directors and admins: respondents over everyone asked, as a step of shares (while open: as at the start of the day); null below the threshold. */
  responseRate: responseStep.nullable(),
  /** How often the round comes back (the series goes on while its next round is scheduled). */
  repeat: campaignRepeat,
});
export type CampaignSummary = z.infer<typeof campaignSummary>;
export const campaignList = z.object({ items: z.array(campaignSummary) });

export const answerValue = z.strictObject({
  questionId: z.uuid(),
  value: z.number().int().min(0).max(10).optional(),
  text: z.union([prose(2000), z.null()]).optional(),
});
export const answersBody = z.strictObject({ answers: z.array(answerValue).max(60) });
export const mirrorBody = z.strictObject({
  answers: z.array(z.strictObject({ questionId: z.uuid(), value: z.number().int().min(1).max(5) })).max(60),
});
export const savedAnswers = z.object({ saved: z.number().int() });

export const campaignDetail = campaignSummary.extend({
  audience: z.object({ all: z.boolean(), teamIds: z.array(z.uuid()), roles: z.array(roleSchema) }),
  reminderDays: z.array(z.number().int()),
  questions: z.array(campaignQuestion),
  /** The caller's own answers while it is open (found by their ballot key); empty otherwise. */
  myAnswers: z.array(
    z.object({ questionId: z.uuid(), value: z.number().int().nullable(), text: z.string().nullable() }),
  ),
  /** For a manager: the self-view questions of the mirror and their own answers to them. */
  mirror: z
    .object({
      questionIds: z.array(z.uuid()),
      answers: z.array(z.object({ questionId: z.uuid(), value: z.number().int() })),
    })
    .nullable(),
  /** The thresholds the results follow (the organisation's while open, the ones used at close after). */
  minGroup: z.number().int(),
  minTexts: z.number().int(),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

// ---------- results ----------

/** 'org', 'level:top', 'team:<id>', 'team:<id>:level:staff'. */
export const groupKey = z
  .string()
  .regex(/^(org|level:(top|middle|staff)|team:[0-9a-f-]{36}(:level:(top|middle|staff))?)$/);
/** too_few: below the threshold; difference: with other groups of the round it would single out fewer; earlier_round: beside an earlier round's figures it would. */
export const groupStatus = z.enum(['shown', 'too_few', 'difference', 'earlier_round']);

export const resultGroup = z.object({
  key: z.string(),
  kind: z.enum(['org', 'level', 'team', 'team_level']),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  level: z.enum(LEVELS).nullable(),
  /** Whether the group's response is shown (at close: the campaign's answers as a whole). */
  status: groupStatus,
  audience: z.number().int().nullable(),
  /** How many answered, as a step at least the threshold wide, never a count (while open: as it stood at the start of the day). */
  response: responseStep.nullable(),
});
export type ResultGroup = z.infer<typeof resultGroup>;

export const participation = z.object({
  status: campaignStatus,
  minGroup: z.number().int(),
  /** While open: the day the figures are of (as they stood at its start); they change once a day at most. */
  asOf: day.nullable(),
  groups: z.array(resultGroup),
});

export const figures = z.object({
  status: groupStatus,
  respondents: z.number().int().nullable(),
  average: z.number().nullable(),
  /** agree5: how many chose 1..5; scale10: 0..10. */
  distribution: z.array(z.number().int()).nullable(),
  /** scale10: % promoters (9–10) minus % detractors (0–6). */
  promoterScore: z.number().nullable(),
});
export type Figures = z.infer<typeof figures>;

export const trendPoint = figures.extend({ campaignId: z.uuid(), title: z.string(), closesOn: day });

export const questionResult = z.object({
  questionId: z.uuid(),
  key: z.string(),
  theme: themeSchema,
  kind: kindSchema,
  text: textPair,
  figures,
  /** Open questions: the answers, in a random order, when the group reaches the text threshold (at most 300: figures.respondents says how many wrote). */
  texts: z.array(z.string()).nullable(),
  /** The same question in earlier closed campaigns, for the same group, oldest first. */
  trend: z.array(trendPoint),
});
export type QuestionResult = z.infer<typeof questionResult>;

export const themeResult = z.object({
  theme: themeSchema,
  average: z.number().nullable(),
  questions: z.number().int(),
});

export const action = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  campaignTitle: z.string(),
  questionId: z.uuid().nullable(),
  questionKey: z.string().nullable(),
  questionText: textPair.nullable(),
  groupKey: z.string(),
  groupLabel: z.string(),
  what: z.string(),
  ownerName: z.string(),
  dueOn: day,
  doneOn: day.nullable(),
  doneNote: z.string().nullable(),
  createdByName: z.string(),
  canEdit: z.boolean(),
});
export type Action = z.infer<typeof action>;

export const resultsQuery = z.object({ group: groupKey.default('org') });
export const campaignResults = z.object({
  campaign: z.object({
    id: z.uuid(),
    title: z.string(),
    opensOn: day,
    closesOn: day,
    status: campaignStatus,
    minGroup: z.number().int(),
    minTexts: z.number().int(),
  }),
  group: resultGroup,
  /** The groups the caller may look at, each with whether its results are shown. */
  groups: z.array(resultGroup),
  themes: z.array(themeResult),
  questions: z.array(questionResult),
  /** Actions written on this campaign's results for this group, and those of earlier campaigns on the same questions. */
  actions: z.array(action),
  earlierActions: z.array(action),
  /** Whether the caller may write an action for this group. */
  canAct: z.boolean(),
});
export type CampaignResults = z.infer<typeof campaignResults>;

export const mirror = z.object({
  teams: z.array(
    z.object({
      teamId: z.uuid(),
      teamName: z.string(),
      status: groupStatus,
      questions: z.array(
        z.object({
          questionId: z.uuid(),
          selfView: textPair,
          text: textPair,
          self: z.number().int().nullable(),
          team: figures,
        }),
      ),
    }),
  ),
});
export type Mirror = z.infer<typeof mirror>;

export const createActionBody = z.strictObject({
  questionId: z.uuid().nullable().default(null),
  groupKey,
  what: line(500),
  ownerMemberId: z.uuid().nullable().default(null),
  ownerName: z.union([line(120), z.literal('')]).default(''),
  dueOn: inputDay,
});
export const actionParams = z.object({ actionId: z.uuid() });
export const updateActionBody = z.strictObject({
  done: z.boolean(),
  doneNote: z.union([prose(1000), z.null()]).optional(),
});
export const actionsQuery = z.object({ campaignId: z.uuid().optional() });
export const actionList = z.object({ items: z.array(action) });
