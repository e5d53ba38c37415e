import type { CreateThanksBody, Thanks, ThanksPage } from '../../../contracts/thanks.contract';
import { type Db, readTogether, type Tx } from '../../db/client';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { type IdempotentResult, runIdempotent } from '../../lib/idempotency';
import type { TenantContext } from '../../lib/request-context';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers } from '../notifications/notifications.service';
import * as org from '../org/org.service';
import * as values from '../values/values.service';
import * as repo from './thanks.repo';

// Thanks between colleagues and teams: any active member thanks a colleague (never themselves, never
// someone who left) or a team of the organisation, in words and optionally with a value. The one
// thanked hears of it; the team feed and the chain read them. No tally per person anywhere.

const fieldError = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

/** Who may read a team's thanks: its members and managers, and directors (as with the team feed). */
function readsTeam(tenant: TenantContext, teamId: string) {
  return tenant.teamIds.includes(teamId) || tenant.managedTeamIds.includes(teamId) || tenant.roles.includes('director');
}

async function toThanks(db: Tx, tenant: TenantContext, rows: repo.ThanksRow[]): Promise<Thanks[]> {
  const [people, teams, valueNames] = await readTogether(db, [
    () =>
      org.findMemberNames(
        db,
        tenant.orgId,
        rows.flatMap((r) => [r.fromMemberId, ...(r.toMemberId ? [r.toMemberId] : [])]),
      ),
    () =>
      org.findTeamNames(
        db,
        tenant.orgId,
        rows.flatMap((r) => [r.fromTeamId, r.toTeamId].filter((id): id is string => id !== null)),
      ),
    async () => (rows.some((r) => r.valueId) ? values.listValueNames(db, tenant.orgId) : new Map<string, string>()),
  ]);
  const ref = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return rows.map((r) => ({
    id: r.id,
    from: { id: r.fromMemberId, name: people.get(r.fromMemberId) ?? '' },
    fromTeam: ref(teams, r.fromTeamId),
    toMember: ref(people, r.toMemberId),
    toTeam: ref(teams, r.toTeamId),
    words: r.words,
    value: ref(valueNames, r.valueId),
    createdAt: r.createdAt.toISOString(),
    mine: r.fromMemberId === tenant.memberId,
  }));
}

/** Checks whom the thanks go to; returns who is told of them. */
async function recipients(tx: Tx, tenant: TenantContext, body: CreateThanksBody): Promise<string[]> {
  if (body.toMemberId) {
    if (body.toMemberId === tenant.memberId) throw new AppError('thanks_to_self', 409);
    const target = await repo.selectMemberStatus(tx, tenant.orgId, body.toMemberId);
    if (!target) throw notFound();
    if (target.status !== 'active' || target.erasedAt) throw new AppError('member_inactive', 409);
    return [body.toMemberId];
  }
  const teamId = body.toTeamId!;
  if (!(await repo.selectActiveTeam(tx, tenant.orgId, teamId))) throw notFound();
  return (await repo.selectActiveTeamMemberIds(tx, tenant.orgId, teamId)).filter((id) => id !== tenant.memberId);
}

/** The thanker's team the thanks come from: the one named (theirs), or their first. */
function fromTeamOf(tenant: TenantContext, fromTeamId: string | undefined): string | null {
  const own = [...new Set([...tenant.teamIds, ...tenant.managedTeamIds])];
  if (fromTeamId === undefined) return own[0] ?? null;
  if (!own.includes(fromTeamId)) throw fieldError('body.fromTeamId', 'not_your_team', 'not one of your teams');
  return fromTeamId;
}

export async function giveThanks(
  db: Db,
  tenant: TenantContext,
  body: CreateThanksBody,
  idempotencyKey: string | undefined,
): Promise<IdempotentResult<Thanks>> {
  return runIdempotent(
    db,
    { orgId: tenant.orgId, memberId: tenant.memberId, key: idempotencyKey, request: body },
    async (tx) => {
      const told = await recipients(tx, tenant, body);
      const fromTeamId = fromTeamOf(tenant, body.fromTeamId);
      const valueId = body.valueId ?? null;
      if (valueId && (await values.filterActiveValueIds(tx, tenant.orgId, [valueId])).length === 0) {
        throw fieldError('body.valueId', 'unknown_value', 'not an active value of the organisation');
      }
      const row = await repo.insertThanks(tx, {
        orgId: tenant.orgId,
        fromMemberId: tenant.memberId,
        fromTeamId,
        toMemberId: body.toMemberId ?? null,
        toTeamId: body.toTeamId ?? null,
        words: body.words,
        valueId,
      });
      const [shown] = await toThanks(tx, tenant, [row]);
      await notifyMembers(tx, tenant.orgId, told, 'thanks_received', {
        thanksId: row.id,
        fromMemberId: tenant.memberId,
        fromName: shown!.from.name,
        toTeamId: row.toTeamId,
        toTeamName: shown!.toTeam?.name ?? null,
        words: row.words,
      });
      // Thanks are praise meant to be seen: the organisation may post them in a team channel.
      await emitEvent(tx, tenant.orgId, 'thanks.given', {
        thanksId: row.id,
        from: shown!.from.name,
        to: shown!.toTeam?.name ?? shown!.toMember?.name ?? '',
        words: row.words,
      });
      return { status: 201, body: shown! };
    },
  );
}

/** The thanker takes their thanks back (a slip, the wrong person). */
export async function takeBack(db: Db, tenant: TenantContext, thanksId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await repo.selectThanks(tx, tenant.orgId, thanksId);
    if (!row) throw notFound();
    if (row.fromMemberId !== tenant.memberId) throw forbidden();
    await repo.deleteThanks(tx, tenant.orgId, thanksId);
  });
}

async function toPage(db: Tx, tenant: TenantContext, rows: repo.PagedThanksRow[], limit: number): Promise<ThanksPage> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: await toThanks(db, tenant, shown),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}

/** The team's thanks for its feed: to the team and its members, and from it. */
export async function teamThanks(
  db: Db,
  tenant: TenantContext,
  teamId: string,
  query: { limit: number; cursor?: string },
): Promise<ThanksPage> {
  const names = await org.findTeamNames(db, tenant.orgId, [teamId]);
  if (!names.size) throw notFound();
  if (!readsTeam(tenant, teamId)) throw forbidden();
  const rows = await repo.selectTeamThanks(db, tenant.orgId, teamId, query.limit + 1, decodeCursor(query.cursor));
  return toPage(db, tenant, rows, query.limit);
}

/** Thanks the caller received: to them and to their teams (not those they wrote themselves). */
export async function receivedThanks(
  db: Db,
  tenant: TenantContext,
  query: { limit: number; cursor?: string },
): Promise<ThanksPage> {
  const teamIds = [...new Set([...tenant.teamIds, ...tenant.managedTeamIds])];
  const rows = await repo.selectReceivedThanks(
    db,
    tenant.orgId,
    tenant.memberId,
    teamIds,
    query.limit + 1,
    decodeCursor(query.cursor),
  );
  return toPage(db, tenant, rows, query.limit);
}
