import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { Language } from '../../../contracts/constants';
import type { FollowupDetail, followupMessageBody } from '../../../contracts/voice.contract';
import type { Db, Tx } from '../../db/client';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/app-error';
import { translate } from '../../lib/i18n';
import type { Mail } from '../../lib/mailer';
import type { TenantContext } from '../../lib/request-context';
import { notifyMembers } from '../notifications/notifications.service';
import { recordAudit } from '../org/org.service';
import {
  eraseConversationOf,
  insertFollowupMessage,
  selectConversation,
  selectFollowupHandlers,
  selectMessagesForCustomer,
  selectReplyFollowup,
  updateFollowup,
} from './follow-ups.repo';
import { followupToHandle, getFollowup } from './follow-ups.service';
import { formatDay, newToken } from './voice.rules';

// The conversation of a follow-up with the customer, by e-mail. The team writes from the app; every
// mail holds a link to the customer's reply page (/r/answer/<token>, followup-reply.public.ts), and
// what the customer writes there is stored on the follow-up. When the follow-up opens and the customer
// left an address, an automatic first answer tells them by when they hear back. Only when mail is set
// up (SMTP_URL): otherwise nothing is sent and the app says so.

export type FollowupMailDeps = Pick<Deps, 'db' | 'appUrl' | 'mailer' | 'log' | 'secret'>;

// The reply link's token is the stored token with a signature made with AUTH_SECRET: the database alone
// (a copy of it, a backup, a person who may read it) does not give a working link to answer in the
// customer's name. A token stored since signing began starts with "s:" and opens only with its
// signature; one stored before has no prefix and still opens unsigned, as mailed, until it expires.
const SIGNED = 's:';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

const signature = (secret: string, token: string) =>
  createHmac('sha256', secret).update(`reply-link:${token}`).digest('base64url');

/** The token in the mailed link: the stored one (without its prefix) and its signature. */
function linkToken(secret: string, stored: string) {
  const token = stored.startsWith(SIGNED) ? stored.slice(SIGNED.length) : stored;
  return `${token}.${signature(secret, token)}`;
}

/** What the link's token may be stored as: none when it is malformed or its signature is wrong. */
function storedForms(secret: string, link: string): string[] {
  const [token = '', signed, ...rest] = link.split('.');
  if (!TOKEN_SHAPE.test(token) || rest.length > 0) return [];
  if (signed === undefined) return [token];
  const expected = Buffer.from(signature(secret, token));
  const given = Buffer.from(signed);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
  return [SIGNED + token, token];
}

/** The reply page works this many days after the last mail to the customer. */
export const REPLY_DAYS = 30;

