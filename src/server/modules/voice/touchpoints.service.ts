import type { z } from 'zod';
import type {
  createTouchpointBody,
  Touchpoint,
  updateTouchpointBody,
  VoiceLink,
} from '../../../contracts/voice.contract';
import type { Tx } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { findTeamNames, recordAudit } from '../org/org.service';
import { extraSubject, promiseSubject } from './subjects.read-model';
import {
  countLinkReactions,
  insertLink,
  insertTouchpoint,
  isActiveTeam,
  type LinkRow,
  lockTouchpoint,
  revokeTouchpointLinks,
  selectLink,
  selectLinkOf,
  selectTouchpointLinks,
  selectTouchpoints,
  updateTouchpointRow,
} from './touchpoints.repo';
import { invalid, leads, linkUrl, newToken, steering, type VoiceDeps } from './voice.rules';

// Links and QR codes for an extra, a promise or a touchpoint, and the touchpoints themselves.

// ---------- links ----------

async function toVoiceLink(db: Tx, appUrl: string, row: LinkRow): Promise<VoiceLink> {
  return {
    id: row.id,
    url: linkUrl(appUrl, row.token),
    subject: row.subject,
    reactions: await countLinkReactions(db, row.orgId, row.id),
  };
}

/** The link of an extra: its author, a manager of its team, or a director makes (or finds) it. One per extra. */
export async function linkForExtra(deps: VoiceDeps, tenant: TenantContext, extraId: string): Promise<VoiceLink> {
  const extra = await extraSubject(deps.db, tenant.orgId, extraId);
  if (!extra) throw notFound();
  if (extra.member_id !== tenant.memberId && !steering(tenant) && !leads(tenant, extra.team_ids)) throw notFound();
  return findOrMakeLink(deps, tenant, { subject: 'extra', extraId });
}

/** The link of a promise: its maker, a member of the delivering team, or a director. One per promise. */
export async function linkForPromise(deps: VoiceDeps, tenant: TenantContext, promiseId: string): Promise<VoiceLink> {
  const promise = await promiseSubject(deps.db, tenant.orgId, promiseId);
  if (!promise) throw notFound();
  if (promise.made_by !== tenant.memberId && !steering(tenant) && !tenant.teamIds.includes(promise.owner_team_id))
    throw notFound();
  return findOrMakeLink(deps, tenant, { subject: 'promise', promiseId });
}

async function findOrMakeLink(
  deps: VoiceDeps,
  tenant: TenantContext,
  subject: { subject: 'extra'; extraId: string } | { subject: 'promise'; promiseId: string },
) {
  const id = subject.subject === 'extra' ? subject.extraId : subject.promiseId;
  await insertLink(deps.db, tenant.orgId, { token: newToken(), createdBy: tenant.memberId, ...subject }, true);
  const row = await selectLinkOf(deps.db, tenant.orgId, subject.subject, id);
  return toVoiceLink(deps.db, deps.appUrl, row!);
}

/** Who may print a link's QR code: whoever may make it (see above), and leaders for touchpoints. */
export async function usableLink(
  deps: VoiceDeps,
  tenant: TenantContext,
  linkId: string,
): Promise<LinkRow & { url: string }> {
  const row = await selectLink(deps.db, tenant.orgId, linkId);
  if (!row || row.revokedAt) throw notFound();
  if (row.extraId) await linkForExtra(deps, tenant, row.extraId);
  else if (row.promiseId) await linkForPromise(deps, tenant, row.promiseId);
  else if (!steering(tenant) && !tenant.roles.includes('manager')) throw notFound();
  return { ...row, url: linkUrl(deps.appUrl, row.token) };
}

// ---------- touchpoints ----------

export async function listTouchpoints(deps: VoiceDeps, tenant: TenantContext): Promise<{ items: Touchpoint[] }> {
  const rows = await selectTouchpoints(deps.db, tenant.orgId);
  const links = await selectTouchpointLinks(deps.db, tenant.orgId);
  const names = await findTeamNames(
    deps.db,
    tenant.orgId,
    rows.flatMap((r) => r.teamId ?? []),
  );
  const items: Touchpoint[] = [];
  for (const r of rows) {
    const link = links.find((l) => l.touchpointId === r.id);
    items.push({
      id: r.id,
      name: r.name,
      scale: r.scale,
      teamId: r.teamId,
      teamName: r.teamId ? (names.get(r.teamId) ?? null) : null,
      archived: r.archivedAt !== null,
      link: link && !r.archivedAt ? await toVoiceLink(deps.db, deps.appUrl, link) : null,
    });
  }
  return { items };
}

async function checkTeam(tx: Tx, orgId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  if (!(await isActiveTeam(tx, orgId, teamId))) throw invalid('body.teamId', 'unknown_team', 'no such team');
}

export async function createTouchpoint(
  deps: VoiceDeps,
  tenant: TenantContext,
  input: z.output<typeof createTouchpointBody>,
): Promise<Touchpoint> {
  const id = await deps.db.transaction(async (tx) => {
    await checkTeam(tx, tenant.orgId, input.teamId);
    const row = await insertTouchpoint(tx, tenant.orgId, {
      name: input.name,
      scale: input.scale,
      teamId: input.teamId,
      createdBy: tenant.memberId,
    });
    await insertLink(tx, tenant.orgId, {
      token: newToken(),
      subject: 'touchpoint',
      touchpointId: row.id,
      createdBy: tenant.memberId,
    });
    await recordAudit(tx, tenant, 'touchpoint.created', 'touchpoint', row.id, { name: input.name });
    return row.id;
  });
  return (await listTouchpoints(deps, tenant)).items.find((t) => t.id === id)!;
}

export async function updateTouchpoint(
  deps: VoiceDeps,
  tenant: TenantContext,
  touchpointId: string,
  input: z.output<typeof updateTouchpointBody>,
): Promise<Touchpoint> {
  await deps.db.transaction(async (tx) => {
    const row = await lockTouchpoint(tx, tenant.orgId, touchpointId);
    if (!row) throw notFound();
    await checkTeam(tx, tenant.orgId, input.teamId);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? (row.archivedAt ?? new Date()) : null } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await updateTouchpointRow(tx, tenant.orgId, touchpointId, changes);
    }
    if (input.newLink || input.archived === true) {
      await revokeTouchpointLinks(tx, tenant.orgId, touchpointId);
    }
    if (input.newLink || input.archived === false) {
      const link = { token: newToken(), subject: 'touchpoint' as const, touchpointId, createdBy: tenant.memberId };
      await insertLink(tx, tenant.orgId, link, true);
    }
    await recordAudit(tx, tenant, 'touchpoint.updated', 'touchpoint', touchpointId, { ...input });
  });
  return (await listTouchpoints(deps, tenant)).items.find((t) => t.id === touchpointId)!;
}
