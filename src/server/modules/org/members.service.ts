/** The organisation's members: the list, one member, roles and job title, deactivating and reactivating. */
import type { Role } from '../../../contracts/constants';
import type { Member } from '../../../contracts/org.contract';
import type { Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { groupBy } from '../../lib/objects';
import type { TenantContext } from '../../lib/request-context';
import * as repo from './org.repo';
import type { OrgDeps } from './org.service';

async function withTeams(db: Tx, orgId: string, rows: repo.ListedMember[]): Promise<Member[]> {
  const teamRows = await repo.selectTeamsOfMembers(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const teamsOf = groupBy(teamRows, (t) => t.memberId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.erasedAt ? '' : r.email,
    roles: r.roles,
    jobTitle: r.jobTitle,
    status: r.status,
    teams: (teamsOf.get(r.id) ?? []).map(({ id, name, isManager }) => ({ id, name, isManager })),
    createdAt: r.createdAt,
    deactivatedAt: r.deactivatedAt,
    erasedAt: r.erasedAt,
  }));
}

export async function listMembers(
  deps: OrgDeps,
  tenant: TenantContext,
  filter: { status: 'active' | 'deactivated' | 'all'; q?: string },
): Promise<Member[]> {
  const rows = await repo.selectMembers(deps.db, tenant.orgId, filter);
  return withTeams(deps.db, tenant.orgId, rows);
}

export async function findMember(deps: Pick<OrgDeps, 'db'>, tenant: TenantContext, memberId: string): Promise<Member> {
  const row = await repo.selectMember(deps.db, tenant.orgId, memberId);
  if (!row) throw notFound();
  const [member] = await withTeams(deps.db, tenant.orgId, [
    {
      ...row,
      createdAt: row.createdAt.toISOString(),
      deactivatedAt: row.deactivatedAt?.toISOString() ?? null,
      erasedAt: row.erasedAt?.toISOString() ?? null,
    },
  ]);
  return member!;
}

async function assertAdminRemains(tx: Tx, orgId: string, losingMemberId: string) {
  const admins = await repo.lockActiveAdminIds(tx, orgId);
  if (admins.length === 1 && admins[0] === losingMemberId) throw new AppError('last_admin', 409);
}

export async function updateMember(
  deps: OrgDeps,
  tenant: TenantContext,
  memberId: string,
  input: { roles?: Role[]; jobTitle?: string | null },
): Promise<Member> {
  await deps.db.transaction(async (tx) => {
    const current = await repo.selectMember(tx, tenant.orgId, memberId);
    if (!current) throw notFound();
    if (current.erasedAt) throw new AppError('member_erased', 409);
    if (
      input.roles &&
      current.roles.includes('admin') &&
      !input.roles.includes('admin') &&
      current.status === 'active'
    ) {
      await assertAdminRemains(tx, tenant.orgId, memberId);
    }
    const changes = {
      ...(input.roles ? { roles: input.roles } : {}),
      ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle || null } : {}),
    };
    if (Object.keys(changes).length === 0) return;
    await repo.updateMemberRow(tx, tenant.orgId, memberId, changes);
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'member.updated',
      subjectType: 'member',
      subjectId: memberId,
      data: { before: { roles: current.roles, jobTitle: current.jobTitle }, after: input },
    });
  });
  return findMember(deps, tenant, memberId);
}

/** A deactivated member cannot sign in to this organisation; everything they did stays. */
export async function deactivateMember(deps: OrgDeps, tenant: TenantContext, memberId: string): Promise<Member> {
  await deps.db.transaction(async (tx) => {
    const current = await repo.selectMember(tx, tenant.orgId, memberId);
    if (!current) throw notFound();
    if (current.status === 'deactivated') return;
    if (current.roles.includes('admin')) await assertAdminRemains(tx, tenant.orgId, memberId);
    await repo.updateMemberRow(tx, tenant.orgId, memberId, { status: 'deactivated', deactivatedAt: new Date() });
    await repo.deleteSessionsInOrg(tx, tenant.orgId, current.userId);
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'member.deactivated',
      subjectType: 'member',
      subjectId: memberId,
    });
  });
  return findMember(deps, tenant, memberId);
}

export async function reactivateMember(deps: OrgDeps, tenant: TenantContext, memberId: string): Promise<Member> {
  await deps.db.transaction(async (tx) => {
    const current = await repo.selectMember(tx, tenant.orgId, memberId);
    if (!current) throw notFound();
    if (current.erasedAt) throw new AppError('member_erased', 409);
    if (current.status === 'active') return;
    await repo.updateMemberRow(tx, tenant.orgId, memberId, { status: 'active', deactivatedAt: null });
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'member.reactivated',
      subjectType: 'member',
      subjectId: memberId,
    });
  });
  return findMember(deps, tenant, memberId);
}

/**
 * Erases a member who left (privacy's eraseMember, in its transaction): the member row is tied to the
 * placeholder identity and marked erased; team places, invitations to their address and that address in
 * the audit trail go.
 */
export async function eraseMembership(
  tx: Tx,
  orgId: string,
  memberId: string,
  person: { placeholderUserId: string; email: string },
): Promise<void> {
  await repo.eraseMemberRows(tx, orgId, memberId, person);
}
