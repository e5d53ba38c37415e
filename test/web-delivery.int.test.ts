import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../src/server/app';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { createTestApp, signIn, type TestApp } from './helpers/test-app';

// What a browser receives for the web app and the API: compressed as it asks (brotli or gzip), the
// right type, and `Vary: Accept-Encoding` so no cache hands one encoding to a browser that asked another.

let t: TestApp;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'web');
});
afterAll(() => t.close());

const mainScript = () => {
  const html = readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
  const src = html.match(/<script type="module"[^>]*src="([^"]+)"/)?.[1];
  if (!src) throw new Error('index.html has no module script');
  return src;
};

describe('the web app is sent compressed', () => {
  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, plain to one that asks for neither', async () => {
    const url = mainScript();
    const plain = readFileSync(path.join(WEB_ROOT, url));
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);

    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(plain)).toBe(true);

    const none = await t.app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.headers.vary).toMatch(/accept-encoding/i);
    expect(none.rawPayload.equals(plain)).toBe(true);
  });

  it('every script and stylesheet of the build has its brotli and gzip copy', () => {
    const assets = readdirSync(path.join(WEB_ROOT, 'assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(assets.length).toBeGreaterThan(0);
    const files = new Set(readdirSync(path.join(WEB_ROOT, 'assets')));
    expect(assets.filter((f) => !files.has(`${f}.br`) || !files.has(`${f}.gz`))).toEqual([]);
  });

  it('a client-side route gets the app page compressed, never cached as immutable', async () => {
    const response = await t.app.inject({ url: '/extras/new', headers: { 'accept-encoding': 'br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(response.rawPayload).toString()).toContain('<div id="root"');
  });

  it('answers HEAD as GET, without the body: / and a client-side route are there, an unknown API path is not', async () => {
    for (const url of ['/', '/extras/new']) {
      const get = await t.app.inject({ method: 'GET', url });
      const head = await t.app.inject({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      expect(head.body).toBe('');
    }
    expect((await t.app.inject({ method: 'HEAD', url: '/api/v1/nothing-here' })).statusCode).toBe(404);
  });
});

describe('API answers are compressed above a small size', () => {
  it('compresses a large answer and leaves a tiny one as it is', async () => {
    const large = await t.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, br' } });
    expect(large.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(large.rawPayload).toString()).openapi).toMatch(/^3\./);
    const small = await t.app.inject({ url: '/api/health', headers: { 'accept-encoding': 'gzip, br' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'ok', database: 'up' });
  });
});

describe('the app installs on a phone and works offline', () => {
  it("has a manifest with icons that exist, in the browser's language before sign-in", async () => {
    const nl = await t.app.inject({
      url: '/api/manifest.webmanifest',
      headers: { 'accept-language': 'nl-NL,nl;q=0.9' },
    });
    expect(nl.statusCode).toBe(200);
    expect(nl.headers['content-type']).toContain('application/manifest+json');
    const manifest = nl.json();
    expect(manifest).toMatchObject({
      name: 'Klantwerk',
      short_name: 'Klantwerk',
      lang: 'nl',
      display: 'standalone',
      start_url: '/',
    });
    expect(manifest.description).toMatch(/klant/);
    expect(manifest.shortcuts[0]).toMatchObject({ name: 'Extra vastleggen', url: '/extras/new' });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await t.app.inject(icon.src);
      expect(response.statusCode, icon.src).toBe(200);
      expect(response.headers['content-type']).toContain(icon.type);
    }
    const en = (
      await t.app.inject({ url: '/api/manifest.webmanifest', headers: { 'accept-language': 'en-GB,en;q=0.9' } })
    ).json();
    expect(en).toMatchObject({ lang: 'en', shortcuts: [{ name: 'Log an extra' }] });
  });

  it("signed in, the app is named after the organisation, in the person's language", async () => {
    const cookie = await signIn(t.app, f.people.member.email);
    const manifest = (
      await t.app.inject({ url: '/api/manifest.webmanifest', headers: { cookie, 'accept-language': 'en' } })
    ).json();
    expect(manifest.name).toBe('Klantwerk · Org web');
    expect(manifest.lang).toBe('nl');
  });

  it('the service worker keeps exactly the files of this build, and is never cached as immutable', async () => {
    const response = await t.app.inject('/sw.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    const list = JSON.parse(response.body.match(/\{"version":"[0-9a-f]+","urls":\[[^\]]*\]\}/)![0]) as {
      urls: string[];
    };
    expect(list.urls).toContain('/index.html');
    expect(list.urls).toContain(mainScript());
    expect(list.urls.some((u) => /\.(br|gz)$/.test(u) || u === '/sw.js')).toBe(false);
    const assets = readdirSync(path.join(WEB_ROOT, 'assets')).filter((name) => !/\.(br|gz)$/.test(name));
    expect(list.urls.filter((u) => u.startsWith('/assets/')).sort()).toEqual(
      assets.map((name) => `/assets/${name}`).sort(),
    );
  });
});
