import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsStub, startDnsStub } from '../helpers/dns-stub';
import { startOidcProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestProvider } from '../helpers/oidc-provider';
import { axeViolations, browserAvailable, DEMO_PASSWORD, LAPTOP, PHONE } from './browser';
import { useJourney } from './e2e-harness';

// Single sign-on against a real OpenID Connect provider (npm oidc-provider) started on loopback: the
// administrator of Hotel De Kroon connects it, colleagues sign in with it, newcomers wait for approval
// or join at once, tokens for another app or expired ones are refused, other domains are sent back to
// their password, and once single sign-on is required, passwords no longer open the door.

/** Waits for what a person would wait for (this machine is shared and busy). */
const soon = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

describe.runIf(browserAvailable())('signing in with the organisation, against a real OpenID provider', () => {
  let provider: TestProvider;
  let dns: DnsStub;
  let admin: Page;
  const { server, browser } = useJourney(async () => {
    // The domain's TXT record comes from a DNS server of the test's own on loopback.
    dns = await startDnsStub();
    return { env: { SSO_DNS_SERVERS: dns.server } };
  });

  beforeAll(async () => {
    provider = await startOidcProvider([`${server.baseUrl}/api/v1/auth/sso/callback`]);
  });
  afterAll(async () => {
    await provider?.close();
    await dns?.close();
  });

  async function newPage(device = PHONE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...device, locale: 'nl-NL', baseURL: server.baseUrl });
    // The provider's development login page asks for a web font; this machine has no way out.
    await context.route(/^https:\/\/fonts\./, (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  /** On the sign-in page: the address, then "Inloggen met je organisatie", then the provider's own login page. */
  async function signInWithOrganisation(email: string): Promise<Page> {
    const { page } = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByRole('button', { name: 'Inloggen met je organisatie' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'domcontentloaded' });
    await page.locator('input[name=login]').fill(email);
    await page.locator('input[name=password]').fill('whatever the provider asks');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.origin === server.baseUrl);
    return page;
  }

  const isSignedIn = (page: Page) => page.getByText('Hotel De Kroon').first().isVisible();

  async function putSso(body: Record<string, unknown>) {
    const response = await admin.request.put('/api/v1/sso', { data: body });
    expect(response.status(), await response.text()).toBe(200);
  }

  it('the administrator connects the provider on the organisation page; the secret is never shown again', async () => {
    ({ page: admin } = await newPage(LAPTOP));
    await admin.goto('/sign-in');
    await admin.getByLabel('E-mailadres').fill('jeroen@dekroon.example');
    await admin.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await soon(() => isSignedIn(admin)).toBe(true);
    await admin.goto('/organization');
    const section = admin.locator('section', {
      has: admin.getByRole('heading', { name: 'Inloggen met je organisatie (single sign-on)' }),
    });
    await soon(() => section.getByLabel('Redirect-URI om bij de inlogdienst te registreren').inputValue()).toBe(
      `${server.baseUrl}/api/v1/auth/sso/callback`,
    );
    await section.getByLabel('Issuer-URL').fill(provider.issuer);
    await section.getByLabel('Client-ID').fill(TEST_CLIENT_ID);
    await section.getByLabel('Clientgeheim').fill(TEST_CLIENT_SECRET);
    await section.getByLabel('E-maildomeinen').fill('dekroon.example');
    await section.getByLabel('Wacht tot een beheerder toelaat').check();
    await section.getByRole('button', { name: 'Opslaan' }).click();
    await soon(() => admin.getByText('Er is een geheim opgeslagen. Laat leeg om het te houden.').isVisible()).toBe(
      true,
    );

    // The domain counts once the DNS proves it: the record to add is on the page.
    const proof = admin.locator('section', { has: admin.getByRole('heading', { name: 'Domeinen bewijzen' }) });
    await soon(() => proof.getByText('Nog niet bewezen').isVisible()).toBe(true);
    await proof.getByRole('button', { name: 'DNS nu controleren' }).click();
    await soon(() => proof.getByText('Het TXT-record is (nog) niet gevonden.', { exact: false }).isVisible()).toBe(
      true,
    );
    const record = await proof.getByLabel('TXT-record').inputValue();
    expect(record).toMatch(/^klantwerk-verification=/);
    dns.txt.set('dekroon.example', [['v=spf1 -all'], [record]]);
    await proof.getByRole('button', { name: 'DNS nu controleren' }).click();
    await soon(() => proof.getByText('Bewezen', { exact: true }).isVisible()).toBe(true);

    await admin.reload();
    await soon(() => admin.getByLabel('Issuer-URL').inputValue()).toBe(provider.issuer);
    await soon(() => proof.getByText('Bewezen', { exact: true }).isVisible()).toBe(true);
    // After the reload, without the toast of saving (its close button is the notifications' own).
    expect(await axeViolations(admin)).toEqual([]);
    expect(await admin.getByLabel('Clientgeheim').inputValue()).toBe('');
    expect(await admin.content()).not.toContain(TEST_CLIENT_SECRET);
    const api = await admin.request.get('/api/v1/sso');
    expect(await api.text()).not.toContain(TEST_CLIENT_SECRET);
  });

  it('a colleague who is already a member signs in with the organisation and lands in the app', async () => {
    const page = await signInWithOrganisation('lisa@dekroon.example');
    await soon(() => isSignedIn(page)).toBe(true);
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.user.email).toBe('lisa@dekroon.example');
    expect(me.activeOrganization.name).toBe('Hotel De Kroon');
  });

  it('a newcomer waits for approval; once the administrator lets them in, they sign in', async () => {
    const first = await signInWithOrganisation('noor.nieuw@dekroon.example');
    await soon(() => first.getByText('Je aanmelding is ontvangen.', { exact: false }).isVisible()).toBe(true);
    expect(new URL(first.url()).pathname).toBe('/sign-in');

    await admin.goto('/organization');
    const waiting = admin.locator('section', { has: admin.getByRole('heading', { name: 'Wachten op toelating' }) });
    await soon(() => waiting.getByText('noor.nieuw@dekroon.example').isVisible()).toBe(true);
    await waiting.getByRole('button', { name: 'Toelaten: noor nieuw' }).click();
    await soon(() => waiting.getByText('Niemand wacht op toelating.').isVisible()).toBe(true);

    const again = await signInWithOrganisation('noor.nieuw@dekroon.example');
    await soon(() => isSignedIn(again)).toBe(true);
  });

  it('with "joins at once", a newcomer is a member from the first sign-in', async () => {
    await putSso({
      issuer: provider.issuer,
      clientId: TEST_CLIENT_ID,
      domains: ['dekroon.example'],
      provisioning: 'member',
      required: false,
    });
    const page = await signInWithOrganisation('bram.nieuw@dekroon.example');
    await soon(() => isSignedIn(page)).toBe(true);
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.member.roles).toEqual(['member']);
  });

  it('an ID token for another app, or one that has expired, is refused', async () => {
    for (const tamper of ['audience', 'expired'] as const) {
      provider.tamper = tamper;
      const page = await signInWithOrganisation('lisa@dekroon.example');
      await soon(() => page.getByRole('alert').textContent()).toContain('Inloggen via je organisatie is niet gelukt');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    }
    provider.tamper = 'none';
  });

  it('an address whose domain is not connected is sent back to its password', async () => {
    const { page } = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mailadres').fill('iemand@elders.example');
    await page.getByRole('button', { name: 'Inloggen met je organisatie' }).click();
    await soon(() => page.getByRole('alert').textContent()).toContain(
      'Voor dit e-mailadres is geen inlogdienst van een organisatie gekoppeld',
    );
    expect(new URL(page.url()).origin).toBe(server.baseUrl);
  });

  it('once single sign-on is required, a password no longer signs in for the domain', async () => {
    await putSso({
      issuer: provider.issuer,
      clientId: TEST_CLIENT_ID,
      domains: ['dekroon.example'],
      provisioning: 'member',
      required: true,
    });
    const { page } = await newPage();
    await page.goto('/sign-in');
    await page.getByLabel('E-mailadres').fill('pieter@dekroon.example');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await soon(() => page.getByRole('alert').textContent()).toContain(
      'Je organisatie laat je inloggen via haar eigen inlogdienst',
    );
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    // The way that is left works.
    const sso = await signInWithOrganisation('pieter@dekroon.example');
    await soon(() => isSignedIn(sso)).toBe(true);

    // Break-glass: the administrator's password still opens, should the provider break; the
    // organisation page says so while single sign-on is required.
    const { page: jeroen } = await newPage(LAPTOP);
    await jeroen.goto('/sign-in');
    await jeroen.getByLabel('E-mailadres').fill('jeroen@dekroon.example');
    await jeroen.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await jeroen.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await soon(() => isSignedIn(jeroen)).toBe(true);
    await jeroen.goto('/organization');
    await soon(() => jeroen.getByText('Noodtoegang voor beheerders').isVisible()).toBe(true);
  });
});
