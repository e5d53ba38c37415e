import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, LAPTOP, PHONE, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// The whole workforce signs in: Pieter adds a new housekeeping-free receptionist without an e-mail
// address and prints her card; she signs in with it on her own phone and sets her PIN; Jeroen turns a
// tablet into the reception's counter, where she logs an extra with her PIN; a lost card is replaced;
// Jeroen imports people from a spreadsheet after the preview showed what was wrong.

/** Scrypt checks of codes and PINs take a while on a busy machine: wait longer than expect.poll's second. */
const eventually = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });
const TABLET = { viewport: { width: 1024, height: 768 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

describe.runIf(browserAvailable())('sign-in for the whole workforce', () => {
  const { server, browser } = useJourney();

  async function device(size: typeof PHONE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...size, locale: 'nl-NL', baseURL: server.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  async function chooseTeam(page: Page, label: string, team: string) {
    await page.getByLabel(new RegExp(`^${label}`)).click();
    await page.getByRole('option', { name: team }).click();
  }

  let code = '';
  let cardUrl = '';

  it('a manager adds a receptionist without e-mail; she signs in with her card on her phone and stays signed in', async () => {
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await pieter.goto('/sign-in-codes');
    await pieter.getByLabel(/^Naam/).fill('Rosa Balie');
    await chooseTeam(pieter, 'Team', 'Receptie');
    await pieter.getByRole('button', { name: 'Toevoegen en code maken' }).click();
    const card = pieter.getByRole('article', { name: 'Inlogkaart van Rosa Balie' });
    await eventually(() => card.isVisible()).toBe(true);
    code = (await card.getByTestId('sign-in-code').textContent())!;
    expect(code).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await eventually(() => card.getByRole('img', { name: 'QR-code om in te loggen als Rosa Balie' }).isVisible()).toBe(
      true,
    );
    expect(await axeViolations(pieter)).toEqual([]);
    cardUrl = `${server.baseUrl}/code#code=${code}`;
    await pieter.context().close();

    // Her own phone: the sign-in page links to the code page; scanning the card opens it with the code filled in.
    const phone = await device(PHONE);
    await phone.page.goto('/sign-in');
    await phone.page.getByRole('link', { name: 'Geen e-mailadres? Inloggen met je code' }).click();
    await phone.page.waitForURL('**/code?lang=nl');
    await phone.page.goto(cardUrl);
    await eventually(() => phone.page.getByLabel(/^Inlogcode/).inputValue()).toBe(code);
    await phone.page.getByRole('button', { name: 'Inloggen' }).click();
    await phone.page.waitForURL((url) => url.pathname === '/');
    expect(phone.page.url()).not.toContain(code);

    // A day later she opens the app again: still signed in. She sets her PIN for the counter.
    await phone.page.goto('/profile');
    await phone.page.getByLabel('Pincode', { exact: true }).fill('2580');
    await phone.page.getByRole('button', { name: 'Pincode opslaan' }).click();
    await eventually(() => phone.page.getByText('Je hebt een pincode').isVisible()).toBe(true);
    const session = (await phone.context.cookies()).find((c) => c.name === 'klantwerk.session_token')!;
    expect(session.expires * 1000).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    await phone.context.close();
  });

  it('an administrator turns a tablet into the reception counter, where she logs an extra with her PIN; then revokes it', async () => {
    const jeroen = await signedInPage(browser, server.baseUrl, 'jeroen@dekroon.example', { device: LAPTOP });
    await jeroen.goto('/counter-devices');
    await jeroen.getByLabel(/^Naam van het apparaat/).fill('Tablet receptie');
    await chooseTeam(jeroen, 'Team', 'Receptie');
    await jeroen.getByRole('button', { name: 'Baliescherm maken' }).click();
    const setupUrl = (await jeroen.getByTestId('setup-url').textContent())!;
    expect(setupUrl).toContain('/counter#setup=');

    const tablet = await device(TABLET);
    await tablet.page.goto(setupUrl);
    await eventually(() => tablet.page.getByText('Tik je naam aan.').isVisible()).toBe(true);
    expect(await axeViolations(tablet.page)).toEqual([]);
    await tablet.page.getByRole('button', { name: 'Rosa Balie' }).click();
    await tablet.page.getByLabel(/^Je pincode/).fill('1111');
    await tablet.page.getByRole('button', { name: 'Beginnen' }).click();
    await eventually(() => tablet.page.getByText('Deze pincode klopt niet.').isVisible()).toBe(true);
    await tablet.page.getByLabel(/^Je pincode/).fill('2580');
    await tablet.page.getByRole('button', { name: 'Beginnen' }).click();
    await eventually(() => tablet.page.getByRole('heading', { name: 'Hallo Rosa Balie' }).isVisible()).toBe(true);
    expect(await axeViolations(tablet.page)).toEqual([]);
    await tablet.page.getByLabel(/^Klantaanleiding/).fill('Gast vergat oplader');
    await tablet.page.getByLabel(/^Wat ik deed/).fill('Oplader uit de gevonden voorwerpen geleend');
    // The organisation's values, as on her own log screen.
    await tablet.page.locator('label', { hasText: 'Gastvrij' }).click();
    await eventually(() => tablet.page.getByRole('checkbox', { name: 'Gastvrij' }).isChecked()).toBe(true);
    await tablet.page.getByRole('button', { name: 'Extra opslaan' }).click();
    await eventually(() => tablet.page.getByText('Je extra is opgeslagen.').isVisible()).toBe(true);
    await tablet.page.getByRole('button', { name: 'Klaar, uitloggen' }).click();
    await eventually(() => tablet.page.getByText('Tik je naam aan.').isVisible()).toBe(true);

    // She forgot her PIN: Pieter, her manager, makes a new one, shown to him once; the old one stops.
    const manager = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await manager.goto('/sign-in-codes');
    await manager.getByRole('button', { name: 'Nieuwe pincode: Rosa Balie' }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'Nieuwe pincode' }).click();
    const shown = manager.getByRole('status').filter({ hasText: 'Pincode van Rosa Balie' });
    await eventually(() => shown.isVisible()).toBe(true);
    const newPin = (await shown.getByTestId('counter-pin').textContent())!.trim();
    expect(newPin).toMatch(/^\d{6}$/);
    // The question has closed (not half faded, when its colours are not yet what the person reads).
    await eventually(() => manager.getByRole('dialog').count()).toBe(0);
    expect(await axeViolations(manager)).toEqual([]);
    await manager.context().close();
    await tablet.page.getByRole('button', { name: 'Rosa Balie' }).click();
    await tablet.page.getByLabel(/^Je pincode/).fill('2580');
    await tablet.page.getByRole('button', { name: 'Beginnen' }).click();
    await eventually(() => tablet.page.getByText('Deze pincode klopt niet.').isVisible()).toBe(true);
    await tablet.page.getByLabel(/^Je pincode/).fill(newPin);
    await tablet.page.getByRole('button', { name: 'Beginnen' }).click();
    await eventually(() => tablet.page.getByRole('heading', { name: 'Hallo Rosa Balie' }).isVisible()).toBe(true);
    await tablet.page.getByRole('button', { name: 'Klaar, uitloggen' }).click();
    await eventually(() => tablet.page.getByText('Tik je naam aan.').isVisible()).toBe(true);

    await jeroen.reload();
    await jeroen.getByRole('button', { name: 'Intrekken: Tablet receptie' }).click();
    await jeroen.getByRole('dialog').getByRole('button', { name: 'Intrekken' }).click();
    await eventually(() => jeroen.getByText('Ingetrokken').isVisible()).toBe(true);
    await tablet.page.reload();
    await eventually(() => tablet.page.getByText('Dit is (nog) geen baliescherm').isVisible()).toBe(true);
    await tablet.context.close();

    // The extra is hers, on her own list.
    const phone = await device(PHONE);
    await phone.page.goto(cardUrl);
    await phone.page.getByRole('button', { name: 'Inloggen' }).click();
    await phone.page.waitForURL((url) => url.pathname === '/');
    await phone.page.goto('/extras');
    await eventually(() => phone.page.getByText('Gast vergat oplader').first().isVisible()).toBe(true);
    const logged = (await (await phone.page.request.get('/api/v1/extras')).json()).items.find(
      (e: { occasion: string }) => e.occasion === 'Gast vergat oplader',
    );
    expect(logged.valueIds).toHaveLength(1);

    // She lost her card: Pieter makes a new one, and her phone is signed out at once.
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await pieter.goto('/sign-in-codes');
    await pieter.getByRole('button', { name: 'Nieuwe kaart: Rosa Balie' }).click();
    await pieter.getByRole('dialog').getByRole('button', { name: 'Nieuwe kaart' }).click();
    const newCode = (await pieter
      .getByRole('article', { name: 'Inlogkaart van Rosa Balie' })
      .getByTestId('sign-in-code')
      .textContent())!;
    expect(newCode).not.toBe(code);
    await phone.page.goto('/extras');
    await phone.page.waitForURL((url) => url.pathname === '/sign-in');
    await phone.page.goto(cardUrl);
    await phone.page.getByRole('button', { name: 'Inloggen' }).click();
    await eventually(() => phone.page.getByText('Deze code klopt niet.', { exact: false }).isVisible()).toBe(true);
    await phone.context.close();
    await pieter.context().close();
    await jeroen.context().close();
  });

  it('an administrator imports people from a spreadsheet: the preview shows the problems, then invitations and cards', async () => {
    const jeroen = await signedInPage(browser, server.baseUrl, 'jeroen@dekroon.example', { device: LAPTOP });
    await jeroen.goto('/members/import');
    const rows = (email: string) =>
      `naam;e-mail;team;rol;taal\nWim Nacht;${email};Receptie;medewerker;nl\nOla Linnen;;Huishouding;;\n`;
    await jeroen.getByLabel('Of plak de regels hier').fill(rows('wim@@dekroon'));
    await jeroen.getByRole('button', { name: 'Controleren' }).click();
    await eventually(() => jeroen.getByText('Geen geldig e-mailadres').isVisible()).toBe(true);
    await eventually(() => jeroen.getByText('1 van 2 regels heeft een probleem', { exact: false }).isVisible()).toBe(
      true,
    );
    expect(await jeroen.getByRole('button', { name: /importeren/ }).isDisabled()).toBe(true);
    expect(await axeViolations(jeroen)).toEqual([]);

    await jeroen.getByLabel('Of plak de regels hier').fill(rows('wim@dekroon.example'));
    await jeroen.getByRole('button', { name: 'Controleren' }).click();
    await eventually(() => jeroen.getByText('2 regels, geen problemen.').isVisible()).toBe(true);
    await jeroen.getByRole('button', { name: '2 mensen importeren' }).click();
    await eventually(() => jeroen.getByText('1 uitnodigingen verstuurd, 1 inlogkaarten gemaakt.').isVisible()).toBe(
      true,
    );
    await eventually(() => jeroen.getByRole('article', { name: 'Inlogkaart van Ola Linnen' }).isVisible()).toBe(true);
    expect(server.mailer.outbox.some((m) => m.to === 'wim@dekroon.example')).toBe(true);
    // In the members list she has no address, and no placeholder shows in its place.
    await jeroen.goto('/members');
    const ola = jeroen.getByRole('row').filter({ hasText: 'Ola Linnen' });
    await eventually(() => ola.getByText('Geen e-mailadres: logt in met een inlogkaart').isVisible()).toBe(true);
    expect(await jeroen.getByText('no-email.invalid', { exact: false }).count()).toBe(0);

    // The mail server fails for one address: the import says so per row, and sends it again on request.
    const send = server.mailer.send;
    server.mailer.send = async (mail) => {
      if (mail.to === 'kim@dekroon.example') throw new Error('mail server down');
      return send.call(server.mailer, mail);
    };
    await jeroen.goto('/members/import');
    await jeroen
      .getByLabel('Of plak de regels hier')
      .fill('Kim Kapot;kim@dekroon.example;Receptie;;\nLot Goed;lot@dekroon.example;Receptie;;\n');
    await jeroen.getByRole('button', { name: 'Controleren' }).click();
    await jeroen.getByRole('button', { name: '2 mensen importeren' }).click();
    const unmailed = jeroen.locator('section', {
      has: jeroen.getByRole('heading', { name: '1 uitnodiging niet gemaild' }),
    });
    await eventually(() => unmailed.getByText('kim@dekroon.example').isVisible()).toBe(true);
    expect(await unmailed.getByText('lot@dekroon.example').count()).toBe(0);
    expect(await axeViolations(jeroen)).toEqual([]);
    server.mailer.send = send;
    await unmailed.getByRole('button', { name: 'Opnieuw versturen: kim@dekroon.example' }).click();
    await eventually(() => unmailed.getByText('Gemaild', { exact: true }).isVisible()).toBe(true);
    expect(server.mailer.outbox.filter((m) => m.to === 'kim@dekroon.example')).toHaveLength(1);
    await jeroen.context().close();
  });
});