export const replyUrl = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, '')}/r/answer/${token}`;

interface Conversation {
  followupId: string;
  status: string;
  replyToken: string | null;
  replyTokenExpiresAt: Date | null;
  dueOn: string;
  email: string | null;
  language: Language;
  orgName: string;
}

async function conversationOf(tx: Tx, orgId: string, followupId: string): Promise<Conversation | null> {
  const row = await selectConversation(tx, orgId, followupId);
  if (!row) return null;
  return {
    followupId,
    status: row.status,
    replyToken: row.reply_token,
    replyTokenExpiresAt: row.reply_token_expires_at ? new Date(row.reply_token_expires_at) : null,
    dueOn: row.due_on,
    email: row.contact_email,
    language: row.language === 'en' ? 'en' : 'nl',
    orgName: row.org_name,
  };
}

/**
 * The reply page's token: kept while it works, a new one when it has expired; valid REPLY_DAYS from now.
 * Gives the token for the link (signed).
 */
async function renewReplyToken(tx: Tx, secret: string, orgId: string, c: Conversation): Promise<string> {
  const stored =
    c.replyToken && c.replyTokenExpiresAt && c.replyTokenExpiresAt > new Date() ? c.replyToken : SIGNED + newToken();
  await updateFollowup(tx, orgId, c.followupId, {
    replyToken: stored,
    replyTokenExpiresAt: new Date(Date.now() + REPLY_DAYS * 24 * 3600_000),
  });
  return linkToken(secret, stored);
}

function mailTo(appUrl: string, c: Conversation & { email: string }, token: string, subjectKey: string, text: string) {
  const t = (key: string, vars?: Record<string, string>) => translate(c.language, `followupMail.${key}`, vars);
  return {
    to: c.email,
    subject: t(subjectKey, { org: c.orgName }),
    text: `${text}\n\n${t('replyHint')}\n${replyUrl(appUrl, token)}\n\n${t('noReply', { org: c.orgName })}`,
  } satisfies Mail;
}

/** Sends in the caller's transaction: a mail that fails undoes the message (the person may try again). */
async function send(deps: FollowupMailDeps, mail: Mail) {
  try {
    await deps.mailer.send(mail);
  } catch (err) {
    deps.log.warn({ err }, 'follow-up mail not sent');
    throw new AppError('mail_failed', 503, { detail: 'the mail could not be sent; try again later' });
  }
}

/**
 * The automatic first answer when a follow-up opens and the customer left an e-mail address: by when
 * they hear back (the due day), in their language. Never fails the customer's reaction: a mail that
 * cannot go is logged.
 */
export async function sendFirstAnswer(deps: FollowupMailDeps, orgId: string, followupId: string): Promise<void> {
  if (!deps.mailer.delivers) return;
  try {
    await deps.db.transaction(async (tx) => {
      const c = await conversationOf(tx, orgId, followupId);
      if (!c?.email || c.status !== 'open') return;
      const token = await renewReplyToken(tx, deps.secret, orgId, c);
      const text = translate(c.language, 'followupMail.firstText', {
        org: c.orgName,
        day: formatDay(c.dueOn, c.language),
      });
      await insertFollowupMessage(tx, orgId, { followupId, kind: 'first_answer', body: text });
      await send(deps, mailTo(deps.appUrl, { ...c, email: c.email }, token, 'firstSubject', text));
    });
  } catch (err) {
    deps.log.warn({ err, followupId }, 'the first answer to a customer was not sent');
  }
}

/** A person who handles the follow-up writes to the customer; the mail holds the link to reply. */
export async function sendToCustomer(
  deps: FollowupMailDeps,
  tenant: TenantContext,
  followupId: string,
  input: z.output<typeof followupMessageBody>,
): Promise<FollowupDetail> {
  await deps.db.transaction(async (tx) => {
    await followupToHandle(tx, tenant, followupId);
    const c = await conversationOf(tx, tenant.orgId, followupId);
    if (!c) throw new AppError('not_found', 404);
    if (c.status !== 'open') throw new AppError('conflict', 409, { detail: 'this follow-up is already closed' });
    if (!deps.mailer.delivers)
      throw new AppError('conflict', 409, { detail: 'mail is not set up (SMTP_URL): nothing can be sent' });
    if (!c.email) throw new AppError('conflict', 409, { detail: 'the customer left no e-mail address' });
    const token = await renewReplyToken(tx, deps.secret, tenant.orgId, c);
    await insertFollowupMessage(tx, tenant.orgId, {
      followupId,
      kind: 'to_customer',
      body: input.text,
      authorId: tenant.memberId,
    });
    await recordAudit(tx, tenant, 'voice_followup.mailed', 'voice_followup', followupId);
    await send(deps, mailTo(deps.appUrl, { ...c, email: c.email }, token, 'subject', input.text));
  });
  return getFollowup(deps, tenant, followupId);
}

// ---------- the customer's side (the public reply page) ----------

export interface ReplyPage {
  orgId: string;
  followupId: string;
  orgName: string;
  /** The organisation's time zone: the page dates its messages by the organisation's day. */
  timeZone: string;
  language: Language;
  open: boolean;
  messages: { kind: string; body: string; at: Date }[];
}

/** The conversation behind a reply token, if the token is well formed, known, not expired and its address not erased. */
export async function findReplyPage(db: Db, secret: string, token: string): Promise<ReplyPage | null> {
  const forms = storedForms(secret, token);
  if (forms.length === 0) return null;
  const row = await selectReplyFollowup(db, forms);
  if (!row) return null;
  const messages = await selectMessagesForCustomer(db, row.org_id, row.id);
  return {
    orgId: row.org_id,
    followupId: row.id,
    orgName: row.org_name,
    timeZone: row.time_zone,
    language: row.language === 'en' ? 'en' : 'nl',
    open: row.status === 'open',
    messages: messages.flatMap((m) => (m.body === null ? [] : [{ kind: m.kind, body: m.body, at: m.at }])),
  };
}

/** Stores the customer's reply on the follow-up and tells whoever handles it (the assignee, else the team's managers). */
export async function storeCustomerReply(db: Db, page: ReplyPage, text: string): Promise<void> {
  await db.transaction(async (tx) => {
    await insertFollowupMessage(tx, page.orgId, { followupId: page.followupId, kind: 'from_customer', body: text });
    await notifyMembers(
      tx,
      page.orgId,
      await selectFollowupHandlers(tx, page.orgId, page.followupId),
      'voice_followup',
      { followupId: page.followupId, reply: true },
    );
  });
}

// ---------- retention ----------

/**
 * Erases what a conversation holds of the customer with their contact details: the texts (the
 * customer's replies may hold an address or phone number) and the reply page's token.
 */
export async function eraseConversation(tx: Tx, orgId: string, reactionId: string): Promise<void> {
  await eraseConversationOf(tx, orgId, reactionId);
}
