import { describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, PHONE, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Lisa logs an extra and shows the customer the QR code; the customer, on their own phone and signed in
// nowhere, reacts very negatively; Pieter, who leads reception, gets the follow-up and closes it as
// "not our customer"; Sanne, the outside sales adviser, files a proposal for a need; Anna decides it
// from her queue; the tower shows all of it.

describe.runIf(browserAvailable())('the customer’s voice, counsel and the tower', () => {
  const { server, browser } = useJourney();
  const stamp = Date.now().toString(36);
  const occasion = `Gast wilde een late check-out ${stamp}`;
  const complaint = `Niemand wist van mijn afspraak ${stamp}`;
  const title = `Vaste tafel voor zakelijke gasten ${stamp}`;

  it('closes the loop with the customer, brings a proposal to a decision, and shows it in the tower', async () => {
    // ---- Lisa logs an extra and shows the QR code ----
    const lisa = await signedInPage(browser, server.baseUrl, 'lisa@dekroon.example');
    await lisa.goto('/extras/new');
    await lisa.getByLabel('Klantaanleiding').fill(occasion);
    await lisa.getByLabel('Wat heb je gedaan?').fill('Kamer tot twee uur laten staan');
    await lisa.getByText('Tijd', { exact: true }).click();
    await lisa.getByLabel('Kosten (€)').fill('0');
    await lisa.getByLabel('Minuten').fill('5');
    await lisa.getByRole('button', { name: 'Opslaan' }).click();
    await lisa.getByText('Opgeslagen', { exact: true }).waitFor();
    await lisa.goto('/extras');
    await lisa.getByText(occasion).first().click();
    await lisa.waitForURL(/\/extras\/[0-9a-f-]{36}$/);
    await lisa.getByRole('button', { name: 'Vraag de klant om een reactie' }).click();
    await lisa.getByRole('img', { name: 'QR-code voor de reactielink' }).waitFor();
    const url = await lisa.getByRole('dialog').getByLabel('Reactielink').inputValue();
    const path = new URL(url).pathname;
    expect(path).toMatch(/^\/r\/[A-Za-z0-9_-]{22}$/);

    // ---- The customer scans it: a fresh phone, nobody signed in ----
    const customerContext = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
    const customer = await customerContext.newPage();
    const scripts: string[] = [];
    customer.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await customer.goto(`${server.baseUrl}${path}`);
    // The page says what "it" was: what was done for the customer that day.
    await customer.getByRole('heading', { name: /^Hoe vond u wat we op \d{1,2} \w+ \d{4} voor u deden\?$/ }).waitFor();
    await customer.getByText('Hotel De Kroon').waitFor();
    expect(await customer.getByText(occasion).count()).toBe(0);
    await customer.locator('label[for="s1"]').click();
    await customer.getByLabel('Wilt u nog iets kwijt? (mag leeg blijven)').fill(complaint);
    await customer.locator('label[for="contact"]').click();
    await customer.getByLabel('Naam').fill('Mevrouw Bakker');
    await customer.getByLabel('E-mailadres').fill('bakker@example.test');
    await customer.getByRole('button', { name: 'Versturen' }).click();
    await customer.getByRole('heading', { name: 'Dank u wel!' }).waitFor();
    // A 1 of 5 with "contact me": the customer is told by when they hear back.
    await customer.getByText(/U vroeg om contact: u hoort uiterlijk \d{1,2} \w+ \d{4} van ons\./).waitFor();
    expect(scripts).toEqual([]);
    await customerContext.close();

    // ---- Pieter gets the follow-up and closes it: the request did not fit the offer ----
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example');
    await pieter.goto('/customer-voice/follow-ups');
    const card = pieter
      .locator('div', { hasText: complaint })
      .filter({ has: pieter.getByRole('button', { name: 'Niet onze klant' }) })
      .last();
    await card.getByRole('button', { name: 'Niet onze klant' }).click();
    const close = pieter.getByRole('dialog');
    await close
      .getByLabel('Waarom paste het verzoek niet bij ons aanbod?')
      .fill('Late check-out tot twee uur bieden we alleen na overleg aan');
    await close.getByRole('button', { name: 'Afsluiten als niet onze klant' }).click();
    await expect.poll(() => pieter.getByText(complaint).count()).toBe(0);
    await pieter.getByText('Afgesloten', { exact: true }).click();
    await pieter.getByText(complaint).waitFor();
    // The customer is helped; Pieter erases her contact details, her words stay.
    await pieter.getByText('bakker@example.test').waitFor();
    await pieter.getByRole('button', { name: 'Contactgegevens van Mevrouw Bakker wissen' }).click();
    await pieter.getByRole('dialog').getByRole('button', { name: 'Contactgegevens wissen' }).click();
    await pieter.getByText('De contactgegevens zijn gewist.').waitFor();
    await expect.poll(() => pieter.getByText('Mevrouw Bakker').count()).toBe(0);
    await pieter.getByText(complaint).waitFor();

    // ---- Jeroen, the administrator, keeps customers' contact details 30 days; the next customer is told ----
    const jeroen = await signedInPage(browser, server.baseUrl, 'jeroen@dekroon.example', { device: LAPTOP });
    await jeroen.goto('/organization');
    const privacy = jeroen.getByRole('region', { name: 'Privacy' });
    await privacy.getByLabel('Contactgegevens van klanten bewaren').fill('3');
    await privacy.getByRole('button', { name: 'Opslaan' }).click();
    await privacy.getByText('Kies een aantal dagen van 7 tot 730.').waitFor();
    await privacy.getByLabel('Contactgegevens van klanten bewaren').fill('30');
    await privacy.getByRole('button', { name: 'Opslaan' }).click();
    const toast = jeroen.getByText('Opgeslagen.', { exact: true });
    await toast.waitFor();
    // The toast does not cover the bell (toasts sit at the bottom on a laptop).
    const bell = await jeroen
      .getByRole('button', { name: /^Meldingen/ })
      .first()
      .boundingBox();
    const saved = await toast.boundingBox();
    expect(bell && saved && (saved.y > bell.y + bell.height || saved.x + saved.width < bell.x)).toBe(true);
    const nextContext = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
    const nextCustomer = await nextContext.newPage();
    await nextCustomer.goto(`${server.baseUrl}${path}`);
    await nextCustomer.getByText('hooguit 30 dagen', { exact: false }).waitFor();
    await nextContext.close();

    // ---- Sanne, the outside sales adviser, proposes for a need ----
    const sanne = await signedInPage(browser, server.baseUrl, 'sanne@dekroon.example', { device: LAPTOP });
    await sanne.goto('/needs');
    const need = sanne
      .locator('div', { hasText: 'Meer vaste zakelijke gasten' })
      .filter({ has: sanne.getByRole('link', { name: 'Voorstel doen voor deze behoefte' }) })
      .last();
    await need.getByRole('link', { name: 'Voorstel doen voor deze behoefte' }).click();
    await sanne.waitForURL(/\/proposals\/new\?needId=/);
    await sanne.getByLabel('Iets nieuws').check();
    await sanne.getByLabel('Titel').fill(title);
    await sanne
      .getByLabel('Het voorstel')
      .fill('Elke dinsdag en woensdag een vaste tafel voor zakelijke gasten, met hun naam erop.');
    await sanne.getByLabel('Effect op klanten').fill('Zakelijke gasten voelen zich thuis en komen terug.');
    await sanne.getByLabel('Effect op medewerkers').fill('Restaurant weet vooraf wie er komt.');
    await sanne.getByLabel('Kosten in euro').fill('250');
    await sanne.getByLabel("Risico's").fill('Lege tafel als een gast afzegt.');
    await sanne.getByRole('button', { name: 'Voorstel indienen' }).click();
    await sanne.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    await sanne.getByText(title).first().waitFor();

    // ---- Anna decides it from her queue (the oldest come first) ----
    const anna = await signedInPage(browser, server.baseUrl, 'anna@dekroon.example', { device: LAPTOP });
    await anna.goto('/decision-queue');
    await anna.getByText(/1 van 3 in de wachtrij/).waitFor();
    for (let i = 0; i < 2; i++) await anna.getByRole('button', { name: 'Volgend voorstel' }).click();
    await anna.getByText(/3 van 3 in de wachtrij/).waitFor();
    await anna.getByText(title).first().waitFor();
    await anna.getByLabel('Reden').fill('Goed idee: start in januari, we kijken na drie maanden.');
    await anna.getByRole('button', { name: 'Goedkeuren' }).click();
    await anna.getByText(/van 2 in de wachtrij/).waitFor();
    // The next proposal appears with its title in view below the header, and the focus on it.
    const next = anna.getByRole('heading', { level: 2 }).filter({ has: anna.locator('a[href^="/proposals/"]') });
    await expect.poll(() => next.evaluate((h) => document.activeElement === h)).toBe(true);
    const top = await next.evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(56);
    expect(top).toBeLessThan(800);

    // ---- The tower shows all of it ----
    await anna.goto('/tower');
    await anna.getByRole('heading', { name: 'De toren' }).waitFor();
    const tower = await anna.evaluate(async () => (await fetch('/api/v1/tower')).json());
    expect(tower.counsel.queue).toBe(2);
    expect(tower.voice.veryNegative).toBeGreaterThanOrEqual(1);
    await anna.getByRole('heading', { name: 'Raad' }).waitFor();
    await anna.getByRole('heading', { name: 'Klantstem' }).waitFor();
    await anna.getByRole('heading', { name: 'Zwakste schakel' }).waitFor();
    await anna.getByText('Kernvragen najaar 2026').waitFor();

    // ---- A touchpoint on 0–10: the customer's page names the place and keeps the scale on one row on a phone ----
    const point = await anna.evaluate(async () => {
      const res = await fetch('/api/v1/touchpoints', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Lobbybar', scale: 'scale10' }),
      });
      return res.json();
    });
    const guestContext = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
    const guest = await guestContext.newPage();
    await guest.goto(`${server.baseUrl}${new URL(point.link.url).pathname}`);
    await guest.getByRole('heading', { name: 'Hoe was het bij Lobbybar?' }).waitFor();
    const scores = await guest
      .locator('.scores label')
      .evaluateAll((labels) =>
        labels.map((l) => ({ top: Math.round(l.getBoundingClientRect().top), right: l.getBoundingClientRect().right })),
      );
    expect(scores).toHaveLength(11);
    expect(new Set(scores.map((b) => b.top)).size).toBe(1);
    expect(Math.max(...scores.map((b) => b.right))).toBeLessThanOrEqual(390);
    await guestContext.close();
  }, 150_000);
});
