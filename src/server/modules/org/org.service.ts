/**
 * The org module's service: the organisation itself (settings, the first run) and what other modules ask
 * of it (memberships, names, managers, the audit log). Members, invitations and teams each have their own
 * service beside this one.
 */
import type { Language, Role } from '../../../contracts/constants';
import type { Organization } from '../../../contracts/org.contract';
import type { Db, Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import * as repo from './org.repo';

/** The secret: an invitation's link is derived from it, so the inviter can copy it again while mail is off. */
export type OrgDeps = Pick<Deps, 'db' | 'mailer' | 'appUrl' | 'secret'>;

function toOrganization(row: NonNullable<Awaited<ReturnType<typeof repo.selectOrganization>>>): Organization {
  return {
    id: row.id,
    name: row.name,
    defaultLanguage: row.defaultLanguage,
    currency: 'EUR',
    timeZone: row.timeZone,
    resultsMinGroup: row.resultsMinGroup,
    resultsMinTexts: row.resultsMinTexts,
    resultsVisibility: row.resultsVisibility,
    contactKeepDays: row.contactKeepDays,
    customerKeepDays: row.customerKeepDays,
    viewLogKeepDays: row.viewLogKeepDays,
  };
}

// ---------- used by other modules (the access plugin, auth) ----------

export function findActiveMembership(db: Tx, orgId: string, userId: string) {
  return repo.selectActiveMembership(db, orgId, userId);
}

export function listMembershipsOfUser(db: Tx, userId: string) {
  return repo.selectMembershipsOfUser(db, userId);
}

/** The person's membership row in this organisation, whatever its status (single sign-on decides on it). */
export function findMembershipOfUser(db: Tx, orgId: string, userId: string) {
  return repo.selectMemberByUser(db, orgId, userId);
}

/**
 * Someone who signed in with the organisation's identity provider joins as a member (provisioning
 * 'member', or an administrator approved them: `approvedBy`). An existing membership is left as it is.
 */
export async function joinBySingleSignOn(db: Db, orgId: string, userId: string, approvedBy: string | null) {
  return db.transaction(async (tx) => {
    const existing = await repo.selectMemberByUser(tx, orgId, userId);
    if (existing) return existing;
    const member = await repo.insertMember(tx, orgId, { userId, roles: ['member'] });
    await repo.insertAudit(tx, orgId, {
      actorMemberId: approvedBy ?? member.id,
      action: approvedBy ? 'sso.join_approved' : 'sso.joined',
      subjectType: 'member',
      subjectId: member.id,
    });
    return member;
  });
}

export async function findTeamsOfMember(db: Tx, orgId: string, memberId: string) {
  const rows = await repo.selectTeamsOfMembers(db, orgId, [memberId]);
  return rows.map(({ id, name, isManager }) => ({ id, name, isManager }));
}

/** Active managers of any of these teams (for notifications and access checks of other modules). */
export async function findManagerIdsOfTeams(db: Tx, orgId: string, teamIds: string[]): Promise<string[]> {
  const rows = await repo.selectTeamMemberRows(db, orgId, teamIds);
  return [...new Set(rows.filter((r) => r.isManager).map((r) => r.id))];
}

/** The organisation's active directors (told of what has no team, or what is for the board). */
export function findDirectorIds(db: Tx, orgId: string): Promise<string[]> {
  return repo.selectActiveIdsWithRole(db, orgId, 'director');
}

/** When a member joined the organisation (their membership was made), or null for an unknown id. */
export function findMemberJoinedAt(db: Tx, orgId: string, memberId: string): Promise<Date | null> {
  return repo.selectMemberCreatedAt(db, orgId, memberId);
}

/** Display names of members by id (deactivated members keep their name). */
export async function findMemberNames(db: Tx, orgId: string, memberIds: string[]): Promise<Map<string, string>> {
  const rows = await repo.selectMemberNames(db, orgId, [...new Set(memberIds)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Team names by id, archived teams included. */
export async function findTeamNames(db: Tx, orgId: string, teamIds: string[]): Promise<Map<string, string>> {
  const rows = await repo.selectTeamNames(db, orgId, [...new Set(teamIds)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Whether an administrator switched per-member figures on, recording the works council's consent
 * (the gate every per-member figure, filter and export passes; see privacy/figure-views.service.ts).
 */
/** Learning's member comparison: on (since, by whom, the works council's consent) or off (all null). */
export async function setMemberComparison(
  db: Tx,
  orgId: string,
  values: { since: Date | null; by: string | null; agreedOn: string | null; note: string | null },
): Promise<void> {
  await repo.updateComparisonSetting(db, orgId, values);
}

/** Whether the member wants the weekly digest e-mail (learning's digest.service.ts). */
export async function setDigestOptOut(db: Tx, orgId: string, memberId: string, optOut: boolean): Promise<void> {
  await repo.updateDigestOptOut(db, orgId, memberId, optOut);
}

export async function isMemberComparisonOn(db: Tx, orgId: string): Promise<boolean> {
  const row = await repo.selectOrganization(db, orgId);
  return Boolean(row?.memberComparisonSince);
}

/** Active people with their names and roles (who holds which role, for the staff privacy statement). */
export async function findRoleHolders(db: Tx, orgId: string): Promise<{ id: string; name: string; roles: Role[] }[]> {
  const rows = await repo.selectMembers(db, orgId, { status: 'active' });
  return rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles }));
}

export async function createOrganization(
  db: Db,
  input: { name: string; defaultLanguage: Language; founderUserId: string; founderRoles: Role[] },
) {
  return db.transaction(async (tx) => {
    const org = await repo.insertOrganization(tx, { name: input.name, defaultLanguage: input.defaultLanguage });
    const member = await repo.insertMember(tx, org.id, { userId: input.founderUserId, roles: input.founderRoles });
    await repo.insertAudit(tx, org.id, {
      actorMemberId: member.id,
      action: 'organization.created',
      subjectType: 'organization',
      subjectId: org.id,
    });
    return { org: toOrganization(org), member };
  });
}

/** An audit entry by the calling member, for any module. */
export function recordAudit(
  tx: Tx,
  tenant: TenantContext,
  action: string,
  subjectType: string,
  subjectId: string,
  data?: Record<string, unknown>,
) {
  return repo.insertAudit(tx, tenant.orgId, { actorMemberId: tenant.memberId, action, subjectType, subjectId, data });
}

// ---------- organisation ----------

export async function findOrganization(deps: Pick<OrgDeps, 'db'>, tenant: TenantContext): Promise<Organization> {
  const row = await repo.selectOrganization(deps.db, tenant.orgId);
  if (!row) throw notFound();
  return toOrganization(row);
}

export async function updateOrganization(
  deps: OrgDeps,
  tenant: TenantContext,
  input: Parameters<typeof repo.updateOrganizationRow>[2],
): Promise<Organization> {
  return deps.db.transaction(async (tx) => {
    const row = await repo.updateOrganizationRow(tx, tenant.orgId, input);
    if (!row) throw notFound();
    // The day sums of extras count local days: another time zone moves extras to other days.
    if (input.timeZone !== undefined) await repo.rebuildDaySums(tx, tenant.orgId);
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'organization.updated',
      subjectType: 'organization',
      subjectId: tenant.orgId,
      data: input,
    });
    return toOrganization(row);
  });
}

// ---------- the first run (read by the home module) ----------

/** True while the server holds no organisation at all: `/` then leads to creating one. */
export async function isEmptyInstance(db: Tx): Promise<boolean> {
  return (await repo.selectAnyOrganizationId(db)) === undefined;
}

/** The set-up steps an administrator skipped, and the organisation's counts of teams, people and invitations. */
export async function findSetupState(db: Tx, orgId: string) {
  const [org, counts] = await Promise.all([repo.selectOrganization(db, orgId), repo.selectSetupCounts(db, orgId)]);
  if (!org) throw notFound();
  return { skipped: org.setupSkipped, createdAt: org.createdAt, ...counts };
}

export async function setSetupStepSkipped(db: Db, tenant: TenantContext, step: string, skipped: boolean) {
  await db.transaction(async (tx) => {
    await repo.updateSetupSkipped(tx, tenant.orgId, step, skipped);
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: skipped ? 'setup.step_skipped' : 'setup.step_unskipped',
      subjectType: 'organization',
      subjectId: tenant.orgId,
      data: { step },
    });
  });
}
