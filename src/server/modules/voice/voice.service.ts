import { randomBytes } from 'node:crypto';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Language } from '../../../contracts/constants';
import type {
  CustomerReaction,
  closeFollowupBody,
  createTouchpointBody,
  Followup,
  reactionsQuery,
  Touchpoint,
  updateTouchpointBody,
  VoiceLink,
} from '../../../contracts/voice.contract';
import type { Db, Tx } from '../../db/client';
import { customerReactions, touchpoints, voiceFollowups, voiceLinks } from '../../db/schema/voice.schema';
import type { Deps } from '../../deps';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { addDays, localDay, resolvePeriod } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { recordCustomerReaction } from '../extras/extras.service';
import { emitEvent } from '../integrations/webhooks.emit';
import { notifyMembers, settleNotifications } from '../notifications/notifications.service';
import { findTeamNames, recordAudit } from '../org/org.service';

// Module 6: the customer's own voice. Links and QR codes for an extra, a promise or a touchpoint; what
// customers said; the follow-up of a very negative reaction. The public page is voice.public.ts.

export type VoiceDeps = Pick<Deps, 'db' | 'appUrl'>;

type LinkRow = typeof voiceLinks.$inferSelect;

const steering = (tenant: TenantContext) => tenant.roles.includes('director') || tenant.roles.includes('admin');
const leads = (tenant: TenantContext, teamIds: (string | null)[]) =>
  teamIds.some((t) => t !== null && tenant.managedTeamIds.includes(t));
const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

/** 128 random bits, in the URL's alphabet: not to be guessed, short enough for a QR code. */
export const newToken = () => randomBytes(16).toString('base64url');
export const linkUrl = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, '')}/r/${token}`;

/** Very negative: the lowest of five points, or 0–2 of ten. A follow-up is opened for it. */
export const isVeryNegative = (scale: string, score: number) => (scale === 'agree5' ? score <= 1 : score <= 2);

/** A very negative reaction is followed up within this many days (the follow-up's due day). */
export const FOLLOWUP_DAYS = 2;
/** A score on five points: 0–10 mapped onto 1–5, for one average over both scales. */
export const onFivePoints = (scale: string, score: number) => (scale === 'agree5' ? score : 1 + (score * 4) / 10);

// ---------- links ----------

async function toVoiceLink(db: Tx, appUrl: string, row: LinkRow): Promise<VoiceLink> {
  const { rows } = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from customer_reactions where org_id = ${row.orgId} and link_id = ${row.id}`);
  return {
    id: row.id,
    url: linkUrl(appUrl, row.token),
    subject: row.subject,
    reactions: rows[0]?.n ?? 0,
  };
}

/** The link of an extra: its author, a manager of its team, or a director makes (or finds) it. One per extra. */
export async function linkForExtra(deps: VoiceDeps, tenant: TenantContext, extraId: string): Promise<VoiceLink> {
  const { rows } = await deps.db.execute<{ member_id: string; team_ids: string[] }>(sql`
    select member_id, team_ids from extras where org_id = ${tenant.orgId} and id = ${extraId} and deleted_at is null`);
  const extra = rows[0];
  if (!extra) throw notFound();
  if (extra.member_id !== tenant.memberId && !steering(tenant) && !leads(tenant, extra.team_ids)) throw notFound();
  return findOrMakeLink(deps, tenant, { subject: 'extra', extraId });
}

/** The link of a promise: its maker, a member of the delivering team, or a director. One per promise. */
export async function linkForPromise(deps: VoiceDeps, tenant: TenantContext, promiseId: string): Promise<VoiceLink> {
  const { rows } = await deps.db.execute<{ made_by: string; owner_team_id: string }>(sql`
    select made_by, owner_team_id from promises where org_id = ${tenant.orgId} and id = ${promiseId}`);
  const promise = rows[0];
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
  const target = subject.subject === 'extra' ? voiceLinks.extraId : voiceLinks.promiseId;
  const id = subject.subject === 'extra' ? subject.extraId : subject.promiseId;
  await deps.db
    .insert(voiceLinks)
    .values({ orgId: tenant.orgId, token: newToken(), createdBy: tenant.memberId, ...subject })
    .onConflictDoNothing();
  const [row] = await deps.db
    .select()
    .from(voiceLinks)
    .where(and(eq(voiceLinks.orgId, tenant.orgId), eq(target, id)));
  return toVoiceLink(deps.db, deps.appUrl, row!);
}

