import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../../contracts/constants';
import type { Deps } from '../../deps';
import { addDays, localDay } from '../../lib/days';
import { acceptHtmlForms, escapeHtml, sendHtml } from '../../lib/html-page';
import { languageFromHeader, translate } from '../../lib/i18n';
import { hitThrottle } from '../../lib/throttle';
import { sendFirstAnswer } from './followup-mail.service';
import { findPublicLink, type PublicLink, type ReactionInput, storeReaction } from './reactions.service';
import { formatDay, MAX_DUE_DAYS } from './voice.rules';

// The public reaction page at /r/<token>: plain HTML from the server, no JavaScript at all, so it is
// fast on a cheap phone and the score works everywhere. It shows the organisation's name and what the
// customer is asked about (the touchpoint, the promise, the day of the extra), nothing else of the organisation. A form posts back to the same address; after a reaction the page says thank
// you (post, redirect, get: a reload does not send it twice).

const LIMITS = {
  /** Reactions from one address, over all links, per hour. */
  perAddress: { hits: 20, minutes: 60 },
  /** Reactions from one address on one touchpoint link, per ten minutes. */
  perAddressAndLink: { hits: 3, minutes: 10 },
};

const formatInZone = (at: Date, language: Language, timeZone: string) =>
  new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(at);

