import type { Language } from '../../../contracts/constants';
import type {
  ReactionRequest,
  ReactionRequestState,
  SendReactionRequestBody,
} from '../../../contracts/reaction-requests.contract';
import type { Db } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError, notFound } from '../../lib/app-error';
import { asLanguage, translate } from '../../lib/i18n';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import { recordAudit } from '../org/org.service';
import { deleteRequest, eraseOldRequestEmails, insertRequest, selectRequest } from './reaction-requests.repo';
import { requestTargetRow } from './subjects.read-model';
import { linkForExtra, linkForPromise } from './touchpoints.service';

// Asking a customer for a reaction by e-mail, once per delivered promise or logged extra. The mail
// carries the subject's own reaction link (voice.service), in the customer's language, so the reaction
// that comes back lands where the QR code's would. The customer's consent is recorded: who and when.

type RequestDeps = Pick<Deps, 'db' | 'appUrl' | 'mailer' | 'log'>;
export type RequestSubject = 'extra' | 'promise';

interface Target {
  /** Who acted (the extra's author, the promise's maker) and the teams it belongs to. */
  ownerId: string;
  teamIds: string[];
  delivered: boolean;
  what: string | null;
  orgName: string;
  orgLanguage: Language;
}

const steering = isSteering;

/**
 * The extra or the promise, for the people who may ask its customer (the same as may show its reaction
 * link): the extra's author, a manager of its team; the promise's maker, a member of the delivering
 * team; directors and administrators. Anyone else, and another organisation, finds nothing.
 */
async function findTarget(db: Db, tenant: TenantContext, subject: RequestSubject, id: string): Promise<Target> {
  const row = await requestTargetRow(db, tenant.orgId, subject, id);
  if (!row) throw notFound();
  const mayAsk =
    row.owner_id === tenant.memberId ||
    steering(tenant) ||
    row.team_ids.some((team) =>
      subject === 'extra' ? tenant.managedTeamIds.includes(team) : tenant.teamIds.includes(team),
    );
  if (!mayAsk) throw notFound();
  return {
    ownerId: row.owner_id,
    teamIds: row.team_ids,
    delivered: row.delivered,
    what: row.what,
    orgName: row.org_name,
    orgLanguage: asLanguage(row.org_language),
  };
}

async function findRequest(db: Db, tenant: TenantContext, subject: RequestSubject, id: string) {
  const row = await selectRequest(db, tenant.orgId, subject, id);
  if (!row) return null;
  return {
    id: row.id,
    sentAt: new Date(row.created_at).toISOString(),
    // One person sends and records the consent, in one act.
    sentByName: row.sent_by_name,
    language: asLanguage(row.language),
    consentRecordedAt: new Date(row.consent_at).toISOString(),
    consentRecordedByName: row.consent_by_name,
    reacted: row.reacted,
  } satisfies ReactionRequest;
}

/** Whether the customer was asked (when, by whom), and whether they may be: mail set up, the promise delivered. */
export async function requestState(
  deps: RequestDeps,
  tenant: TenantContext,
  subject: RequestSubject,
  id: string,
): Promise<ReactionRequestState> {
  const target = await findTarget(deps.db, tenant, subject, id);
  return {
    request: await findRequest(deps.db, tenant, subject, id),
    mailAvailable: deps.mailer.delivers,
    ready: target.delivered,
    defaultLanguage: target.orgLanguage,
  };
}

/**
 * Sends the customer the reaction link by e-mail: refused without mail, before a promise is delivered,
 * and a second time. The request is written first (a unique key per subject keeps two sends at once to
 * one), the mail sent after; when the mail fails the request is taken back so it can be tried again.
 */
export async function sendRequest(
  deps: RequestDeps,
  tenant: TenantContext,
  subject: RequestSubject,
  id: string,
  input: SendReactionRequestBody,
): Promise<ReactionRequestState> {
  const target = await findTarget(deps.db, tenant, subject, id);
  if (!deps.mailer.delivers) throw new AppError('mail_not_set_up', 409);
  if (!target.delivered) throw new AppError('promise_not_delivered', 409);
  const link = subject === 'extra' ? await linkForExtra(deps, tenant, id) : await linkForPromise(deps, tenant, id);
  const language = input.language ?? target.orgLanguage;
  const now = new Date();
  const requestId = await deps.db.transaction(async (tx) => {
    const row = await insertRequest(tx, tenant.orgId, {
      linkId: link.id,
      subject,
      extraId: subject === 'extra' ? id : null,
      promiseId: subject === 'promise' ? id : null,
      email: input.email,
      language,
      consentBy: tenant.memberId,
      consentAt: now,
      createdAt: now,
    });
    if (!row) return null;
    // The address is not written down here: only that a request went out, and that consent was recorded.
    await recordAudit(tx, tenant, 'reaction_request.sent', subject, id, { language, consent: true });
    return row.id;
  });
  if (!requestId) throw new AppError('reaction_already_requested', 409);
  const vars = {
    organization: target.orgName,
    link: `${link.url}?lang=${language}`,
    about: target.what ? translate(language, 'mail.reactionRequest.aboutPromise', { what: target.what }) : '',
  };
  try {
    await deps.mailer.send({
      to: input.email,
      subject: translate(language, 'mail.reactionRequest.subject', vars),
      text: translate(language, 'mail.reactionRequest.body', vars),
    });
  } catch (err) {
    deps.log.warn({ err, requestId }, 'reaction request mail failed; the request is taken back');
    await deleteRequest(deps.db, tenant.orgId, requestId);
    throw new AppError('unavailable', 503);
  }
  return requestState(deps, tenant, subject, id);
}

/**
 * The background sweep: erases the addresses of requests older than their organisation keeps contact
 * details (organizations.contact_keep_days). The request stays, so it is still sent only once.
 */
export async function eraseOldRequestAddresses(db: Db, now = new Date()): Promise<number> {
  return eraseOldRequestEmails(db, now);
}