/** Who may print a link's QR code: whoever may make it (see above), and leaders for touchpoints. */
export async function usableLink(
  deps: VoiceDeps,
  tenant: TenantContext,
  linkId: string,
): Promise<LinkRow & { url: string }> {
  const [row] = await deps.db
    .select()
    .from(voiceLinks)
    .where(and(eq(voiceLinks.orgId, tenant.orgId), eq(voiceLinks.id, linkId)));
  if (!row || row.revokedAt) throw notFound();
  if (row.extraId) await linkForExtra(deps, tenant, row.extraId);
  else if (row.promiseId) await linkForPromise(deps, tenant, row.promiseId);
  else if (!steering(tenant) && !tenant.roles.includes('manager')) throw notFound();
  return { ...row, url: linkUrl(deps.appUrl, row.token) };
}

// ---------- touchpoints ----------

export async function listTouchpoints(deps: VoiceDeps, tenant: TenantContext): Promise<{ items: Touchpoint[] }> {
  const rows = await deps.db
    .select()
    .from(touchpoints)
    .where(eq(touchpoints.orgId, tenant.orgId))
    .orderBy(sql`${touchpoints.archivedAt} is not null`, touchpoints.name);
  const links = await deps.db
    .select()
    .from(voiceLinks)
    .where(
      and(
        eq(voiceLinks.orgId, tenant.orgId),
        sql`${voiceLinks.touchpointId} is not null and ${voiceLinks.revokedAt} is null`,
      ),
    );
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
  const { rows } = await tx.execute(
    sql`select 1 from teams where org_id = ${orgId} and id = ${teamId} and archived_at is null`,
  );
  if (rows.length === 0) throw invalid('body.teamId', 'unknown_team', 'no such team');
}

export async function createTouchpoint(
  deps: VoiceDeps,
  tenant: TenantContext,
  input: z.output<typeof createTouchpointBody>,
): Promise<Touchpoint> {
  const id = await deps.db.transaction(async (tx) => {
    await checkTeam(tx, tenant.orgId, input.teamId);
    const [row] = await tx
      .insert(touchpoints)
      .values({
        orgId: tenant.orgId,
        name: input.name,
        scale: input.scale,
        teamId: input.teamId,
        createdBy: tenant.memberId,
      })
      .returning();
    await tx.insert(voiceLinks).values({
      orgId: tenant.orgId,
      token: newToken(),
      subject: 'touchpoint',
      touchpointId: row!.id,
      createdBy: tenant.memberId,
    });
    await recordAudit(tx, tenant, 'touchpoint.created', 'touchpoint', row!.id, { name: input.name });
    return row!.id;
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
    const [row] = await tx
      .select()
      .from(touchpoints)
      .where(and(eq(touchpoints.orgId, tenant.orgId), eq(touchpoints.id, touchpointId)))
      .for('update');
    if (!row) throw notFound();
    await checkTeam(tx, tenant.orgId, input.teamId);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(input.archived !== undefined ? { archivedAt: input.archived ? (row.archivedAt ?? new Date()) : null } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await tx
        .update(touchpoints)
        .set(changes)
        .where(and(eq(touchpoints.orgId, tenant.orgId), eq(touchpoints.id, touchpointId)));
    }
    if (input.newLink || input.archived === true) {
      await tx
        .update(voiceLinks)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(voiceLinks.orgId, tenant.orgId),
            eq(voiceLinks.touchpointId, touchpointId),
            sql`${voiceLinks.revokedAt} is null`,
          ),
        );
    }
    if (input.newLink || input.archived === false) {
      await tx
        .insert(voiceLinks)
        .values({
          orgId: tenant.orgId,
          token: newToken(),
          subject: 'touchpoint',
          touchpointId,
          createdBy: tenant.memberId,
        })
        .onConflictDoNothing();
    }
    await recordAudit(tx, tenant, 'touchpoint.updated', 'touchpoint', touchpointId, { ...input });
  });
  return (await listTouchpoints(deps, tenant)).items.find((t) => t.id === touchpointId)!;
}

// ---------- a customer reacts (called by the public page) ----------

