import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import type { Language } from '../../../contracts/constants';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/app-error';
import { acceptHtmlForms, escapeHtml, sendHtml } from '../../lib/html-page';
import { languageFromHeader, translate } from '../../lib/i18n';
import { crossSiteWrite, headersOf } from '../../lib/request-context';
import { readSessionToken } from '../../lib/session-cookie';
import { hasSsoFor } from '../sso/sso.service';
import { flowCookie, startSignIn } from '../sso/sso-flow.service';
import { findSessionContext, signIn } from './auth.service';

// The sign-in page: plain HTML from the server with a form that posts back here, no JavaScript. It is
// the first page a new phone opens, often on a poor connection, so it must be usable at once; the web
// app's code is fetched in the background (prefetch) while the person types, so the app behind it
// opens quickly afterwards. The same rules as POST /api/v1/auth/sign-in apply (it calls the same code):
// throttling, deactivated accounts, the session cookie. The web app sends every visit of /sign-in here.

export interface SignInPageOptions {
  /** deps.secret reads the session cookie to send someone already signed in on. */
  deps: Deps;
  pool: Pool;
  /** APP_URL's origin: a form posted from anywhere else is refused (login CSRF). */
  appOrigin: string;
  /** The built web app (dist/web), whose entry files are prefetched; absent in a build-less test run. */
  webRoot?: string;
}

interface FormState {
  email?: string;
  errors?: { email?: string; password?: string };
  /** A problem with the sign-in as a whole (wrong password, too many tries, deactivated). */
  problem?: string;
  notice?: string;
}

/** Mantine's look, in a few lines: the same colours as the app (contrast AA), the same system font. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.55 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#212529;background:#f8f9fa}
main{max-width:460px;margin:0 auto;padding:16px}@media(min-width:48em){main{padding:48px 16px}}
.top{display:flex;justify-content:space-between;align-items:center;height:40px;margin-bottom:20px}
.name{font-weight:800;font-size:20px;color:#1864ab}.langs{display:flex;gap:4px}
.langs a{display:inline-block;padding:2px 10px;border-radius:4px;color:#1864ab;font-weight:600;text-decoration:none;font-size:14px;line-height:26px}
.langs a[aria-current=true]{background:#1971c2;color:#fff}
.card{background:#fff;border:1px solid #dee2e6;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.05),0 10px 15px -5px rgba(0,0,0,.05);padding:24px}
@media(min-width:48em){.card{padding:32px}}h1{font-size:22px;line-height:1.3;margin:0 0 16px}
label{display:block;font-size:14px;font-weight:500;margin:16px 0 4px}
input{display:block;width:100%;height:42px;font:inherit;padding:0 12px;border:1px solid #adb5bd;border-radius:4px;background:#fff;color:#212529}
input:focus{outline:2px solid #1971c2;outline-offset:-1px;border-color:#1971c2}input[aria-invalid=true]{border-color:#c92a2a}
.field-error{color:#c92a2a;font-size:14px;margin:4px 0 0}
.forgot{text-align:right;margin:8px 0 0;font-size:14px}a{color:#1864ab}
button{display:block;width:100%;height:42px;margin-top:20px;font:inherit;font-weight:600;border:0;border-radius:4px;background:#1971c2;color:#fff;cursor:pointer}
button:hover{background:#1864ab}button:focus-visible,a:focus-visible{outline:3px solid #f08c00;outline-offset:2px}
.alert{border-radius:8px;padding:12px 16px;margin:0 0 4px;font-size:15px}.alert.problem{background:#fff5f5;color:#a51111;border:1px solid #ffc9c9}
.alert.done{background:#ebfbee;color:#1b5e20;border:1px solid #b2f2bb}
.or{text-align:center;color:#495057;font-size:14px;margin:16px 0 0}button.secondary{margin-top:8px;background:#fff;color:#1864ab;border:1px solid #1971c2}button.secondary:hover{background:#e7f5ff}.signup{text-align:center;font-size:14px;margin:20px 0 0}`;

/** Where to go after signing in: a path of this site only (never another site, never "//host"). */
export function safeNext(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character in a path is refused on purpose
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || /[\u0000-\u001f\\]/.test(value)) return '/';
  return value.startsWith('/sign-in') ? '/' : value;
}

