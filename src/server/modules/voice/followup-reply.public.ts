import type { FastifyInstance } from 'fastify';
import type { Language } from '../../../contracts/constants';
import type { Deps } from '../../deps';
import { acceptHtmlForms, escapeHtml, sendHtml } from '../../lib/html-page';
import { translate } from '../../lib/i18n';
import { hitThrottle } from '../../lib/throttle';
import { findReplyPage, type ReplyPage, storeCustomerReply } from './followup-mail.service';
import { addressKey, clean, languageOf, messagePage, page } from './voice.public';

// The customer's reply page at /r/answer/<token>: the link in every mail of a follow-up. Plain HTML
// without JavaScript, like the reaction page: the conversation so far and a box to answer in. The
// token is 128 random bits, works REPLY_DAYS after the last mail, and stops with the customer's address.

const LIMITS = {
  /** Replies from one address, over all conversations, per hour. */
  perAddress: { hits: 10, minutes: 60 },
};
const MAX_REPLY = 4000;

/** The day of a message as the organisation counts days (its time zone), not the server's. */
function formatAt(at: Date, language: Language, timeZone: string) {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone }).format(at);
}

function replyPage(found: ReplyPage, language: Language, token: string, state: { text?: string; error?: string }) {
  const t = (key: string, vars?: Record<string, string>) => translate(language, `replyPage.${key}`, vars);
  const messages = found.messages
    .map(
      (m) =>
        `<div class="card"><p class="hint">${escapeHtml(m.kind === 'from_customer' ? t('you') : found.orgName)} · ${escapeHtml(formatAt(m.at, language, found.timeZone))}</p><p style="white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(m.body)}</p></div>`,
    )
    .join('');
  const error = state.error ? `<div class="error" role="alert">${escapeHtml(state.error)}</div>` : '';
  const form = found.open
    ? `${error}<form method="post" action="/r/answer/${escapeHtml(token)}?lang=${language}" class="card" novalidate>
<label class="line" for="text">${escapeHtml(t('answer'))}</label><textarea id="text" name="text" maxlength="${MAX_REPLY}" required>${escapeHtml(state.text ?? '')}</textarea>
<div class="trap" aria-hidden="true"><label>Website <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${escapeHtml(t('send'))}</button></form>`
    : `<div class="card"><p>${escapeHtml(t('closed'))}</p></div>`;
  return page(
    language,
    t('title'),
    `<p class="org">${escapeHtml(found.orgName)}</p><h1>${escapeHtml(t('title'))}</h1><h2 style="font-size:1.1rem;margin:1rem 0 0">${escapeHtml(t('conversation'))}</h2>${messages}${form}`,
  );
}

export async function followupReplyRoutes(app: FastifyInstance, { deps: { db, secret } }: { deps: Deps }) {
  acceptHtmlForms(app);
  const notFound = (language: Language) =>
    messagePage(
      language,
      null,
      translate(language, 'replyPage.notFoundTitle'),
      translate(language, 'replyPage.notFoundText'),
    );

  app.get<{ Params: { token: string }; Querystring: { lang?: string; sent?: string } }>(
    '/r/answer/:token',
    { config: { access: 'public' } },
    async (request, reply) => {
      const found = await findReplyPage(db, secret, request.params.token);
      if (!found) return sendHtml(reply, 404, notFound(languageOf(request, null)));
      const language = (request.query as { lang?: string }).lang ? languageOf(request, null) : found.language;
      if (request.query.sent === '1') {
        const t = (key: string) => translate(language, `replyPage.${key}`);
        return sendHtml(reply, 200, messagePage(language, found.orgName, t('sentTitle'), t('sentText')));
      }
      return sendHtml(reply, 200, replyPage(found, language, request.params.token, {}));
    },
  );

  app.post<{ Params: { token: string }; Querystring: { lang?: string } }>(
    '/r/answer/:token',
    { config: { access: 'public' } },
    async (request, reply) => {
      const found = await findReplyPage(db, secret, request.params.token);
      if (!found) return sendHtml(reply, 404, notFound(languageOf(request, null)));
      const language = (request.query as { lang?: string }).lang ? languageOf(request, null) : found.language;
      const t = (key: string) => translate(language, `replyPage.${key}`);
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const sent = () =>
        reply.code(303).header('location', `/r/answer/${request.params.token}?sent=1&lang=${language}`).send();
      // A form field people cannot see: a robot that fills it is thanked and forgotten.
      if (clean(body.website, 200)) return sent();
      const overall = await hitThrottle(db, `voice-reply:${addressKey(request.ip)}`, LIMITS.perAddress.minutes);
      if (overall.hits > LIMITS.perAddress.hits)
        return sendHtml(reply, 429, messagePage(language, found.orgName, t('tooManyTitle'), t('tooManyText')));
      if (!found.open) return sendHtml(reply, 409, replyPage(found, language, request.params.token, {}));
      const text = clean(body.text, MAX_REPLY + 1000);
      if (!text || text.length > MAX_REPLY)
        return sendHtml(
          reply,
          400,
          replyPage(found, language, request.params.token, { text, error: t(text ? 'errorLong' : 'errorEmpty') }),
        );
      await storeCustomerReply(db, found, text);
      return sent();
    },
  );
}