export interface PublicLink {
  link: LinkRow;
  orgName: string;
  orgLanguage: Language;
  timeZone: string;
  /** How many days the organisation keeps contact details a customer leaves. */
  contactKeepDays: number;
  scale: 'agree5' | 'scale10';
  /**
   * What the customer is asked about, in words they know: the touchpoint's name, what was promised
   * (and the offering), or the day of the extra. Never the extra's occasion, what the member wrote
   * about it, or who they are: those are for the team.
   */
  about:
    | { subject: 'touchpoint'; place: string }
    | { subject: 'promise'; what: string; offering: string | null }
    | { subject: 'extra'; day: string | null };
  /** A tied link's reaction, if given; changeable until `changeableUntil`. */
  existing: { score: number; comment: string | null; changeableUntil: Date } | null;
}

export async function findPublicLink(db: Db, token: string): Promise<PublicLink | null> {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return null;
  const { rows } = await db.execute<{
    id: string;
    org_id: string;
    org_name: string;
    default_language: string;
    time_zone: string;
    contact_keep_days: number;
    touchpoint_scale: string | null;
    touchpoint_archived: boolean;
    touchpoint_name: string | null;
    promise_what: string | null;
    offering_name: string | null;
    extra_day: string | null;
  }>(sql`
    select l.id, l.org_id, o.name as org_name, o.default_language, o.time_zone, o.contact_keep_days, t.scale as touchpoint_scale, t.archived_at is not null as touchpoint_archived,
           t.name as touchpoint_name, p.what as promise_what, ofr.name as offering_name,
           (e.occurred_at at time zone o.time_zone)::date::text as extra_day
      from voice_links l
      join organizations o on o.id = l.org_id
      left join touchpoints t on t.org_id = l.org_id and t.id = l.touchpoint_id
      left join promises p on p.org_id = l.org_id and p.id = l.promise_id
      left join offerings ofr on ofr.org_id = p.org_id and ofr.id = p.offering_id
      left join extras e on e.org_id = l.org_id and e.id = l.extra_id
     where l.token = ${token} and l.revoked_at is null`);
  const found = rows[0];
  if (!found || found.touchpoint_archived) return null;
  const [link] = await db
    .select()
    .from(voiceLinks)
    .where(and(eq(voiceLinks.orgId, found.org_id), eq(voiceLinks.id, found.id)));
  let existing: PublicLink['existing'] = null;
  if (link!.subject !== 'touchpoint') {
    const [r] = await db
      .select()
      .from(customerReactions)
      .where(and(eq(customerReactions.orgId, found.org_id), eq(customerReactions.linkId, found.id)));
    if (r)
      existing = {
        score: r.score,
        comment: r.comment,
        changeableUntil: new Date(r.createdAt.getTime() + 24 * 3600_000),
      };
  }
  return {
    link: link!,
    orgName: found.org_name,
    orgLanguage: found.default_language === 'en' ? 'en' : 'nl',
    timeZone: found.time_zone,
    contactKeepDays: found.contact_keep_days,
    scale: (found.touchpoint_scale ?? 'agree5') as PublicLink['scale'],
    about:
      link!.subject === 'touchpoint'
        ? { subject: 'touchpoint', place: found.touchpoint_name ?? '' }
        : link!.subject === 'promise'
          ? { subject: 'promise', what: found.promise_what ?? '', offering: found.offering_name }
          : { subject: 'extra', day: found.extra_day },
    existing,
  };
}

export interface ReactionInput {
  score: number;
  comment: string | null;
  contact: { name: string | null; email: string | null; phone: string | null } | null;
  language: Language;
}

export interface StoredReaction {
  outcome: 'stored' | 'changed' | 'closed';
  /** The day by which the customer hears back: the open follow-up's due day, when they asked to be contacted. */
  contactBy: string | null;
}

/**
 * Stores a customer's reaction: a new one, or (a tied link, within 24 hours) a change of it. It reaches
 * the member who acted, sets the extra's reaction (so it counts in learning), and a very negative one
 * opens a follow-up for the team's manager. The outcome is 'closed' when a tied link's 24 hours have passed.
 */