/** The question the page asks, naming what it is about, and a line under it with what the customer will recognise. */
function aboutTexts(found: PublicLink, language: Language): { title: string; detail: string | null } {
  const t = (key: string, vars?: Record<string, string>) => translate(language, `voicePage.${key}`, vars);
  const about = found.about;
  switch (about.subject) {
    case 'touchpoint':
      return { title: about.place ? t('titleTouchpoint', { place: about.place }) : t('title'), detail: null };
    case 'promise':
      return {
        title: t('titlePromise'),
        detail: about.what ? [about.what, about.offering].filter(Boolean).join(' · ') : null,
      };
    case 'extra':
      return {
        title: about.day ? t('titleExtraOn', { day: formatDay(about.day, language) }) : t('titleExtra'),
        detail: null,
      };
  }
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;background:#f4f6f9}
main{max-width:34rem;margin:0 auto;padding:1.25rem 1rem 2.5rem}h1{font-size:1.5rem;margin:.25rem 0 .25rem}
.org{color:#5a6475;font-size:.95rem;margin:0}.about{margin:.1rem 0 0;color:#3b4352;overflow-wrap:anywhere}.card{background:#fff;border-radius:14px;padding:1.1rem;margin-top:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
fieldset{border:0;margin:0;padding:0}legend{font-weight:650;margin-bottom:.6rem}
.scores{display:grid;gap:.35rem}.s5{grid-template-columns:repeat(5,minmax(0,1fr))}.s11{grid-template-columns:repeat(11,minmax(0,1fr))}
.scores input{position:absolute;opacity:0;width:1px;height:1px}.scores label{display:flex;align-items:center;justify-content:center;text-align:center;min-height:3.2rem;padding:.3rem .15rem;border:2px solid #c9d0db;border-radius:10px;font-size:.8rem;line-height:1.15;background:#fff;cursor:pointer}
.scores label b{display:block;font-size:1.35rem}.scores input:checked+label{border-color:#1c64d8;background:#1c64d8;color:#fff}.scores input:focus-visible+label{outline:3px solid #f0a500;outline-offset:2px}
.hint{color:#5a6475;font-size:.85rem;margin:.4rem 0 0}textarea,input[type=text],input[type=email],input[type=tel]{width:100%;font:inherit;padding:.6rem;border:1px solid #c9d0db;border-radius:8px;background:#fff}
textarea{min-height:6rem}label.line{display:block;font-weight:600;margin:.9rem 0 .3rem}.check{display:flex;gap:.6rem;align-items:flex-start;margin-top:1rem;font-weight:600}
button{margin-top:1.2rem;width:100%;font:inherit;font-weight:700;padding:.9rem;border:0;border-radius:10px;background:#1c64d8;color:#fff}
.error{background:#fdecec;color:#8a1c1c;border-radius:8px;padding:.6rem .8rem;margin-top:1rem}.lang{float:right;font-size:.9rem;color:#1c64d8}.trap{position:absolute;left:-9999px}
/* On a narrow phone the five buttons show their number; the words stay for screen readers and are summed up below. */
/* 0–10 stays on one row on a 390 px phone: narrower gaps and figures there. */
@media(max-width:29.99rem){.word{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.s11{gap:.2rem}.s11 label{padding:.3rem 0}.s11 label b{font-size:1rem}}
@media(min-width:30rem){.scores label{font-size:.8rem}.word{display:block}.ends{display:none}}
.toggle{position:absolute;opacity:0;width:1px;height:1px}.toggle:focus-visible+label span{outline:3px solid #f0a500}
.check .box{flex:none;width:1.3rem;height:1.3rem;border:2px solid #8a94a6;border-radius:4px;margin-top:.1rem;background:#fff}.toggle:checked+label .box{background:#1c64d8;border-color:#1c64d8;box-shadow:inset 0 0 0 3px #fff}
.toggle:not(:checked)~.contact{display:none}`;

export function page(language: Language, title: string, body: string) {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function languageOf(request: FastifyRequest, found: PublicLink | null): Language {
  const asked = (request.query as { lang?: string }).lang;
  if (asked === 'nl' || asked === 'en') return asked;
  const header = request.headers['accept-language'];
  return header ? languageFromHeader(header) : (found?.orgLanguage ?? 'nl');
}

interface FormState {
  score?: number;
  comment?: string;
  contact?: boolean;
  name?: string;
  email?: string;
  phone?: string;
  errors?: string[];
}

function formPage(found: PublicLink, language: Language, token: string, state: FormState) {
  const t = (key: string, vars?: Record<string, string>) => translate(language, `voicePage.${key}`, vars);
  const other: Language = language === 'nl' ? 'en' : 'nl';
  const five = found.scale === 'agree5';
  const scores = five ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const chosen = state.score ?? found.existing?.score;
  const options = scores
    .map((s) => {
      const id = `s${s}`;
      const label = five
        ? `<span><b>${s}</b><span class="word">${escapeHtml(t(`agree${s}`))}</span></span>`
        : `<b>${s}</b>`;
      return `<input type="radio" name="score" id="${id}" value="${s}"${chosen === s ? ' checked' : ''} required><label for="${id}">${label}</label>`;
    })
    .join('');
  const errors = state.errors?.length
    ? `<div class="error" role="alert">${state.errors.map((e) => escapeHtml(e)).join('<br>')}</div>`
    : '';
  const change = found.existing
    ? `<p class="hint">${escapeHtml(t('changeUntil', { time: formatInZone(found.existing.changeableUntil, language, found.timeZone) }))}</p>`
    : '';
  const about = aboutTexts(found, language);
  const detail = about.detail ? `<p class="about">${escapeHtml(about.detail)}</p>` : '';
  return page(
    language,
    about.title,
    `<a class="lang" href="?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(translate(other, 'voicePage.languageName'))}</a>
<p class="org">${escapeHtml(found.orgName)}</p><h1>${escapeHtml(found.existing ? t('changeTitle') : about.title)}</h1>${found.existing ? `<p class="about">${escapeHtml(about.title)}</p>` : ''}${detail}${change}${errors}
<form method="post" action="/r/${escapeHtml(token)}?lang=${language}" class="card" novalidate>
<fieldset><legend>${escapeHtml(five ? t('questionAgree') : t('questionScale'))}</legend><div class="scores ${five ? 's5' : 's11'}">${options}</div>
${five ? `<p class="hint ends">1 = ${escapeHtml(t('agree1').toLowerCase())} · 5 = ${escapeHtml(t('agree5').toLowerCase())}</p>` : `<p class="hint">${escapeHtml(t('scaleLow'))} · ${escapeHtml(t('scaleHigh'))}</p>`}</fieldset>
<label class="line" for="comment">${escapeHtml(t('comment'))}</label><textarea id="comment" name="comment" maxlength="1000">${escapeHtml(state.comment ?? found.existing?.comment ?? '')}</textarea>
<input class="toggle" type="checkbox" id="contact" name="contact" value="yes"${state.contact ? ' checked' : ''}><label class="check" for="contact"><span class="box"></span><span>${escapeHtml(t('contactOptIn'))}</span></label>
<p class="hint">${escapeHtml(t('contactHint', { days: String(found.contactKeepDays) }))}</p><div class="contact">
<label class="line" for="name">${escapeHtml(t('name'))}</label><input type="text" id="name" name="name" maxlength="120" autocomplete="name" value="${escapeHtml(state.name ?? '')}">
<label class="line" for="email">${escapeHtml(t('email'))}</label><input type="email" id="email" name="email" maxlength="200" autocomplete="email" value="${escapeHtml(state.email ?? '')}">
<label class="line" for="phone">${escapeHtml(t('phone'))}</label><input type="tel" id="phone" name="phone" maxlength="40" autocomplete="tel" value="${escapeHtml(state.phone ?? '')}"></div>
<div class="trap" aria-hidden="true"><label>Website <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${escapeHtml(t('submit'))}</button></form>`,
  );
}

export function messagePage(language: Language, orgName: string | null, title: string, text: string) {
  return page(
    language,
    title,
    `${orgName ? `<p class="org">${escapeHtml(orgName)}</p>` : ''}<h1>${escapeHtml(title)}</h1><div class="card"><p>${escapeHtml(text)}</p></div>`,
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are taken out of what a customer typed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const clean = (value: unknown, max: number) =>
  typeof value === 'string' ? value.replace(CONTROL, '').trim().slice(0, max) : '';

/** Reads the posted form; returns what to store, or the form again with what is wrong. */
export function readForm(
  body: Record<string, unknown>,
  scale: 'agree5' | 'scale10',
  language: Language,
): { input: ReactionInput } | { state: FormState } {
  const t = (key: string) => translate(language, `voicePage.${key}`);
  const state: FormState = {
    comment: clean(body.comment, 5000),
    contact: body.contact === 'yes',
    name: clean(body.name, 500),
    email: clean(body.email, 500),
    phone: clean(body.phone, 500),
    errors: [],
  };
  const raw = typeof body.score === 'string' ? body.score : '';
  const score = /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  const [min, max] = scale === 'agree5' ? [1, 5] : [0, 10];
  if (Number.isInteger(score) && score >= min && score <= max) state.score = score;
  else state.errors!.push(t('errorScore'));
  if (state.comment!.length > 1000) state.errors!.push(t('errorComment'));
  if (state.contact) {
    if (state.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(state.email)) state.errors!.push(t('errorEmail'));
    if (!state.email && !state.phone) state.errors!.push(t('errorContact'));
    if (state.name!.length > 120 || state.email!.length > 200 || state.phone!.length > 40)
      state.errors!.push(t('errorLong'));
  }
  if (state.errors!.length) return { state };
  return {
    input: {
      score: state.score!,
      comment: state.comment || null,
      // Contact details are kept only when the customer asked to be contacted.
      contact: state.contact
        ? { name: state.name || null, email: state.email || null, phone: state.phone || null }
        : null,
      language,
    },
  };
}

/**
 * The day in the thank-you address by which the customer hears back, if it is one a follow-up could
 * have now (today up to its due time): an address with any other day says nothing about it.
 */
function contactDay(value: string | undefined, timeZone: string): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const today = localDay(timeZone);
  return value >= today && value <= addDays(today, MAX_DUE_DAYS) ? value : null;
}

/** The address's hits are counted under a hash: the throttle table holds no customer's IP address. */
export const addressKey = (ip: string) => createHash('sha256').update(ip).digest('base64url').slice(0, 22);

export async function voicePublicRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const { db } = deps;
  acceptHtmlForms(app);
  const send = sendHtml;

  const notFoundPage = (request: FastifyRequest, reply: FastifyReply) => {
    const language = languageOf(request, null);
    return send(
      reply,
      404,
      messagePage(
        language,
        null,
        translate(language, 'voicePage.notFoundTitle'),
        translate(language, 'voicePage.notFoundText'),
      ),
    );
  };

  app.get<{ Params: { token: string }; Querystring: { lang?: string; done?: string; back?: string } }>(
    '/r/:token',
    { config: { access: 'public' } },
    async (request, reply) => {
      const found = await findPublicLink(db, request.params.token);
      if (!found) return notFoundPage(request, reply);
      const language = languageOf(request, found);
      const t = (key: string, vars?: Record<string, string>) => translate(language, `voicePage.${key}`, vars);
      if (request.query.done === '1') {
        const back = contactDay(request.query.back, found.timeZone);
        const text = t('thanksText', { org: found.orgName });
        return send(
          reply,
          200,
          messagePage(
            language,
            found.orgName,
            t('thanksTitle'),
            back ? `${text} ${t('contactBy', { day: formatDay(back, language) })}` : text,
          ),
        );
      }
      if (found.existing && Date.now() > found.existing.changeableUntil.getTime()) {
        return send(reply, 200, messagePage(language, found.orgName, t('alreadyTitle'), t('alreadyText')));
      }
      return send(reply, 200, formPage(found, language, request.params.token, {}));
    },
  );

  app.post<{ Params: { token: string }; Querystring: { lang?: string } }>(
    '/r/:token',
    { config: { access: 'public' } },
    async (request, reply) => {
      const found = await findPublicLink(db, request.params.token);
      if (!found) return notFoundPage(request, reply);
      const language = languageOf(request, found);
      const t = (key: string, vars?: Record<string, string>) => translate(language, `voicePage.${key}`, vars);
      const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      const thanks = () =>
        reply.code(303).header('location', `/r/${request.params.token}?done=1&lang=${language}`).send();
      // A form field people cannot see: a robot that fills it is thanked and forgotten.
      if (clean(body.website, 200)) return thanks();

      const address = addressKey(request.ip);
      const overall = await hitThrottle(db, `voice:${address}`, LIMITS.perAddress.minutes);
      const here =
        found.link.subject === 'touchpoint'
          ? await hitThrottle(db, `voice:${address}:${found.link.id}`, LIMITS.perAddressAndLink.minutes)
          : { hits: 0 };
      if (overall.hits > LIMITS.perAddress.hits || here.hits > LIMITS.perAddressAndLink.hits) {
        return send(reply, 429, messagePage(language, found.orgName, t('tooManyTitle'), t('tooManyText')));
      }

      const read = readForm(body, found.scale, language);
      if ('state' in read) return send(reply, 400, formPage(found, language, request.params.token, read.state));
      const stored = await storeReaction(db, found, read.input);
      // The customer left an address with a very negative reaction: they hear by mail when they hear back.
      if (stored.firstAnswerFor) await sendFirstAnswer(deps, found.link.orgId, stored.firstAnswerFor);
      if (stored.outcome === 'closed')
        return send(reply, 200, messagePage(language, found.orgName, t('alreadyTitle'), t('alreadyText')));
      // Asked to be contacted after a very negative reaction: the thank-you page says by when they hear back.
      if (stored.contactBy)
        return reply
          .code(303)
          .header('location', `/r/${request.params.token}?done=1&lang=${language}&back=${stored.contactBy}`)
          .send();
      return thanks();
    },
  );
}
