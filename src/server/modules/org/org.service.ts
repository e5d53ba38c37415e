import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Language, Role } from '../../../contracts/constants';
import type { Invitation, Member, Organization, Team, TeamDetail } from '../../../contracts/org.contract';
import type { Db, Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import { translate } from '../../lib/i18n';
import { definedOnly } from '../../lib/objects';
import type { TenantContext } from '../../lib/request-context';
import * as repo from './org.repo';

export const INVITATION_DAYS = 7;

/** The secret: an invitation's link is derived from it, so the inviter can copy it again while mail is off. */
export type OrgDeps = Pick<Deps, 'db' | 'mailer' | 'appUrl' | 'secret'>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

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

// ---------- members ----------

async function withTeams(
  db: Tx,
  orgId: string,
  rows: Awaited<ReturnType<typeof repo.selectMembers>>,
): Promise<Member[]> {
  const teamRows = await repo.selectTeamsOfMembers(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.erasedAt ? '' : r.email,
    roles: r.roles,
    jobTitle: r.jobTitle,
    status: r.status,
    teams: teamRows.filter((t) => t.memberId === r.id).map(({ id, name, isManager }) => ({ id, name, isManager })),
    createdAt: r.createdAt.toISOString(),
    deactivatedAt: r.deactivatedAt?.toISOString() ?? null,
    erasedAt: r.erasedAt?.toISOString() ?? null,
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
  const [member] = await withTeams(deps.db, tenant.orgId, [row]);
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

// ---------- invitations ----------

type InvitationRow = Awaited<ReturnType<typeof repo.selectPendingInvitations>>[number];

/**
 * The token of an invitation's link, derived from the secret, the invitation and its expiry (a resend
 * sets a new expiry, so a new token, and the old link stops working). Only its hash is stored, as before;
 * deriving it lets an administrator copy the link again when no mail went out.
 */
function invitationToken(secret: string, orgId: string, invitationId: string, expiresAt: Date): string {
  return createHmac('sha256', secret)
    .update(`invitation-link:${orgId}:${invitationId}:${expiresAt.toISOString()}`)
    .digest('base64url');
}

function toInvitation(deps: OrgDeps, row: InvitationRow, teamNames: Map<string, string>): Invitation {
  // The link is shown only while no mail went out, and only when it is the one whose hash is stored
  // (an invitation made before links were derived has a random token that cannot be shown again).
  const token = row.mailedAt ? null : invitationToken(deps.secret, row.orgId, row.id, row.expiresAt);
  const link = token && hashToken(token) === row.tokenHash ? invitationLink(deps.appUrl, token) : null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    teamIds: row.teamIds,
    teams: row.teamIds.flatMap((id) => (teamNames.has(id) ? [{ id, name: teamNames.get(id)! }] : [])),
    mailedAt: row.mailedAt?.toISOString() ?? null,
    link,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

async function toInvitations(deps: OrgDeps, orgId: string, rows: InvitationRow[]): Promise<Invitation[]> {
  const teamNames = await findTeamNames(deps.db, orgId, [...new Set(rows.flatMap((r) => r.teamIds))]);
  return rows.map((row) => toInvitation(deps, row, teamNames));
}

export function invitationLink(appUrl: string, token: string): string {
  // The token travels in the fragment: browsers never send it to the server, so it never lands in a log.
  return `${appUrl}/invite#token=${token}`;
}

/**
 * E-mails the invitation when mail is on, and records that it went; without SMTP (or when the mail
 * server refuses) nothing is recorded and the inviter is given the link to pass on instead.
 */
async function sendInvitationMail(
  deps: OrgDeps,
  orgId: string,
  input: {
    invitationId: string;
    email: string;
    name: string;
    organizationName: string;
    inviterName: string;
    token: string;
    language: Language;
  },
): Promise<Date | null> {
  const vars = {
    name: input.name || input.email,
    organization: input.organizationName,
    inviter: input.inviterName,
    link: invitationLink(deps.appUrl, input.token),
    days: String(INVITATION_DAYS),
  };
  const mail = {
    to: input.email,
    subject: translate(input.language, 'mail.invitation.subject', vars),
    text: translate(input.language, 'mail.invitation.body', vars),
  };
  if (!deps.mailer.delivers) {
    // Still written to the log, as before, for whoever runs the server.
    await deps.mailer.send(mail);
    return null;
  }
  try {
    await deps.mailer.send(mail);
  } catch {
    return null;
  }
  const mailedAt = new Date();
  await repo.updateInvitationRow(deps.db, orgId, input.invitationId, { mailedAt });
  return mailedAt;
}

export async function listInvitations(deps: OrgDeps, tenant: TenantContext): Promise<Invitation[]> {
  return toInvitations(deps, tenant.orgId, await repo.selectPendingInvitations(deps.db, tenant.orgId));
}

export async function inviteMember(
  deps: OrgDeps,
  tenant: TenantContext,
  inviter: { name: string },
  input: { email: string; name: string; roles: Role[]; teamIds: string[]; language?: Language },
): Promise<Invitation> {
  const { invitation, org, token } = await deps.db.transaction(async (tx) => {
    const org = await repo.selectOrganization(tx, tenant.orgId);
    if (!org) throw notFound();
    return { org, ...(await createInvitation(deps, tx, tenant, input)) };
  });
  return mailInvitation(deps, tenant.orgId, invitation, token, {
    organizationName: org.name,
    inviterName: inviter.name,
    language: input.language ?? org.defaultLanguage,
  });
}

/**
 * Writes an invitation inside the caller's transaction (a bulk import makes all its rows in one):
 * refused for an active member, an earlier open invitation to the address is revoked. Returns the row
 * and the token of its link, to be mailed after the transaction with mailInvitation.
 */
export async function createInvitation(
  deps: Pick<OrgDeps, 'secret'>,
  tx: Tx,
  tenant: TenantContext,
  input: { email: string; name: string; roles: Role[]; teamIds: string[] },
) {
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const token = invitationToken(deps.secret, tenant.orgId, id, expiresAt);
  const existing = await repo.selectMembers(tx, tenant.orgId, { status: 'all', q: input.email });
  if (existing.some((m) => m.email === input.email && m.status === 'active')) {
    throw new AppError('conflict', 409, { detail: 'already a member' });
  }
  const teamIds = await repo.selectExistingTeamIds(tx, tenant.orgId, input.teamIds);
  if (teamIds.length !== new Set(input.teamIds).size) throw notFound();
  await repo.revokePendingInvitationsFor(tx, tenant.orgId, input.email);
  const invitation = await repo.insertInvitation(tx, tenant.orgId, {
    id,
    email: input.email,
    name: input.name,
    roles: input.roles,
    teamIds,
    tokenHash: hashToken(token),
    invitedBy: tenant.memberId,
    expiresAt,
  });
  await repo.insertAudit(tx, tenant.orgId, {
    actorMemberId: tenant.memberId,
    action: 'invitation.created',
    subjectType: 'invitation',
    subjectId: invitation.id,
    data: { email: input.email, roles: input.roles },
  });
  return { invitation, token };
}

/** Mails an invitation written by createInvitation; `mailedAt` in the answer says whether it really went. */
export async function mailInvitation(
  deps: OrgDeps,
  orgId: string,
  invitation: InvitationRow,
  token: string,
  context: { organizationName: string; inviterName: string; language: Language },
): Promise<Invitation> {
  const mailedAt = await sendInvitationMail(deps, orgId, {
    invitationId: invitation.id,
    email: invitation.email,
    name: invitation.name,
    organizationName: context.organizationName,
    inviterName: context.inviterName,
    token,
    language: context.language,
  });
  const [dto] = await toInvitations(deps, orgId, [{ ...invitation, mailedAt }]);
  return dto!;
}

/** The addresses among these with an invitation that is still open (not accepted, revoked nor expired). */
export async function findOpenInvitationEmails(db: Tx, orgId: string, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const open = await repo.selectPendingInvitations(db, orgId);
  const wanted = new Set(emails);
  return new Set(open.map((i) => i.email.toLowerCase()).filter((e) => wanted.has(e)));
}

/** Sends the invitation again with a fresh link (the old link stops working) and a fresh expiry. */
export async function resendInvitation(
  deps: OrgDeps,
  tenant: TenantContext,
  inviter: { name: string },
  invitationId: string,
): Promise<Invitation> {
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const token = invitationToken(deps.secret, tenant.orgId, invitationId, expiresAt);
  const { row, org } = await deps.db.transaction(async (tx) => {
    const current = await repo.selectInvitation(tx, tenant.orgId, invitationId);
    if (!current || current.acceptedAt || current.revokedAt) throw notFound();
    const row = await repo.updateInvitationRow(tx, tenant.orgId, invitationId, {
      tokenHash: hashToken(token),
      expiresAt,
      mailedAt: null,
    });
    const org = await repo.selectOrganization(tx, tenant.orgId);
    return { row: row!, org: org! };
  });
  const mailedAt = await sendInvitationMail(deps, tenant.orgId, {
    invitationId,
    email: row.email,
    name: row.name,
    organizationName: org.name,
    inviterName: inviter.name,
    token,
    language: org.defaultLanguage,
  });
  const [dto] = await toInvitations(deps, tenant.orgId, [{ ...row, mailedAt }]);
  return dto!;
}

export async function revokeInvitation(deps: OrgDeps, tenant: TenantContext, invitationId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const current = await repo.selectInvitation(tx, tenant.orgId, invitationId);
    if (!current || current.acceptedAt) throw notFound();
    if (current.revokedAt) return;
    await repo.updateInvitationRow(tx, tenant.orgId, invitationId, { revokedAt: new Date() });
    await repo.insertAudit(tx, tenant.orgId, {
      actorMemberId: tenant.memberId,
      action: 'invitation.revoked',
      subjectType: 'invitation',
      subjectId: invitationId,
    });
  });
}

/** Finds the invitation behind a token, or says exactly why it cannot be used. */
export async function findUsableInvitation(db: Tx, token: string) {
  const found = await repo.selectInvitationByTokenHash(db, hashToken(token));
  if (!found || found.invitation.revokedAt || found.invitation.acceptedAt) throw new AppError('invalid_token', 400);
  if (found.invitation.expiresAt <= new Date()) throw new AppError('invitation_expired', 410);
  return found;
}

export function claimInvitation(db: Tx, orgId: string, invitationId: string) {
  return repo.claimInvitation(db, orgId, invitationId);
}

export function releaseInvitation(db: Tx, orgId: string, invitationId: string) {
  return repo.updateInvitationRow(db, orgId, invitationId, { acceptedAt: null });
}

/** Makes the person a member as the invitation says; a former member who is invited again is reactivated. */
export async function joinByInvitation(
  db: Db,
  invitation: { orgId: string; id: string; roles: Role[]; teamIds: string[] },
  userId: string,
) {
  return db.transaction(async (tx) => {
    const existing = await repo.selectMemberByUser(tx, invitation.orgId, userId);
    const member = existing
      ? await repo.updateMemberRow(tx, invitation.orgId, existing.id, {
          status: 'active',
          deactivatedAt: null,
          roles: invitation.roles,
        })
      : await repo.insertMember(tx, invitation.orgId, { userId, roles: invitation.roles });
    const teamIds = await repo.selectExistingTeamIds(tx, invitation.orgId, invitation.teamIds);
    for (const teamId of teamIds) await repo.upsertTeamMember(tx, invitation.orgId, teamId, member!.id, false);
    await repo.insertAudit(tx, invitation.orgId, {
      actorMemberId: member!.id,
      action: 'invitation.accepted',
      subjectType: 'invitation',
      subjectId: invitation.id,
    });
    return member!;
  });
}

// ---------- teams ----------

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
    const [team, member] = await Promise.all([
      repo.selectTeam(tx, tenant.orgId, teamId),
      repo.selectMember(tx, tenant.orgId, memberId),
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