export async function storeReaction(db: Db, found: PublicLink, input: ReactionInput): Promise<StoredReaction> {
  const { link } = found;
  return db.transaction(async (tx) => {
    const orgId = link.orgId;
    let teamId: string | null = null;
    let memberId: string | null = null;
    if (link.extraId) {
      const { rows } = await tx.execute<{ member_id: string; team_ids: string[] }>(sql`
        select member_id, team_ids from extras where org_id = ${orgId} and id = ${link.extraId} for update`);
      memberId = rows[0]?.member_id ?? null;
      teamId = rows[0]?.team_ids[0] ?? null;
    } else if (link.promiseId) {
      const { rows } = await tx.execute<{ made_by: string; owner_team_id: string }>(sql`
        select made_by, owner_team_id from promises where org_id = ${orgId} and id = ${link.promiseId}`);
      memberId = rows[0]?.made_by ?? null;
      teamId = rows[0]?.owner_team_id ?? null;
    } else {
      const { rows } = await tx.execute<{ team_id: string | null }>(
        sql`select team_id from touchpoints where org_id = ${orgId} and id = ${link.touchpointId}`,
      );
      teamId = rows[0]?.team_id ?? null;
    }
    const values = {
      score: input.score,
      comment: input.comment,
      contactName: input.contact?.name ?? null,
      contactEmail: input.contact?.email ?? null,
      contactPhone: input.contact?.phone ?? null,
      language: input.language,
    };
    let reactionId: string;
    let outcome: 'stored' | 'changed';
    const [before] =
      link.subject === 'touchpoint'
        ? []
        : await tx
            .select()
            .from(customerReactions)
            .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.linkId, link.id)))
            .for('update');
    if (before) {
      if (Date.now() > before.createdAt.getTime() + 24 * 3600_000) return { outcome: 'closed', contactBy: null };
      await tx
        .update(customerReactions)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(customerReactions.orgId, orgId), eq(customerReactions.id, before.id)));
      reactionId = before.id;
      outcome = 'changed';
    } else {
      const [row] = await tx
        .insert(customerReactions)
        .values({
          orgId,
          linkId: link.id,
          subject: link.subject,
          extraId: link.extraId,
          promiseId: link.promiseId,
          touchpointId: link.touchpointId,
          teamId,
          memberId,
          scale: found.scale,
          ...values,
        })
        .returning({ id: customerReactions.id });
      reactionId = row!.id;
      outcome = 'stored';
    }
    // The customer's own reaction is the extra's reaction: it counts in what works.
    if (link.extraId && memberId) {
      await recordCustomerReaction(tx, orgId, link.extraId, {
        score: input.score,
        comment: input.comment,
        memberId,
      });
    }
    if (outcome === 'stored' && memberId) {
      await notifyMembers(tx, orgId, [memberId], 'customer_reaction', {
        reactionId,
        score: input.score,
        scale: found.scale,
        subject: link.subject,
        extraId: link.extraId,
        promiseId: link.promiseId,
      });
    }
    let contactBy: string | null = null;
    if (isVeryNegative(found.scale, input.score)) {
      const [followup] = await tx
        .insert(voiceFollowups)
        .values({ orgId, reactionId, teamId, dueOn: addDays(localDay(found.timeZone), FOLLOWUP_DAYS) })
        .onConflictDoNothing()
        .returning({ id: voiceFollowups.id });
      if (followup) {
        const { rows: managers } = await tx.execute<{ member_id: string }>(
          teamId
            ? sql`select tm.member_id from team_members tm join members m on m.org_id = tm.org_id and m.id = tm.member_id and m.status = 'active'
                   where tm.org_id = ${orgId} and tm.team_id = ${teamId} and tm.is_manager`
            : sql`select id as member_id from members where org_id = ${orgId} and status = 'active' and 'director' = any(roles)`,
        );
        await notifyMembers(
          tx,
          orgId,
          managers.map((m) => m.member_id),
          'voice_followup',
          { followupId: followup.id, score: input.score, scale: found.scale },
        );
        await emitEvent(tx, orgId, 'reaction.very_negative', {
          followupId: followup.id,
          teamId,
          score: input.score,
          max: found.scale === 'agree5' ? 5 : 10,
        });
      }
      if (input.contact) {
        const [open] = await tx
          .select({ dueOn: voiceFollowups.dueOn })
          .from(voiceFollowups)
          .where(
            and(
              eq(voiceFollowups.orgId, orgId),
              eq(voiceFollowups.reactionId, reactionId),
              eq(voiceFollowups.status, 'open'),
            ),
          );
        contactBy = open ? String(open.dueOn) : null;
      }
    }
    return { outcome, contactBy };
  });
}

