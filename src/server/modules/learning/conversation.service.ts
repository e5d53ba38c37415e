import type {
  ConversationNote,
  ConversationView,
  Figures,
  LearningSettings,
} from '../../../contracts/learning.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { localDay, selectLocalDayStart } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { allMandates, mandateOf } from '../extras/mandates.service';
import * as org from '../org/org.service';
import { recordFigureViews } from '../privacy/figure-views.service';
import * as read from './extras.read-model';
import * as repo from './learning.repo';

// The manager's conversation view: figures of the team's giving and the customers' reactions beside
// them, as the start of a conversation about what touched the customer. Never a ranking: members come
// in name order, and per-member figures only when the organisation switched them on with the works
// council's consent. Managers see this for the teams they manage, nobody else does.

const MAX_DAYS = 366;
const STORIES_MAX = 200;
const DAYS_PER_MONTH = 365.25 / 12;

/** Only the team's own managers; a team of another organisation does not exist here. */
async function managesTeam(db: Tx, tenant: TenantContext, teamId: string) {
  if (tenant.managedTeamIds.includes(teamId)) return;
  if (!(await org.findTeamNames(db, tenant.orgId, [teamId])).size) throw notFound();
  throw forbidden();
}

export async function findSettings(db: Tx, tenant: TenantContext): Promise<LearningSettings> {
  const row = await repo.selectComparisonSetting(db, tenant.orgId);
  const names = await org.findMemberNames(db, tenant.orgId, row.by ? [row.by] : []);
  return {
    memberComparison: row.since !== null,
    since: row.since?.toISOString() ?? null,
    by: row.by ? { id: row.by, name: names.get(row.by) ?? '' } : null,
    worksCouncilAgreedOn: row.agreedOn,
    worksCouncilNote: row.note,
  };
}

export async function putSettings(
  db: Db,
  tenant: TenantContext,
  input:
    | { memberComparison: true; worksCouncilAgreedOn: string; worksCouncilNote: string }
    | { memberComparison: false },
): Promise<LearningSettings> {
  return db.transaction(async (tx) => {
    if (input.memberComparison) {
      if (input.worksCouncilAgreedOn > localDay(tenant.timeZone)) {
        throw new AppError('validation_failed', 400, {
          errors: [
            {
              path: 'body.worksCouncilAgreedOn',
              code: 'out_of_range',
              message: 'the works council cannot have agreed in the future',
            },
          ],
        });
      }
      await org.setMemberComparison(tx, tenant.orgId, {
        since: new Date(),
        by: tenant.memberId,
        agreedOn: input.worksCouncilAgreedOn,
        note: input.worksCouncilNote,
      });
      await org.recordAudit(tx, tenant, 'member_comparison.on', 'organization', tenant.orgId, {
        worksCouncilAgreedOn: input.worksCouncilAgreedOn,
        worksCouncilNote: input.worksCouncilNote,
      });
    } else {
      await org.setMemberComparison(tx, tenant.orgId, { since: null, by: null, agreedOn: null, note: null });
      await org.recordAudit(tx, tenant, 'member_comparison.off', 'organization', tenant.orgId);
    }
    return findSettings(tx, tenant);
  });
}

