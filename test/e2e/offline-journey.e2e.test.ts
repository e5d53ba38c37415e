import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../src/server/app';
import { axeViolations, browserAvailable, DEMO_PASSWORD, leftCents, PHONE } from './browser';
import { useJourney } from './e2e-harness';

// Lisa's phone at the counter loses its connection: the log screen still opens, what she logs waits on
// the phone and goes by itself when the connection returns, once each, with the moment she logged it.

interface ServerExtra {
  id: string;
  occasion: string;
  occurredAt: string;
}

describe.runIf(browserAvailable())('the log screen without a connection', () => {
  const { server, browser } = useJourney();
  let admin: string;
  let lisa: string;

  const api = async (path: string, init: RequestInit & { cookie: string }) =>
    fetch(`${server.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', origin: server.baseUrl, cookie: init.cookie },
    });
  const signIn = async (email: string) => {
    const response = await api('/api/v1/auth/sign-in', {
      method: 'POST',
      cookie: '',
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    return response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  };
  /** Lisa's extras on the server with this occasion. */
  const onServer = async (occasion: string): Promise<ServerExtra[]> => {
    const list = await (await api('/api/v1/extras?scope=mine&limit=100', { cookie: lisa })).json();
    return list.items.filter((e: ServerExtra) => e.occasion === occasion);
  };

  /** A phone-sized context with Lisa (or another person) signed in, on the log screen. */
  async function lisaOnPhone(
    options: { serviceWorkers?: 'allow' | 'block'; cookie?: string; watch?: (context: BrowserContext) => void } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      ...PHONE,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      baseURL: server.baseUrl,
      serviceWorkers: options.serviceWorkers ?? 'allow',
    });
    await context.addCookies(
      (options.cookie ?? lisa).split('; ').map((pair) => ({
        name: pair.slice(0, pair.indexOf('=')),
        value: pair.slice(pair.indexOf('=') + 1),
        url: server.baseUrl,
      })),
    );
    options.watch?.(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/extras/new');
    if (options.cookie) await page.getByRole('heading', { name: 'Extra vastleggen' }).waitFor();
    else
      await page
        .getByText(/deze week/)
        .first()
        .waitFor();
    return { context, page };
  }

  async function logExtra(page: Page, occasion: string, options: { value?: string; cost?: string } = {}) {
    await page.getByLabel('Klantaanleiding').fill(occasion);
    await page.getByLabel('Wat heb je gedaan?').fill('Een kop koffie gebracht');
    await page.getByText(options.cost ? 'Cadeau' : 'Tijd', { exact: true }).click();
    if (options.cost) await page.getByLabel('Kosten (€)').fill(options.cost);
    if (options.value) await page.getByRole('checkbox', { name: options.value }).click();
    await page.getByRole('button', { name: 'Opslaan' }).click();
  }

  beforeAll(async () => {
    admin = await signIn('jeroen@dekroon.example');
    lisa = await signIn('lisa@dekroon.example');
    // A roomy personal mandate for Lisa, so the demo's random week cannot push an extra above it.
    const found = await (await api('/api/v1/members?q=lisa', { cookie: admin })).json();
    const set = await api('/api/v1/mandates', {
      method: 'PUT',
      cookie: admin,
      body: JSON.stringify({
        scope: { type: 'member', memberId: found.items[0].id },
        period: 'week',
        budgetCents: 50000,
        maxPerExtraCents: 5000,
        allowedKinds: ['gift', 'time', 'upgrade'],
      }),
    });
    expect(set.status).toBe(200);
  });

  it('the app is kept on the phone only after the first screen has come in, so the two do not compete', async () => {
    // Installing the service worker fetches and stores every file of this version: on a slow phone that
    // would slow the first screen down. It is registered once the screen's files and answers are in.
    const inFlight = new Set<string>();
    let atRegistration: string[] | undefined;
    const { context, page } = await lisaOnPhone({
      watch: (context) => {
        context.on('request', (request) => {
          if (!request.serviceWorker()) inFlight.add(request.url());
        });
        context.on('requestfinished', (request) => inFlight.delete(request.url()));
        context.on('requestfailed', (request) => inFlight.delete(request.url()));
        // The moment the page registers its service worker: what the page still waits for then.
        void context.exposeBinding('serviceWorkerRegistered', () => {
          atRegistration ??= [...inFlight];
        });
        void context.addInitScript(() => {
          const register = ServiceWorkerContainer.prototype.register;
          ServiceWorkerContainer.prototype.register = function (...args) {
            (window as unknown as { serviceWorkerRegistered: () => void }).serviceWorkerRegistered();
            return register.apply(this, args);
          };
        });
      },
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(atRegistration).toEqual([]);
    // The screen's own answers came before: the mandate card and the form are drawn.
    expect(await page.getByRole('button', { name: 'Opslaan' }).isVisible()).toBe(true);
    await context.close();
  });

  it('opens offline, keeps two extras through closing the app, and sends each once with the moment it was logged', async () => {
    const { context, page } = await lisaOnPhone();
    // The app is kept on the phone once the service worker controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Extra vastleggen' }).waitFor();
    await page.getByText(/Zoals bekend op/).waitFor();
    await page.getByText('Offline', { exact: true }).waitFor();

    const stamp = Date.now();
    const first = `Gast zonder bereik in de kelder ${stamp}`;
    const second = `Gast in de lift zonder wifi ${stamp}`;
    const mandateText = page.getByText(/Nog €\s?.* van €\s?500,00 deze week/);
    const leftBefore = leftCents(await mandateText.innerText());
    const before = Date.now();
    await logExtra(page, first, { cost: '2,50' });
    await page.getByText('Bewaard op deze telefoon').waitFor();
    // What waits on the phone already counts against the mandate shown.
    await expect.poll(async () => leftCents(await mandateText.innerText())).toBe(leftBefore - 250);
    await logExtra(page, second);
    const logged = Date.now();
    await expect.poll(() => page.getByText('Wacht op verzending').count()).toBe(2);
    // What is new on this screen (the outbox, the offline and waiting badges, the mandate "as of") meets WCAG 2.1 AA.
    expect(
      await axeViolations(page, [
        'section[aria-labelledby="outbox-title"]',
        '#connection-status',
        '[aria-live="polite"]',
      ]),
    ).toEqual([]);

    // The app is closed and opened again, still without a connection: both are still there.
    await page.close();
    await new Promise((r) => setTimeout(r, 2500));
    const reopened = await context.newPage();
    await reopened.goto('/extras/new');
    await expect.poll(() => reopened.getByText('Wacht op verzending').count()).toBe(2);
    expect(await onServer(first)).toEqual([]);

    const online = Date.now();
    await context.setOffline(false);
    await expect.poll(() => reopened.getByText('Wacht op verzending').count(), { timeout: 30_000 }).toBe(0);
    const sentFirst = await onServer(first);
    const sentSecond = await onServer(second);
    expect(sentFirst).toHaveLength(1);
    expect(sentSecond).toHaveLength(1);
    for (const extra of [...sentFirst, ...sentSecond]) {
      const at = new Date(extra.occurredAt).getTime();
      // The moment on the phone when she saved it, not the moment it reached the server.
      expect(at).toBeGreaterThanOrEqual(before - 2000);
      expect(at).toBeLessThanOrEqual(logged + 2000);
      expect(at).toBeLessThan(online - 1500);
    }
    // Opened again later, nothing is sent a second time.
    await reopened.reload();
    await reopened
      .getByText(/deze week/)
      .first()
      .waitFor();
    expect(await onServer(first)).toHaveLength(1);
    await context.close();
  });

  it("the log screen loads only its own part of the words, yet the bell's notices from any module read as words", async () => {
    const { context, page } = await lisaOnPhone({ cookie: await signIn('anna@dekroon.example') });
    await page
      .getByRole('button', { name: /meldingen/i })
      .first()
      .click();
    const dropdown = page.getByRole('dialog').first();
    await expect.poll(() => dropdown.getByRole('button').count()).toBeGreaterThan(2);
    const rawKey = async () => (await dropdown.innerText()).match(/\b(?:[a-z][a-zA-Z]+\.){2,}[a-zA-Z]+\b/)?.[0] ?? null;
    expect(await rawKey()).toBeNull();
    await context.close();
  });

  it('an answer lost on the way back: the extra waits, is sent again under the same key, and exists once', async () => {
    const { context, page } = await lisaOnPhone({ serviceWorkers: 'block' });
    let dropped = 0;
    const keys: string[] = [];
    await page.route('**/api/v1/extras', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push((await route.request().allHeaders())['idempotency-key'] ?? '');
      if (dropped > 0) return route.fallback();
      dropped++;
      await route.fetch(); // the server saves it…
      await route.abort('connectionreset'); // …and the answer never reaches the phone
    });
    const occasion = `Gast vroeg om een wekker ${Date.now()}`;
    await logExtra(page, occasion);
    await page.getByText('Bewaard op deze telefoon').waitFor();
    expect(dropped).toBe(1);
    expect(await onServer(occasion)).toHaveLength(1);

    // The outbox tries again by itself (or when she taps "send now"), under the same key.
    await expect.poll(() => page.getByText('Wacht op verzending').count(), { timeout: 30_000 }).toBe(0);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(await onServer(occasion)).toHaveLength(1);
    await context.close();
  });

  it('an extra refused when it arrives stays on the phone with the reason, to fix or to discard', async () => {
    const created = await api('/api/v1/values', {
      method: 'POST',
      cookie: admin,
      body: JSON.stringify({
        name: 'Zorgzaam',
        behaviours: ['We denken vooruit', 'We vragen wat de gast nodig heeft'],
      }),
    });
    expect(created.status).toBe(201);
    const value = (await created.json()) as { id: string };

    const { context, page } = await lisaOnPhone();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    const occasion = `Gast met een natte jas ${Date.now()}`;
    await logExtra(page, occasion, { value: 'Zorgzaam' });
    await page.getByText('Bewaard op deze telefoon').waitFor();

    // Meanwhile the value is retired; when the phone is back online the server refuses the extra.
    expect((await api(`/api/v1/values/${value.id}/retire`, { method: 'POST', cookie: admin, body: '{}' })).status).toBe(
      200,
    );
    await context.setOffline(false);
    await page.getByText(/Niet opgeslagen:/).waitFor({ timeout: 30_000 });
    expect(await onServer(occasion)).toEqual([]);
    // It does not go away by itself: after a reload it is still there, with its reason.
    await page.reload();
    await page.getByText(/Niet opgeslagen:/).waitFor();
    expect(await axeViolations(page, ['section[aria-labelledby="outbox-title"]'])).toEqual([]);

    // Fixed: back in the form without the retired value, saved, and gone from the outbox.
    await page.getByRole('button', { name: 'Aanpassen' }).click();
    await expect.poll(() => page.getByLabel('Klantaanleiding').inputValue()).toBe(occasion);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen', { exact: true }).waitFor();
    await expect.poll(() => page.getByText(/Niet opgeslagen:/).count()).toBe(0);
    expect(await onServer(occasion)).toHaveLength(1);

    // Signing out with something unsent asks first.
    await context.setOffline(true);
    await logExtra(page, `Nog een zonder verbinding ${Date.now()}`);
    await page.getByText('Bewaard op deze telefoon').waitFor();
    await page.getByRole('button', { name: 'Menu openen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('dialog', { name: 'Nog niet verstuurd' }).waitFor();
    expect(await axeViolations(page, ['[role="dialog"]'])).toEqual([]);
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await context.close();
  });

  it('a new version waits, is announced, and is taken up at the next page change without losing anything', async () => {
    const { context, page } = await lisaOnPhone();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cacheNames = (): Promise<string[]> =>
      page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('klantwerk-')));
    const before = await cacheNames();
    expect(before).toHaveLength(1);

    // A new version is deployed: the same files under a new version of the service worker.
    const worker = path.join(WEB_ROOT, 'sw.js');
    const original = readFileSync(worker);
    const compressed = ['.br', '.gz'].map((ext) => [`${worker}${ext}`, readFileSync(`${worker}${ext}`)] as const);
    try {
      writeFileSync(worker, original.toString().replace(/"version":"[0-9a-f]+"/, '"version":"e2e-next"'));
      for (const [file] of compressed) rmSync(file);

      // Half a story typed: it must survive the switch.
      await page.getByLabel('Klantaanleiding').fill('Gast wilde een later ontbijt');
      await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())?.update()));
      await page.getByText('Er is een nieuwe versie van Klantwerk.', { exact: false }).waitFor();
      expect(await axeViolations(page, ['#update-banner'])).toEqual([]);
      expect(await cacheNames()).toEqual(expect.arrayContaining(['klantwerk-e2e-next']));

      // The next page change is the safe moment: the app reloads on the new version.
      await page.getByRole('button', { name: 'Menu openen' }).click();
      await page.getByRole('button', { name: 'Leren' }).click();
      await page.getByRole('link', { name: "Mijn extra's" }).click();
      // (While the page reloads, asking it fails: poll on. The new version activates once the old one has
      // finished the requests it is answering, which on a loaded machine takes a while.)
      await expect
        .poll(() => cacheNames().catch((error) => [String(error)]), { timeout: 45_000 })
        .toEqual(['klantwerk-e2e-next']);
      await expect
        .poll(() => page.getByText('Er is een nieuwe versie van Klantwerk.', { exact: false }).count(), {
          timeout: 45_000,
        })
        .toBe(0);
      await page.getByRole('heading', { name: "Extra's", exact: true }).waitFor();
      await page.goto('/extras/new');
      await expect.poll(() => page.getByLabel('Klantaanleiding').inputValue()).toBe('Gast wilde een later ontbijt');
    } finally {
      writeFileSync(worker, original);
      for (const [file, body] of compressed) writeFileSync(file, body);
    }
    await context.close();
  }, 120_000);
});