// ---------- reading reactions ----------

type ReactionRow = {
  id: string;
  subject: CustomerReaction['subject'];
  extra_id: string | null;
  promise_id: string | null;
  touchpoint_id: string | null;
  team_id: string | null;
  team_name: string | null;
  member_id: string | null;
  scale: CustomerReaction['scale'];
  score: number;
  comment: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: Date;
  about: string | null;
};

const reactionColumns = sql`
  r.id, r.subject, r.extra_id, r.promise_id, r.touchpoint_id, r.team_id, tm.name as team_name, r.member_id, r.scale, r.score, r.comment,
  r.contact_name, r.contact_email, r.contact_phone, r.created_at,
  coalesce(e.occasion, p.what, tp.name) as about`;
const reactionJoins = sql`
  left join teams tm on tm.org_id = r.org_id and tm.id = r.team_id
  left join extras e on e.org_id = r.org_id and e.id = r.extra_id
  left join promises p on p.org_id = r.org_id and p.id = r.promise_id
  left join touchpoints tp on tp.org_id = r.org_id and tp.id = r.touchpoint_id`;

/** A customer's contact details are for whoever follows up: the team's manager, directors and admins. */
const seesContactOf = (tenant: TenantContext, teamId: string | null) => steering(tenant) || leads(tenant, [teamId]);

function toReaction(r: ReactionRow, tenant: TenantContext): CustomerReaction {
  const seesContact = seesContactOf(tenant, r.team_id);
  return {
    id: r.id,
    subject: r.subject,
    extraId: r.extra_id,
    promiseId: r.promise_id,
    touchpointId: r.touchpoint_id,
    about: r.about ?? '',
    teamName: r.team_name,
    scale: r.scale,
    score: r.score,
    comment: r.comment,
    contact:
      seesContact && (r.contact_name || r.contact_email || r.contact_phone)
        ? { name: r.contact_name, email: r.contact_email, phone: r.contact_phone }
        : null,
    veryNegative: isVeryNegative(r.scale, r.score),
    at: new Date(r.created_at).toISOString(),
  };
}

/** Mine (my extras and promises), my teams' (members see, managers lead), or all (directors). */
export async function listReactions(deps: VoiceDeps, tenant: TenantContext, query: z.output<typeof reactionsQuery>) {
  const { from, to } = resolvePeriod(query, tenant.timeZone, 90, 366);
  let scope: SQL;
  if (query.scope === 'all') {
    if (!steering(tenant)) throw forbidden();
    scope = sql`true`;
  } else if (query.scope === 'team') {
    scope = sql`r.team_id = any(${sql.param(tenant.teamIds)}::uuid[])`;
  } else {
    scope = sql`r.member_id = ${tenant.memberId}`;
  }
  const { rows } = await deps.db.execute<ReactionRow>(sql`
    select ${reactionColumns}
      from customer_reactions r ${reactionJoins}
     where r.org_id = ${tenant.orgId} and ${scope}
       ${query.touchpointId ? sql`and r.touchpoint_id = ${query.touchpointId}` : sql``}
       and r.created_at >= (${from}::date::timestamp at time zone ${tenant.timeZone})
       and r.created_at < ((${to}::date + 1)::timestamp at time zone ${tenant.timeZone})
     order by r.created_at desc
     limit 500`);
  const items = rows.map((r) => toReaction(r, tenant));
  const scores = items.map((i) => onFivePoints(i.scale, i.score));
  return {
    items,
    summary: {
      count: items.length,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      veryNegative: items.filter((i) => i.veryNegative).length,
    },
  };
}

// ---------- contact details: kept only as long as they serve the follow-up ----------

const noContact = { contactName: null, contactEmail: null, contactPhone: null };

/** Erases a customer's contact details now (the customer asked, or they are no longer needed); the reaction stays. */
export async function eraseContact(deps: VoiceDeps, tenant: TenantContext, reactionId: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [reaction] = await tx
      .select({ teamId: customerReactions.teamId })
      .from(customerReactions)
      .where(and(eq(customerReactions.orgId, tenant.orgId), eq(customerReactions.id, reactionId)))
      .for('update');
    if (!reaction) throw notFound();
    if (!seesContactOf(tenant, reaction.teamId)) throw forbidden();
    await tx
      .update(customerReactions)
      .set({ ...noContact, updatedAt: new Date() })
      .where(and(eq(customerReactions.orgId, tenant.orgId), eq(customerReactions.id, reactionId)));
    // What was erased is not written down anywhere, only that it was.
    await recordAudit(tx, tenant, 'customer_reaction.contact_erased', 'customer_reaction', reactionId);
  });
}

