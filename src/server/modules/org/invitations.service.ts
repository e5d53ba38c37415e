/** Invitations: making, mailing, resending and revoking them, and joining the organisation by one. */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Language, Role } from '../../../contracts/constants';
import type { Invitation } from '../../../contracts/org.contract';
import type { Db, Tx } from '../../db/client';
import { AppError, notFound } from '../../lib/app-error';
import { translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import * as repo from './org.repo';
import { findTeamNames, type OrgDeps } from './org.service';

export const INVITATION_DAYS = 7;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

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
