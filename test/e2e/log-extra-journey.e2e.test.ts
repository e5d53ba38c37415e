import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  browserAvailable,
  cspViolations,
  DEMO_PASSWORD,
  LAPTOP,
  leftCents,
  signedInPage,
} from './browser';
import { useJourney } from './e2e-harness';

// Lisa at the front desk logs an extra on her phone, in Dutch, and sees her mandate left shrink;
// Pieter, her manager, sees it in his team's list.

describe.runIf(browserAvailable())('logging an extra on a phone', () => {
  const { server, browser } = useJourney();

  beforeAll(async () => {
    // Give Lisa a roomy personal mandate, so the demo's random week cannot push this extra above it.
    const api = async (path: string, init: RequestInit & { cookie?: string } = {}) =>
      fetch(`${server.baseUrl}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', cookie: init.cookie ?? '' },
      });
    const signIn = await api('/api/v1/auth/sign-in', {
      method: 'POST',
      body: JSON.stringify({ email: 'jeroen@dekroon.example', password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const lisa = (await (await api('/api/v1/members?q=lisa', { cookie })).json()).items[0];
    const set = await api('/api/v1/mandates', {
      method: 'PUT',
      cookie,
      body: JSON.stringify({
        scope: { type: 'member', memberId: lisa.id },
        period: 'week',
        budgetCents: 50000,
        maxPerExtraCents: 5000,
        allowedKinds: ['gift', 'time', 'upgrade'],
      }),
    });
    expect(set.status).toBe(200);
  });

  it('Lisa logs an extra in one screen and one save; her mandate left shrinks; Pieter sees it', async () => {
    const lisa = await signedInPage(browser, server.baseUrl, 'lisa@dekroon.example');
    await lisa.goto('/extras/new');
    const mandateText = lisa.getByText(/Nog €\s?.* van €\s?500,00 deze week/);
    await mandateText.waitFor();
    const before = leftCents(await mandateText.innerText());

    // Long on purpose: it comes back as a suggestion on the next extra, where a phone must shorten it with "…".
    const occasion = `Gast verloor zijn sleutel bij het ontbijt en wist zijn kamernummer niet meer ${Date.now()}`;
    await lisa.getByLabel('Klantaanleiding').fill(occasion);
    await lisa.getByLabel('Wat heb je gedaan?').fill('Nieuwe sleutel en een kop koffie');
    await lisa.getByText('Cadeau', { exact: true }).click();
    await lisa.getByLabel('Kosten (€)').fill('2,50');
    await lisa.getByLabel('Minuten').fill('5');
    await lisa.getByRole('button', { name: 'Zeer positief' }).click();
    await lisa.getByRole('button', { name: 'Opslaan' }).click();
    await lisa.getByText('Opgeslagen', { exact: true }).waitFor();

    await expect.poll(async () => leftCents(await mandateText.innerText())).toBe(before - 250);

    // Lisa takes home everything the hotel holds about her; the extra she just logged is in it.
    await lisa.goto('/profile');
    const [download] = await Promise.all([
      lisa.waitForEvent('download'),
      lisa.getByRole('button', { name: 'Mijn gegevens downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^klantwerk-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await fs.readFile((await download.path())!, 'utf8'));
    expect(file.person.email).toBe('lisa@dekroon.example');
    expect(file.extras.map((e: { occasion: string }) => e.occasion)).toContain(occasion);

    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await pieter.goto('/extras');
    await pieter.getByRole('tab', { name: 'Mijn team' }).click();
    await expect.poll(() => pieter.getByText(occasion).first().isVisible()).toBe(true);
  });

  it('a phone set to another time zone still logs the time as the hotel clock reads it', async () => {
    const lisa = await signedInPage(browser, server.baseUrl, 'lisa@dekroon.example', {
      timezoneId: 'America/New_York',
    });
    await lisa.goto('/extras/new');
    // The suggestions fit the 390 px phone; one too long for it ends in "…" rather than being cut off.
    const pills = lisa.getByRole('group', { name: 'Eerder:' }).first().locator('[data-suggestion]');
    await lisa
      .getByRole('button', { name: /^Gast verloor zijn sleutel bij het ontbijt/ })
      .first()
      .waitFor();
    const fits = await pills.evaluateAll((spans) =>
      spans.map((span) => ({
        inside: span.closest('button')!.getBoundingClientRect().right <= window.innerWidth,
        cut: span.scrollWidth > span.clientWidth,
        ellipsis: getComputedStyle(span).textOverflow === 'ellipsis' && getComputedStyle(span).whiteSpace === 'nowrap',
      })),
    );
    expect(fits.every((f) => f.inside && (!f.cut || f.ellipsis))).toBe(true);
    expect(fits.some((f) => f.cut)).toBe(true);
    // Two hours ago on the hotel's clock (Europe/Amsterdam), to the minute.
    const when = new Date(Math.floor((Date.now() - 2 * 3600_000) / 60_000) * 60_000);
    const hotelClock = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', ...options }).format(when);
    const typed = `${hotelClock({ year: 'numeric', month: '2-digit', day: '2-digit' })}T${hotelClock({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`;

    const occasion = `Gast vroeg om een taxi ${Date.now()}`;
    await lisa.getByLabel('Klantaanleiding').fill(occasion);
    await lisa.getByLabel('Wat heb je gedaan?').fill('Taxi gebeld en een paraplu meegegeven');
    await lisa.getByText('Tijd', { exact: true }).click();
    await lisa.getByRole('button', { name: 'Wanneer: nu' }).click();
    const whenField = lisa.getByLabel('Wanneer', { exact: true });
    // The field opens on "now" as the hotel clock reads it, not New York's.
    expect((await whenField.inputValue()).slice(0, 10)).toBe(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date()),
    );
    await whenField.fill(typed);
    await lisa.getByRole('button', { name: 'Opslaan' }).click();
    await lisa.getByText('Opgeslagen', { exact: true }).waitFor();

    const saved = await lisa.evaluate(async (text) => {
      const list = await (await fetch(`/api/v1/extras?scope=mine`)).json();
      return list.items.find((item: { occasion: string }) => item.occasion === text)?.occurredAt as string | undefined;
    }, occasion);
    expect(saved && new Date(saved).toISOString()).toBe(when.toISOString());
  });

  it('Lisa reads who looked at her own extras, and the privacy statement for staff, on screen and in English', async () => {
    // Jeroen records the works council's consent; only then may Pieter narrow his team's list to Lisa.
    const jeroen = await signedInPage(browser, server.baseUrl, 'jeroen@dekroon.example', { device: LAPTOP });
    const consent = await jeroen.evaluate(async () => {
      const body = {
        memberComparison: true,
        worksCouncilAgreed: true,
        worksCouncilAgreedOn: '2026-01-12',
        worksCouncilNote: 'OR-vergadering januari',
      };
      return (
        await fetch('/api/v1/learning/settings', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status;
    });
    expect(consent).toBe(200);
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    const looked = await pieter.evaluate(async () => {
      const lisa = (await (await fetch('/api/v1/members?q=lisa')).json()).items[0];
      return (await fetch(`/api/v1/extras?scope=team&memberId=${lisa.id}`)).status;
    });
    expect(looked).toBe(200);

    const lisa = await signedInPage(browser, server.baseUrl, 'lisa@dekroon.example');
    await lisa.goto('/profile');
    const views = lisa.getByRole('region', { name: 'Wie je cijfers bekeek' });
    await views.getByRole('cell', { name: "Je extra's (lijst)" }).waitFor();
    await views.getByRole('cell', { name: /^Pieter/ }).waitFor();
    expect(await axeViolations(lisa, ['section[aria-labelledby="figure-views-title"]'])).toEqual([]);

    await lisa.getByRole('link', { name: 'Lees de privacyverklaring voor medewerkers' }).click();
    await lisa.getByRole('heading', { level: 1, name: 'Privacyverklaring voor medewerkers: Hotel De Kroon' }).waitFor();
    await lisa
      .getByText(/Aan sinds .* nadat de ondernemingsraad op 12 januari 2026 instemde \(OR-vergadering januari\)/)
      .waitFor();
    expect(await axeViolations(lisa, ['main'])).toEqual([]);
    await lisa.getByText('English', { exact: true }).click();
    await lisa.getByRole('heading', { level: 1, name: 'Privacy statement for staff: Hotel De Kroon' }).waitFor();
    await lisa.getByRole('heading', { level: 2, name: 'Who sees what' }).waitFor();
    expect(await axeViolations(lisa, ['main'])).toEqual([]);
    await lisa.getByRole('button', { name: 'Afdrukken' }).waitFor();
  });

  it('a mandate of € 5 a week with at most € 10 per extra is not saved without a word', async () => {
    const jeroen = await signedInPage(browser, server.baseUrl, 'jeroen@dekroon.example', { device: LAPTOP });
    await jeroen.goto('/mandates');
    await jeroen.getByRole('button', { name: 'Mandaat instellen' }).click();
    const form = jeroen.getByRole('dialog');
    await form.getByLabel('Budget (€)').fill('5');
    await form.getByLabel('Max. per extra (€)').fill('10');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form
      .getByText('De maximale kosten per extra zijn hoger dan het budget voor de hele periode', { exact: false })
      .waitFor();
    expect(await form.isVisible()).toBe(true);
    await jeroen.context().close();
  });

  it('a signed-out page logs nothing in the console: asking who is signed in is no failed request', async () => {
    const context = await browser.newContext({ ...LAPTOP, locale: 'nl-NL', baseURL: server.baseUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const failed: string[] = [];
    page.on(
      'response',
      (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`),
    );
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).waitFor();
    await page.goto('/forgot-password');
    await page.getByLabel('E-mailadres').waitFor();
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  // Every journey fails when its pages met a Content-Security-Policy violation (launchBrowser watches);
  // these two show the watch works and that the API docs live under the policy too.
  it('the API docs work under the Content-Security-Policy with nothing blocked', async () => {
    const page = await (await browser.newContext(LAPTOP)).newPage();
    await page.goto(`${server.baseUrl}/api/docs/`);
    await page.locator('.swagger-ui .info').waitFor({ timeout: 40_000 });
    expect(cspViolations(browser)).toEqual([]);
  });

  it('a script injected into the page is refused, and the journeys hear of it', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'lisa@dekroon.example');
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations(browser).length).toBe(1);
    expect(cspViolations(browser)[0]).toMatch(/script-src/);
    cspViolations(browser).length = 0; // seen and expected: the browser may close quietly
  });
});
