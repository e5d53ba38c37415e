/** Teams: the list, one team with its people, making, renaming and archiving, who is in it and who manages. */
import type { Team, TeamDetail } from '../../../contracts/org.contract';
import { readTogether, type Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import { definedOnly } from '../../lib/objects';
import type { TenantContext } from '../../lib/request-context';
import * as repo from './org.repo';
import type { OrgDeps } from './org.service';

async function teamsWithManagers(db: Tx, orgId: string, rows: Awaited<ReturnType<typeof repo.selectTeams>>) {
  const people = await repo.selectTeamMemberRows(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    managers: people.filter((p) => p.teamId === r.id && p.isManager).map(({ id, name }) => ({ id, name })),
    members: people
      .filter((p) => p.teamId === r.id)
      .map(({ id, name, jobTitle, isManager }) => ({ id, name, jobTitle, isManager })),
  }));
}

export async function listTeams(deps: OrgDeps, tenant: TenantContext): Promise<Team[]> {
  const rows = await repo.selectTeams(deps.db, tenant.orgId);
  const full = await teamsWithManagers(deps.db, tenant.orgId, rows);
  return full.map(({ members: _members, ...team }) => team);
}

export async function findTeam(deps: OrgDeps, tenant: TenantContext, teamId: string): Promise<TeamDetail> {
  const rows = await repo.selectTeams(deps.db, tenant.orgId);
  const row = rows.find((r) => r.id === teamId);
  if (!row) throw notFound();
  const [team] = await teamsWithManagers(deps.db, tenant.orgId, [row]);
  return team!;
}

export async function createTeam(
  deps: OrgDeps,
  tenant: TenantContext,
  input: { name: string; description: string },
): Promise<TeamDetail> {
  const team = await deps.db.transaction(async (tx) => {
    const team = await repo.insertTeam(tx, tenant.orgId, input);
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'team.created',
      subjectType: 'team',
      subjectId: team.id,
      data: { name: input.name },
    });
    return team;
  });
  return findTeam(deps, tenant, team.id);
}

export async function updateTeam(
  deps: OrgDeps,
  tenant: TenantContext,
  teamId: string,
  input: { name?: string; description?: string },
): Promise<TeamDetail> {
  await deps.db.transaction(async (tx) => {
    const changes = definedOnly(input);
    const row = Object.keys(changes).length
      ? await repo.updateTeamRow(tx, tenant.orgId, teamId, changes)
      : await repo.selectTeam(tx, tenant.orgId, teamId);
    if (!row) throw notFound();
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'team.updated',
      subjectType: 'team',
      subjectId: teamId,
      data: input,
    });
  });
  return findTeam(deps, tenant, teamId);
}

/** Archives a team: it leaves lists and menus, its history stays. */
export async function archiveTeam(deps: OrgDeps, tenant: TenantContext, teamId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await repo.updateTeamRow(tx, tenant.orgId, teamId, { archivedAt: new Date() });
    if (!row) throw notFound();
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'team.archived',
      subjectType: 'team',
      subjectId: teamId,
    });
  });
}

export async function putTeamMember(
  deps: OrgDeps,
  tenant: TenantContext,
  teamId: string,
  memberId: string,
  input: { isManager: boolean },
): Promise<TeamDetail> {
  await deps.db.transaction(async (tx) => {
    const [team, member] = await readTogether(tx, [
      () => repo.selectTeam(tx, tenant.orgId, teamId),
      () => repo.selectMember(tx, tenant.orgId, memberId),
    ]);
    if (!team || !member) throw notFound();
    await repo.upsertTeamMember(tx, tenant.orgId, teamId, memberId, input.isManager);
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'team.member_set',
      subjectType: 'team',
      subjectId: teamId,
      data: { memberId, isManager: input.isManager },
    });
  });
  return findTeam(deps, tenant, teamId);
}

export async function removeTeamMember(
  deps: OrgDeps,
  tenant: TenantContext,
  teamId: string,
  memberId: string,
): Promise<TeamDetail> {
  await deps.db.transaction(async (tx) => {
    const team = await repo.selectTeam(tx, tenant.orgId, teamId);
    if (!team) throw notFound();
    const removed = await repo.deleteTeamMember(tx, tenant.orgId, teamId, memberId);
    if (!removed) throw notFound();
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'team.member_removed',
      subjectType: 'team',
      subjectId: teamId,
      data: { memberId },
    });
  });
  return findTeam(deps, tenant, teamId);
}
