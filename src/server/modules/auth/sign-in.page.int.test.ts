import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { cookieFrom, createTestApp, TEST_PASSWORD, type TestApp } from '../../../../test/helpers/test-app';
import { WEB_ROOT } from '../../app';

// The sign-in page as the server's own plain HTML: it works without JavaScript (a form that posts back),
// speaks the browser's language, sends the person on to where they were heading (never to another
// site), says what went wrong in words, and refuses a form posted from another site.

let t: TestApp;
let f: OrgFixture;

beforeAll(async () => {
  t = await createTestApp({ SIGNIN_MAX_PER_EMAIL: '3' });
  f = await createOrgFixture(t.database.db, 'signin-page');
});
afterAll(async () => {
  await t.close();
});

const open = (url = '/sign-in', headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
function post(
  fields: Record<string, string>,
  url = '/sign-in',
  headers: Record<string, string> = {},
  remoteAddress = '198.51.100.4',
) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    remoteAddress,
  });
}

describe('the sign-in page', () => {
  it('is plain HTML with a working form and no script at all, under a policy that allows none', async () => {
    const page = await open();
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toMatch(/<form method="post" action="\/sign-in\?lang=nl"/);
    expect(page.body).toContain('<label for="email">E-mailadres</label>');
    expect(page.body).toContain('<label for="password">Wachtwoord</label>');
    expect(page.body).toContain('<button type="submit">Inloggen</button>');
    expect(page.body).toContain('href="/forgot-password?lang=nl"');
  });

  it('fetches the web app’s entry files in the background, so the app opens quickly after signing in', async () => {
    // npm test builds the web app first; the page names exactly the files the app's index.html loads.
    const index = path.join(WEB_ROOT, 'index.html');
    expect(existsSync(index), 'the web app is built (npm test builds it)').toBe(true);
    const entries = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
      (m) => m[1],
    );
    expect(entries.length).toBeGreaterThan(0);
    const page = await open();
    for (const file of entries) expect(page.body).toContain(`<link rel="prefetch" href="${file}" crossorigin>`);
  });

  it('speaks the browser’s language, and keeps a language chosen on the page', async () => {
    const english = await open('/sign-in', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('<label for="email">Email address</label>');

    const chosen = await open('/sign-in?lang=en', { 'accept-language': 'nl-NL' });
    expect(chosen.body).toContain('<html lang="en">');
    const kept = cookieFrom(chosen);
    expect(kept).toBe('klantwerk.language=en');
    const later = await open('/sign-in', { 'accept-language': 'nl-NL', cookie: kept });
    expect(later.body).toContain('<html lang="en">');
  });

  it('signs in and sends the person on to where they were heading; the session works for the API', async () => {
    const done = await post(
      { email: f.people.member.email, password: TEST_PASSWORD },
      `/sign-in?next=${encodeURIComponent('/extras/new')}`,
    );
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toBe('/extras/new');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookieFrom(done) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(f.people.member.email);

    // Signed in already: the page sends them on at once.
    const again = await open('/sign-in?next=/feed', { cookie: cookieFrom(done) });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/feed');
  });

  it('never sends anyone to another site afterwards', async () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/sign-in?next=//evil.example',
    ]) {
      const done = await post(
        { email: f.people.member.email, password: TEST_PASSWORD },
        `/sign-in?next=${encodeURIComponent(next)}`,
      );
      expect(done.statusCode, next).toBe(303);
      expect(done.headers.location, next).toBe('/');
    }
  });

  it('says what is missing, and that the address or password is wrong, keeping the address (escaped) and never the password', async () => {
    const empty = await post({ email: '', password: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body.match(/Vul dit in\./g)?.length).toBe(2);
    expect(empty.body).toContain('aria-invalid="true"');

    const wrong = await post({ email: f.people.director.email, password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('role="alert">Het e-mailadres of wachtwoord klopt niet.');
    expect(wrong.body).toContain(`value="${f.people.director.email}"`);
    expect(wrong.body).not.toContain('not the password at all');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const odd = await post({ email: '"><script>alert(1)</script>@x.example', password: 'whatever it is' });
    expect(odd.body).not.toContain('<script>alert(1)</script>');
    expect(odd.body).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('stops guessing with the same words as the app and a Retry-After', async () => {
    const statuses: number[] = [];
    let last = await post({ email: f.people.admin.email, password: 'guess 0' }, '/sign-in', {}, '198.51.100.9');
    for (let i = 1; i < 6 && last.statusCode !== 429; i++) {
      statuses.push(last.statusCode);
      last = await post({ email: f.people.admin.email, password: `guess ${i}` }, '/sign-in', {}, '198.51.100.9');
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(last.statusCode).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toContain('Te veel pogingen.');
  });

  it('refuses a form posted from another site (a sign-in into someone else’s account)', async () => {
    const forged = await post({ email: f.people.member.email, password: TEST_PASSWORD }, '/sign-in', {
      origin: 'http://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['set-cookie']).toBeUndefined();
    expect(forged.body).toContain('Dit verzoek kwam van een andere site en is geweigerd.');
  });

  it('says a password was just reset when sent here after choosing a new one', async () => {
    const page = await open('/sign-in?notice=reset');
    expect(page.body).toMatch(/role="status">[^<]+/);
  });
});
