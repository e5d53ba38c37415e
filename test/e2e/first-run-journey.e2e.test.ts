import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, PHONE } from './browser';
import { useJourney } from './e2e-harness';

// A fresh install without mail (no SMTP_URL): the first visitor is led to create the organisation, the
// founder walks the first-run checklist from the home (purpose, skip values and offerings, a team, skip
// mandates, an invitation whose link is "ready", not "sent"), and logs the first extra. Then, on a
// laptop, the founder's menu fits without scrolling.

describe.runIf(browserAvailable())('the first run of a new organisation, on a phone', () => {
  const { server, browser } = useJourney({ empty: true, mailDelivers: false });

  const checklist = (page: Page) => page.getByRole('region', { name: 'Je organisatie opzetten' });

  it('from an empty server to the first logged extra', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'nl-NL', baseURL: server.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    // 1. The start page of an empty server is creating the organisation, not signing in.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-up');
    await page.getByText('Er is nog geen organisatie op deze server.', { exact: false }).waitFor();
    await page.getByLabel('Naam van je organisatie').fill('Bakkerij Brood & Co');
    await page.getByLabel('Je naam').fill('Bram Bakker');
    await page.getByLabel('E-mailadres').fill('bram@brood.example');
    await page.getByLabel('Kies een wachtwoord').fill('bram bakt elke ochtend vers');
    await page.getByRole('button', { name: 'Organisatie aanmaken' }).click();
    // No mail is set up: the page says so, rather than sending the founder to an empty mailbox.
    await page
      .getByText('niet gemaild naar bram@brood.example: hij staat in het logboek van de server', { exact: false })
      .waitFor();
    expect(await page.getByText('Kijk in je e-mail', { exact: false }).count()).toBe(0);

    // 2. Without SMTP the confirmation link is in the server's log; the founder opens it.
    await expect.poll(() => server.mailer.outbox.filter((m) => m.to === 'bram@brood.example').length).toBe(1);
    const link = server.mailer.outbox
      .find((m) => m.to === 'bram@brood.example')!
      .text.match(/http:\/\/\S+\/sign-up\/confirm#token=[\w-]+/)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await page.waitForURL((url) => url.pathname === '/');

    // 3. The home starts with the checklist: teams and the rest still to do.
    await checklist(page).waitFor();
    await checklist(page).getByText('0 van 6 klaar').waitFor();

    // 4. Purpose: one tap to the screen where it is written.
    await checklist(page).getByRole('link', { name: 'Aan de slag: Waarom we er zijn' }).click();
    await page.waitForURL('**/values');
    await page.getByRole('button', { name: 'Bewerken' }).first().click();
    await page.getByRole('dialog').getByLabel('Ons doel').fill('Elke ochtend vers brood voor de buurt.');
    await page.getByRole('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Elke ochtend vers brood voor de buurt.').waitFor();

    // 5. Values and offerings: skipped for now, from the home.
    await page.goto('/');
    await checklist(page).getByText('1 van 6 klaar').waitFor();
    await checklist(page).getByRole('button', { name: 'Overslaan: Kernwaarden' }).click();
    await checklist(page).getByRole('button', { name: 'Overslaan: Aanbod' }).click();
    await checklist(page).getByText('3 van 6 klaar').waitFor();

    // 6. A team.
    await checklist(page).getByRole('link', { name: 'Aan de slag: Teams' }).click();
    await page.waitForURL('**/teams');
    await page.getByRole('button', { name: 'Team maken' }).first().click();
    await page.getByRole('dialog').getByLabel('Naam van het team').fill('Winkel');
    await page.getByRole('dialog').getByRole('button', { name: 'Team maken' }).click();
    await page.getByText('Team Winkel is gemaakt.').waitFor();

    // 7. Mandates skipped; invitations: a colleague in the shop. No mail goes out, so the link is ready to copy.
    await page.goto('/');
    await checklist(page).getByRole('button', { name: 'Overslaan: Mandaten' }).click();
    await checklist(page).getByText('5 van 6 klaar').waitFor();
    await checklist(page).getByRole('link', { name: 'Meerdere tegelijk' }).waitFor();
    await checklist(page).getByRole('link', { name: "Aan de slag: Collega's uitnodigen" }).click();
    await page.waitForURL('**/invitations');
    await page.getByRole('button', { name: 'Uitnodigen' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mailadres').fill('wendy@brood.example');
    await dialog.getByLabel('Naam').fill('Wendy Winkel');
    await dialog.getByLabel('Teams').click();
    await page.getByRole('option', { name: 'Winkel' }).click();
    await dialog.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await dialog.getByText('Link klaar', { exact: true }).waitFor();
    const invitationLink = await dialog.getByLabel('Uitnodigingslink').inputValue();
    expect(invitationLink).toMatch(/\/invite#token=[\w-]+$/);
    await dialog.getByRole('button', { name: 'Kopiëren: wendy@brood.example' }).waitFor();
    await dialog.getByRole('button', { name: 'Klaar' }).click();
    // The list is honest too: not "Verstuurd", the link ready, the team named.
    await page.getByText('Link klaar, niet gemaild').waitFor();
    await page.getByText('Team: Winkel').waitFor();
    expect(await page.getByText('Verstuurd op', { exact: false }).count()).toBe(0);
    expect(await page.getByText('Uitnodiging verstuurd', { exact: false }).count()).toBe(0);

    // 8. Every step done or skipped: the checklist leaves the home (it stays under "Eerste stappen"); the first extra.
    await page.goto('/');
    await page.getByText('Wat er vandaag op je wacht').waitFor();
    expect(await checklist(page).count()).toBe(0);
    await page.getByRole('link', { name: 'Extra vastleggen' }).first().click();
    await page.waitForURL('**/extras/new');
    await page.getByLabel('Klantaanleiding').fill('Vaste klant vergat haar portemonnee');
    await page.getByLabel('Wat heb je gedaan?').fill('Brood meegegeven, betaalt morgen');
    await page.getByText('Tijd', { exact: true }).click();
    await page.getByLabel('Minuten').fill('5');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen', { exact: true }).waitFor();

    // 9. The invited colleague joins through the copied link.
    const colleague = await browser.newContext({ ...PHONE, locale: 'nl-NL', baseURL: server.baseUrl });
    const colleaguePage = await colleague.newPage();
    await colleaguePage.goto(invitationLink);
    await colleaguePage.getByText('wendy@brood.example').first().waitFor();
    await colleague.close();

    // 10. On a laptop the founder's menu shows without scrolling, "Eerste stappen" among it.
    const laptop = await browser.newContext({
      ...LAPTOP,
      locale: 'nl-NL',
      baseURL: server.baseUrl,
      storageState: await context.storageState(),
    });
    const laptopPage = await laptop.newPage();
    await laptopPage.goto('/organization');
    const menu = laptopPage.getByRole('navigation', { name: 'Hoofdmenu' });
    await menu.getByRole('link', { name: 'Eerste stappen' }).waitFor();
    const scrolls = await menu.evaluate((nav) =>
      [...nav.querySelectorAll('div')]
        .filter((box) => getComputedStyle(box).overflowY === 'auto' && box.scrollHeight > box.clientHeight)
        .map((box) => `${box.scrollHeight} px of list in ${box.clientHeight} px`),
    );
    expect(scrolls).toEqual([]);
    await laptop.close();
    await context.close();
  });
});