/** The web app's entry files (script, styles): fetched at the lowest priority while the person types. */
function appEntryFiles(webRoot: string | undefined): string[] {
  if (!webRoot) return [];
  try {
    const html = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
    return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  } catch {
    return [];
  }
}

const isLanguage = (value: unknown): value is Language => value === 'nl' || value === 'en';

/**
 * The language chosen on this page (?lang=, then kept in the cookie the web app also keeps its choice
 * in), else the one chosen earlier in this browser, else the browser's own.
 */
function languageOf(request: FastifyRequest, reply: FastifyReply): Language {
  const asked = (request.query as { lang?: string }).lang;
  if (isLanguage(asked)) {
    reply.header('set-cookie', `klantwerk.language=${asked}; Path=/; Max-Age=31536000; SameSite=Lax`);
    return asked;
  }
  const kept = /(?:^|;\s*)klantwerk\.language=(\w+)/.exec(request.headers.cookie ?? '')?.[1];
  return isLanguage(kept) ? kept : languageFromHeader(request.headers['accept-language']);
}

const OTHER: Record<Language, { short: string; name: string }> = {
  nl: { short: 'NL', name: 'Nederlands' },
  en: { short: 'EN', name: 'English' },
};

function signInPage(
  language: Language,
  next: string,
  state: FormState,
  options: { signUpEnabled: boolean; prefetch: string[] },
) {
  const t = (key: string, vars?: Record<string, string>) => escapeHtml(translate(language, key, vars));
  const query = (lang: Language) => `?lang=${lang}${next === '/' ? '' : `&amp;next=${encodeURIComponent(next)}`}`;
  const langs = (['nl', 'en'] as const)
    .map(
      (l) =>
        `<a href="/sign-in${query(l)}" lang="${l}" hreflang="${l}" title="${OTHER[l].name}"${l === language ? ' aria-current="true"' : ''}>${OTHER[l].short}</a>`,
    )
    .join('');
  const fieldError = (field: 'email' | 'password') =>
    state.errors?.[field] ? `<p class="field-error" id="${field}-error">${escapeHtml(state.errors[field]!)}</p>` : '';
  const invalid = (field: 'email' | 'password') =>
    state.errors?.[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const focusPassword = !!state.email && !state.errors?.email;
  const alert = state.problem
    ? `<div class="alert problem" role="alert">${escapeHtml(state.problem)}</div>`
    : state.notice
      ? `<div class="alert done" role="status">${escapeHtml(state.notice)}</div>`
      : '';
  const signUp = options.signUpEnabled
    ? `<p class="signup">${t('auth.signIn.noAccount')} <a href="/sign-up?lang=${language}">${t('auth.signIn.toSignUp')}</a></p>`
    : '';
  const prefetch = options.prefetch
    .map((file) => `<link rel="prefetch" href="${escapeHtml(file)}" crossorigin>`)
    .join('');
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="theme-color" content="#1864ab"><title>${t('auth.signIn.title')} · Klantwerk</title><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<style>${STYLE}</style>${prefetch}</head><body><main>
<div class="top"><span class="name">Klantwerk</span><nav class="langs" aria-label="${t('common.language')}">${langs}</nav></div>
<div class="card"><h1>${t('auth.signIn.title')}</h1>${alert}
<form method="post" action="/sign-in${query(language)}" novalidate>
<label for="email">${t('auth.email')}</label><input id="email" name="email" type="email" inputmode="email" autocomplete="username" required value="${escapeHtml(state.email ?? '')}"${focusPassword ? '' : ' autofocus'}${invalid('email')}>${fieldError('email')}
<label for="password">${t('auth.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required${focusPassword ? ' autofocus' : ''}${invalid('password')}>${fieldError('password')}
<p class="forgot"><a href="/forgot-password?lang=${language}">${t('auth.signIn.forgot')}</a></p>
<button type="submit">${t('auth.signIn.submit')}</button>
<p class="or">${t('auth.signIn.or')}</p><button type="submit" name="via" value="sso" class="secondary" formnovalidate>${t('auth.signIn.sso')}</button></form>
<p class="signup"><a href="/code?lang=${language}">${t('auth.signIn.withCode')}</a></p>${signUp}</div></main></body></html>`;
}

/** The problems single sign-on may send the browser back with. */
const SSO_PROBLEMS = ['sso_failed', 'sso_not_connected', 'sso_required', 'account_deactivated'] as const;

/** On to the organisation's identity provider (a refresh, so the sign-in form's own navigation ends here). */
function continuePage(language: Language, url: string) {
  const t = (key: string) => escapeHtml(translate(language, key));
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="0;url=${escapeHtml(url)}"><meta name="referrer" content="no-referrer"><title>${t('auth.signIn.sso')} · Klantwerk</title>
<style>${STYLE}</style></head><body><main><div class="card"><h1>${t('auth.signIn.sso')}</h1>
<p>${t('auth.signIn.ssoContinue')}</p><p><a href="${escapeHtml(url)}">${t('auth.signIn.ssoContinueLink')}</a></p></div></main></body></html>`;
}

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string) : '';

export async function signInPageRoutes(app: FastifyInstance, options: SignInPageOptions) {
  acceptHtmlForms(app);
  const prefetch = appEntryFiles(options.webRoot);
  const render = (reply: FastifyReply, status: number, language: Language, next: string, state: FormState) =>
    sendHtml(
      reply,
      status,
      signInPage(language, next, state, { signUpEnabled: options.deps.config.signUpEnabled, prefetch }),
    );

  app.get<{ Querystring: { next?: string; notice?: string; problem?: string; email?: string } }>(
    '/sign-in',
    { config: { access: 'public' } },
    async (request, reply) => {
      const next = safeNext(request.query.next);
      const token = readSessionToken(request.headers.cookie, options.deps.secret);
      if (token && (await findSessionContext(options.pool, token)))
        return reply.code(303).header('location', next).send();
      const language = languageOf(request, reply);
      const notices: Record<string, string> = { reset: 'auth.reset.done', sso_pending: 'auth.signIn.ssoPending' };
      const noticeKey = notices[String(request.query.notice)];
      // Where single sign-on sends the browser back when it did not work (only these codes, never free text).
      const problemCode = SSO_PROBLEMS.find((code) => code === request.query.problem);
      const email = typeof request.query.email === 'string' ? request.query.email.slice(0, 320) : undefined;
      return render(reply, 200, language, next, {
        email,
        notice: noticeKey ? translate(language, noticeKey) : undefined,
        problem: problemCode ? translate(language, `errors.${problemCode}`) : undefined,
      });
    },
  );

  app.post<{ Querystring: { next?: string } }>('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
    const language = languageOf(request, reply);
    const next = safeNext(request.query.next);
    if (crossSiteWrite(request, options.appOrigin))
      return render(reply, 403, language, next, { problem: translate(language, 'errors.csrf_rejected') });
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const email = field(body, 'email').trim().slice(0, 320);
    const password = field(body, 'password').slice(0, 1024);
    const errors: FormState['errors'] = {};
    if (!email) errors.email = translate(language, 'validation.required');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = translate(language, 'validation.email');
    // "Sign in with your organisation", or only an address whose domain has an identity provider: off to it.
    const viaSso =
      field(body, 'via') === 'sso' || (!errors.email && !password && (await hasSsoFor(options.deps.db, email)));
    if (!errors.email && viaSso) {
      try {
        const started = await startSignIn(options.deps, email.toLowerCase(), next);
        reply.header('set-cookie', flowCookie(started.state, options.deps.config.appUrl.startsWith('https://')));
        // Not a redirect: the page's form-action 'self' would stop a form's navigation that ends at the provider.
        return sendHtml(reply, 200, continuePage(language, started.url));
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return render(reply, error.status, language, next, {
          email,
          problem: translate(language, `errors.${error.code}`),
        });
      }
    }
    if (!password && !viaSso) errors.password = translate(language, 'validation.required');
    if (errors.email || errors.password) return render(reply, 400, language, next, { email, errors });
    try {
      const result = await signIn(
        options.deps,
        { email, password },
        { headers: headersOf(request), ip: request.ip, fallbackLanguage: language },
      );
      for (const cookie of result.cookies) reply.header('set-cookie', cookie);
      return reply.code(303).header('location', next).send();
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      for (const [name, value] of Object.entries(error.details.headers ?? {})) reply.header(name, value);
      return render(reply, error.status, language, next, {
        email,
        problem: translate(language, `errors.${error.code}`),
      });
    }
  });
}