/**
 * The background sweep: erases the contact details of reactions older than their organisation keeps
 * them (organizations.contact_keep_days), except while the reaction's follow-up is still open. Returns
 * how many were erased.
 */
export async function eraseOldContacts(db: Db, now = new Date()): Promise<number> {
  const result = await db.execute(sql`
    update customer_reactions r
       set contact_name = null, contact_email = null, contact_phone = null, updated_at = ${now.toISOString()}
      from organizations o
     where o.id = r.org_id
       and (r.contact_name is not null or r.contact_email is not null or r.contact_phone is not null)
       and r.created_at < ${now.toISOString()}::timestamptz - make_interval(days => o.contact_keep_days)
       and not exists (select 1 from voice_followups f where f.org_id = r.org_id and f.reaction_id = r.id and f.status = 'open')`);
  return result.rowCount ?? 0;
}

// ---------- follow-ups ----------

/** The follow-ups of the teams I lead (directors: all), open ones soonest first. */
export async function listFollowups(
  deps: VoiceDeps,
  tenant: TenantContext,
  state: 'open' | 'closed',
): Promise<{ items: Followup[] }> {
  const mine = steering(tenant) ? sql`true` : sql`f.team_id = any(${sql.param(tenant.managedTeamIds)}::uuid[])`;
  const { rows } = await deps.db.execute<
    ReactionRow & {
      f_id: string;
      f_team_id: string | null;
      f_team_name: string | null;
      due_on: string;
      status: Followup['status'];
      note: string | null;
      closed_by_name: string | null;
      closed_at: Date | null;
    }
  >(sql`
    select ${reactionColumns}, f.id as f_id, f.team_id as f_team_id, ft.name as f_team_name, f.due_on::text, f.status, f.note, f.closed_at, u.name as closed_by_name
      from voice_followups f
      join customer_reactions r on r.org_id = f.org_id and r.id = f.reaction_id
      ${reactionJoins}
      left join teams ft on ft.org_id = f.org_id and ft.id = f.team_id
      left join members cm on cm.org_id = f.org_id and cm.id = f.closed_by
      left join auth_user u on u.id = cm.user_id
     where f.org_id = ${tenant.orgId} and ${mine} and ${state === 'open' ? sql`f.status = 'open'` : sql`f.status <> 'open'`}
     order by ${state === 'open' ? sql`f.due_on, f.created_at` : sql`f.closed_at desc`}
     limit 200`);
  const today = localDay(tenant.timeZone);
  return {
    items: rows.map((r) => ({
      id: r.f_id,
      reaction: toReaction(r, tenant),
      teamId: r.f_team_id,
      teamName: r.f_team_name,
      dueOn: r.due_on,
      late: r.status === 'open' && r.due_on < today,
      status: r.status,
      note: r.note,
      closedByName: r.closed_by_name,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    })),
  };
}

export async function closeFollowup(
  deps: VoiceDeps,
  tenant: TenantContext,
  followupId: string,
  input: z.output<typeof closeFollowupBody>,
): Promise<Followup> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(voiceFollowups)
      .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)))
      .for('update');
    if (!row) throw notFound();
    if (!steering(tenant) && !leads(tenant, [row.teamId])) throw notFound();
    if (row.status !== 'open') throw new AppError('conflict', 409, { detail: 'this follow-up is already closed' });
    await tx
      .update(voiceFollowups)
      .set({ status: input.outcome, note: input.note ?? null, closedBy: tenant.memberId, closedAt: new Date() })
      .where(and(eq(voiceFollowups.orgId, tenant.orgId), eq(voiceFollowups.id, followupId)));
    await recordAudit(tx, tenant, 'voice_followup.closed', 'voice_followup', followupId, { outcome: input.outcome });
    // The notice that asked for this follow-up has been answered: read for everyone it went to.
    await settleNotifications(tx, tenant.orgId, 'voice_followup', { followupId });
  });
  const closed = await listFollowups(deps, tenant, 'closed');
  return closed.items.find((f) => f.id === followupId)!;
}
