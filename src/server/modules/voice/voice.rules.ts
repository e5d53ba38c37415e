import { randomBytes } from 'node:crypto';
import type { Language } from '../../../contracts/constants';
import type { CustomerReaction } from '../../../contracts/voice.contract';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';

// Module 6: the customer's own voice. What the voice services share: who steers and leads, the link
// tokens, what counts as very negative, and how a reaction row is read. The services by sub-domain:
// touchpoints.service.ts (links and touchpoints), reactions.service.ts (a customer reacts; reading
// reactions; contact details), follow-ups.service.ts (the follow-up of a very negative reaction).
// The public page is voice.public.ts.

export type VoiceDeps = Pick<Deps, 'db' | 'appUrl'>;

/** Directors and administrators (lib/roles.ts). */
export const steering = isSteering;
export const leads = (tenant: TenantContext, teamIds: (string | null)[]) =>
  teamIds.some((t) => t !== null && tenant.managedTeamIds.includes(t));
export const invalid = (path: string, code: string, message: string) =>
  new AppError('validation_failed', 400, { errors: [{ path, code, message }] });

/** 128 random bits, in the URL's alphabet: not to be guessed, short enough for a QR code. */
export const newToken = () => randomBytes(16).toString('base64url');
export const linkUrl = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, '')}/r/${token}`;

/** Very negative: the lowest of five points, or 0–2 of ten. A follow-up is opened for it. */
export const isVeryNegative = (scale: string, score: number) => (scale === 'agree5' ? score <= 1 : score <= 2);

/** The most days an organisation may give a follow-up (its due day: see follow-ups.service.ts). */
export const MAX_DUE_DAYS = 30;

/** "8 december 2026" / "8 December 2026" for a day ("2026-12-08"). */
export const formatDay = (day: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${day}T12:00:00Z`),
  );
/** A score on five points: 0–10 mapped onto 1–5, for one average over both scales. */
export const onFivePoints = (scale: string, score: number) => (scale === 'agree5' ? score : 1 + (score * 4) / 10);

// ---------- reading reactions ----------

/** A reaction as voice.repo.ts reads it (`reactionColumns`, with the joins of subjects.read-model.ts). */
export type ReactionRow = {
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

/** A customer's contact details are for whoever follows up: the team's manager, directors and admins. */
export const seesContactOf = (tenant: TenantContext, teamId: string | null) =>
  steering(tenant) || leads(tenant, [teamId]);

export function toReaction(
  r: ReactionRow,
  tenant: TenantContext,
  seesContact = seesContactOf(tenant, r.team_id),
): CustomerReaction {
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
        ? {
            name: r.contact_name,
            email: r.contact_email,
            phone: r.contact_phone,
            erasable: seesContactOf(tenant, r.team_id),
          }
        : null,
    veryNegative: isVeryNegative(r.scale, r.score),
    at: new Date(r.created_at).toISOString(),
  };
}
