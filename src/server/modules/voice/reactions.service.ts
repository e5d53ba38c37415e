import type { z } from 'zod';
import type { Language } from '../../../contracts/constants';
import type { reactionsQuery } from '../../../contracts/voice.contract';
import type { Db } from '../../db/client';
import { forbidden, notFound } from '../../lib/app-error';
import { resolvePeriod } from '../../lib/days';
import type { TenantContext } from '../../lib/request-context';
import { recordCustomerReaction } from '../extras/extras.service';
import { notifyMembers } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import { openFollowup } from './follow-ups.service';
import { eraseConversation } from './followup-mail.service';
import {
  eraseOldReactionContacts,
  insertReaction,
  lockReaction,
  reactionsOf,
  selectReactionOfLink,
  selectReactions,
  updateReaction,
} from './reactions.repo';
import { extraSubject, promiseSubject, publicLinkRow } from './subjects.read-model';
import { type LinkRow, selectLink, selectTouchpointTeam } from './touchpoints.repo';
import { isVeryNegative, onFivePoints, seesContactOf, steering, toReaction, type VoiceDeps } from './voice.rules';

// What customers said: a reaction stored from the public page, the reactions read by the team, and the
// contact details a customer left (kept only as long as they serve the follow-up).

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
  const found = await publicLinkRow(db, token);
  if (!found || found.touchpoint_archived) return null;
  const link = await selectLink(db, found.org_id, found.id);
  let existing: PublicLink['existing'] = null;
  if (link!.subject !== 'touchpoint') {
    const r = await selectReactionOfLink(db, found.org_id, found.id);
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
  /** The follow-up this reaction opened, when the customer left an e-mail address: it gets the automatic first answer. */
  firstAnswerFor: string | null;
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
      const extra = await extraSubject(tx, orgId, link.extraId, { forUpdate: true, deleted: true });
      memberId = extra?.member_id ?? null;
      teamId = extra?.team_ids[0] ?? null;
    } else if (link.promiseId) {
      const promise = await promiseSubject(tx, orgId, link.promiseId);
      memberId = promise?.made_by ?? null;
      teamId = promise?.owner_team_id ?? null;
    } else {
      teamId = await selectTouchpointTeam(tx, orgId, link.touchpointId);
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
    const before = link.subject === 'touchpoint' ? undefined : await selectReactionOfLink(tx, orgId, link.id, true);
    if (before) {
      if (Date.now() > before.createdAt.getTime() + 24 * 3600_000)
        return { outcome: 'closed', contactBy: null, firstAnswerFor: null };
      await updateReaction(tx, orgId, before.id, { ...values, updatedAt: new Date() });
      reactionId = before.id;
      outcome = 'changed';
    } else {
      reactionId = await insertReaction(tx, orgId, {
        linkId: link.id,
        subject: link.subject,
        extraId: link.extraId,
        promiseId: link.promiseId,
        touchpointId: link.touchpointId,
        teamId,
        memberId,
        scale: found.scale,
        ...values,
      });
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
    const opened = isVeryNegative(found.scale, input.score)
      ? await openFollowup(tx, {
          orgId,
          reactionId,
          teamId,
          score: input.score,
          scale: found.scale,
          timeZone: found.timeZone,
          wantsContact: input.contact !== null,
        })
      : { opened: null, contactBy: null };
    return {
      outcome,
      contactBy: opened.contactBy,
      firstAnswerFor: opened.opened && input.contact?.email ? opened.opened : null,
    };
  });
}

export async function listReactions(deps: VoiceDeps, tenant: TenantContext, query: z.output<typeof reactionsQuery>) {
  const { from, to } = resolvePeriod(query, tenant.timeZone, 90, 366);
  if (query.scope === 'all' && !steering(tenant)) throw forbidden();
  const scope = reactionsOf(query.scope, tenant.teamIds, tenant.memberId);
  const rows = await selectReactions(deps.db, tenant.orgId, scope, {
    from,
    to,
    timeZone: tenant.timeZone,
    touchpointId: query.touchpointId,
  });
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
    const reaction = await lockReaction(tx, tenant.orgId, reactionId);
    if (!reaction) throw notFound();
    if (!seesContactOf(tenant, reaction.teamId)) throw forbidden();
    await updateReaction(tx, tenant.orgId, reactionId, { ...noContact, updatedAt: new Date() });
    await eraseConversation(tx, tenant.orgId, reactionId);
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
  // With the address go the follow-up's conversation texts and its reply page (see eraseConversation).
  return eraseOldReactionContacts(db, now);
}