/** Whole days in [from, to], both included. */
function daysIn(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export async function conversationView(
  db: Db,
  tenant: TenantContext,
  teamId: string,
  from: string,
  to: string,
): Promise<ConversationView> {
  await managesTeam(db, tenant, teamId);
  const days = daysIn(from, to);
  if (days < 1 || days > MAX_DAYS) {
    throw new AppError('validation_failed', 400, {
      errors: [
        {
          path: 'querystring.to',
          code: 'out_of_range',
          message: `from must come before to, at most ${MAX_DAYS} days apart`,
        },
      ],
    });
  }
  const start = await selectLocalDayStart(db, tenant.timeZone, from, 0);
  const end = await selectLocalDayStart(db, tenant.timeZone, to, 1);
  const [setting, rows, stories, mandates] = await Promise.all([
    repo.selectComparisonSetting(db, tenant.orgId),
    read.selectTeamFigures(db, tenant.orgId, teamId, start, end),
    read.selectTeamStories(db, tenant.orgId, teamId, start, end, STORIES_MAX),
    allMandates(db, tenant.orgId),
  ]);
  const comparison = setting.since !== null;

  /** The member's mandate budget over the whole period: a weekly budget counts once per 7 days. */
  const budgetOver = (row: read.FigureRow) => {
    const mandate = mandateOf(mandates, { id: row.member_id, roles: row.roles, teamIds: row.team_ids ?? [] });
    if (!mandate) return null;
    return (mandate.budgetCents * days) / (mandate.period === 'month' ? DAYS_PER_MONTH : 7);
  };
  const figuresOf = (list: read.FigureRow[]): Figures => {
    const reactions = list.reduce((n, r) => n + r.reactions, 0);
    const scoreSum = list.reduce((n, r) => n + (r.average_reaction ?? 0) * r.reactions, 0);
    const budgets = list.map(budgetOver).filter((b): b is number => b !== null && b > 0);
    const cost = list.reduce((n, r) => n + r.cost_cents, 0);
    return {
      extras: list.reduce((n, r) => n + r.extras, 0),
      costCents: cost,
      minutes: list.reduce((n, r) => n + r.minutes, 0),
      mandateShare: budgets.length ? cost / budgets.reduce((a, b) => a + b, 0) : null,
      reactions,
      averageReaction: reactions ? scoreSum / reactions : null,
    };
  };
  const toStory = (s: (typeof stories)[number]) => ({
    extraId: s.id,
    occurredAt: s.occurredAt.toISOString(),
    occasion: s.occasion,
    action: s.action,
    kind: s.kind,
    costCents: s.costCents,
    reactionText: s.reactionText,
    reactionScore: s.reactionScore,
  });

  let members: ConversationView['members'] = null;
  if (comparison) {
    const names = await org.findMemberNames(
      db,
      tenant.orgId,
      rows.map((r) => r.member_id),
    );
    members = rows
      .map((r) => ({
        ...figuresOf([r]),
        member: { id: r.member_id, name: names.get(r.member_id) ?? '' },
        stories: stories.filter((s) => s.memberId === r.member_id).map(toStory),
      }))
      .sort((a, b) => a.member.name.localeCompare(b.member.name, 'nl'));
    // Each member whose own figures were shown can read that this manager looked.
    await recordFigureViews(
      db,
      tenant,
      'conversation',
      members.map((m) => m.member.id),
      teamId,
    );
  }
  return {
    teamId,
    from,
    to,
    memberComparison: comparison,
    team: {
      ...figuresOf(rows),
      members: rows.length,
      stories: stories.filter((s) => rows.some((r) => r.member_id === s.memberId)).map(toStory),
    },
    members,
  };
}

// ---------- notes ----------

async function toNotes(
  db: Tx,
  orgId: string,
  rows: Awaited<ReturnType<typeof repo.selectNotes>>,
): Promise<ConversationNote[]> {
  const names = await org.findMemberNames(
    db,
    orgId,
    rows.flatMap((r) => [r.managerId, r.memberId]),
  );
  const person = (id: string) => ({ id, name: names.get(id) ?? '' });
  return rows.map((r) => ({
    id: r.id,
    teamId: r.teamId,
    manager: person(r.managerId),
    member: person(r.memberId),
    body: r.body,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A manager's notes about one member of a team they manage: only the notes this manager wrote. */
export async function listNotes(
  db: Db,
  tenant: TenantContext,
  teamId: string,
  memberId: string,
): Promise<ConversationNote[]> {
  await managesTeam(db, tenant, teamId);
  return toNotes(db, tenant.orgId, await repo.selectNotes(db, tenant.orgId, memberId, tenant.memberId));
}

/** The notes managers wrote about me. */
export async function listMyNotes(db: Db, tenant: TenantContext): Promise<ConversationNote[]> {
  return toNotes(db, tenant.orgId, await repo.selectNotes(db, tenant.orgId, tenant.memberId, null));
}

export async function addNote(
  db: Db,
  tenant: TenantContext,
  teamId: string,
  memberId: string,
  body: string,
): Promise<ConversationNote> {
  await managesTeam(db, tenant, teamId);
  return db.transaction(async (tx) => {
    const inTeam = (await org.findTeamsOfMember(tx, tenant.orgId, memberId)).some((t) => t.id === teamId);
    if (!inTeam || memberId === tenant.memberId) throw notFound();
    const row = await repo.insertNote(tx, tenant.orgId, { teamId, managerId: tenant.memberId, memberId, body });
    const [note] = await toNotes(tx, tenant.orgId, [row]);
    return note!;
  });
}

/**
 * Erases what learning holds only about a member who left (privacy's eraseMember, in its transaction):
 * the notes of their conversations and the record of the digests sent to them.
 */
export async function eraseLearningOf(tx: Tx, orgId: string, memberId: string): Promise<void> {
  await repo.deleteNotesAndDigestsOf(tx, orgId, memberId);
}
