import { z } from 'zod';

// The home of each person: what waits for them today (their inbox), and the first run of a new organisation.

const day = z.iso.date();

/** The steps of setting up a new organisation, in the order the checklist walks them. */
export const SETUP_STEPS = ['purpose', 'values', 'offerings', 'teams', 'mandates', 'invitations'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const setupStepState = z.object({
  step: z.enum(SETUP_STEPS),
  /** Read from the organisation's own data (a purpose written, a value, an offering, a team, a mandate, an invitation). */
  done: z.boolean(),
  /** An administrator chose to skip it for now. */
  skipped: z.boolean(),
});

export const setup = z.object({
  steps: z.array(setupStepState),
  /** Every step done or skipped. */
  finished: z.boolean(),
});
export type Setup = z.infer<typeof setup>;

export const setupStepBody = z.strictObject({ step: z.enum(SETUP_STEPS), skipped: z.boolean() });

const teamStep = z.object({
  promiseId: z.uuid(),
  stepId: z.uuid(),
  what: z.string(),
  promiseWhat: z.string(),
  customer: z.string(),
  teamName: z.string(),
  dueDate: day,
  late: z.boolean(),
  /** Due today or tomorrow, not yet taken up. */
  atRisk: z.boolean(),
});

export const inbox = z.object({
  /** Managers: very negative reactions to follow up, of the teams they lead, the latest due first. */
  followups: z
    .object({
      count: z.number().int(),
      late: z.number().int(),
      items: z.array(
        z.object({
          id: z.uuid(),
          teamName: z.string().nullable(),
          score: z.number().int(),
          comment: z.string().nullable(),
          dueOn: day,
          /** Days past the due date; 0 while not late. */
          daysLate: z.number().int(),
        }),
      ),
    })
    .nullable(),
  /** Managers: extras above the mandate in their teams that they have not looked at yet. */
  aboveMandate: z
    .object({
      count: z.number().int(),
      items: z.array(
        z.object({
          notificationId: z.uuid(),
          extraId: z.uuid(),
          memberName: z.string(),
          occasion: z.string(),
          costCents: z.number().int(),
          at: z.iso.datetime(),
        }),
      ),
    })
    .nullable(),
  /** Managers: the teams they lead whose weekly pick is not chosen yet while there are stories to choose from. */
  weeklyPicks: z
    .array(z.object({ teamId: z.uuid(), teamName: z.string(), weekStart: day, stories: z.number().int() }))
    .nullable(),
  /** Directors: proposals waiting for a decision, oldest first. */
  decisions: z
    .object({
      count: z.number().int(),
      items: z.array(
        z.object({
          id: z.uuid(),
          title: z.string(),
          authorName: z.string(),
          flagged: z.boolean(),
          daysWaiting: z.number(),
        }),
      ),
    })
    .nullable(),
  /** Directors: the last 28 days against the 28 before. */
  changes: z
    .object({
      extras: z.object({ now: z.number().int(), before: z.number().int() }),
      reactions: z.object({ now: z.number().int(), before: z.number().int() }),
      averageReaction: z.object({ now: z.number().nullable(), before: z.number().nullable() }),
      keptShare: z.object({ now: z.number().nullable(), before: z.number().nullable() }),
      promisesAtRisk: z.number().int(),
    })
    .nullable(),
  /** Everyone asked: open rounds of core questions still waiting for their own answers (never anyone else's). */
  rounds: z.array(z.object({ id: z.uuid(), title: z.string(), closesOn: day })),
  /**
   * The open steps of my teams' promises. A member sees a step that became late before they joined
   * only as "open", never as late work of theirs; managers see every late step of their teams.
   */
  steps: z
    .object({
      open: z.number().int(),
      late: z.number().int(),
      atRisk: z.number().int(),
      items: z.array(teamStep),
    })
    .nullable(),
  /** Administrators of an organisation still being set up: the first-run checklist. */
  setup: setup.nullable(),
});
export type Inbox = z.infer<typeof inbox>;
