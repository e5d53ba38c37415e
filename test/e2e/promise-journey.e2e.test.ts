import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, LAPTOP, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Iris of sales promises a group dinner sooner than the offering allows and confirms it with a
// reason; Lars, who manages the restaurant, is warned, opens the promise and finishes his team's
// step; Iris confirms delivery and the promise shows kept; the chain shows the hand-off from the
// restaurant to sales, with this promise behind it.
// Then a lunch the restaurant prepares: Ruben, a cook, takes the step on his phone ("Ik pak dit op")
// and asks a question in its comments; "Van mij" on his work list shows it, the filter in the address.
// Iris, on the other side of the hand-off, reads it on the promise and answers; he is told. axe finds
// nothing on either screen.

const amsterdamDay = (days: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + days * 86_400_000));

/** Makes a promise through the API, from the signed-in page (same origin, with its session). */
async function makePromise(page: Page, customer: string): Promise<string> {
  return page.evaluate(
    async ({ customer, due }) => {
      const teams = (await (await fetch('/api/v1/teams')).json()).items as { id: string; name: string }[];
      const restaurant = teams.find((team) => team.name === 'Restaurant')!.id;
      const response = await fetch('/api/v1/promises', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customer: { name: customer },
          what: 'Lunch voor 8 personen in de serre',
          dueDate: due,
          offeringId: null,
          breachReason: 'Vaste klant',
          ownerTeamId: restaurant,
          steps: [{ teamId: restaurant, what: 'Lunch klaarzetten in de serre', dueDate: due }],
        }),
      });
      return (await response.json()).id as string;
    },
    { customer, due: amsterdamDay(3) },
  );
}

describe.runIf(browserAvailable())('a promise kept from within', () => {
  const { server, browser } = useJourney();
  const customer = `Familie Zeppelin ${Date.now().toString(36)}`;
  const lunchCustomer = `Familie Hazelaar ${Date.now().toString(36)}`;

  it('is recorded against the lead time with a reason, finished by the restaurant, delivered, kept and seen in the chain; the customer is forgotten on request', async () => {
    // ---- Iris records the promise on her phone ----
    const iris = await signedInPage(browser, server.baseUrl, 'iris@dekroon.example');
    await iris.goto('/promises/new');
    await iris.getByLabel(/^Klant/).fill(customer);
    await iris.getByLabel('Wat heb je beloofd?').fill('Diner voor 14 personen in de tuinzaal');
    await iris.getByLabel('Aanbod').selectOption({ label: 'Groepsdiner' });
    await iris.getByLabel('Beloofde dag').fill(amsterdamDay(2));
    await iris.getByLabel('Vast menu voor de hele groep').check();
    await iris.getByLabel('Dieetwensen uiterlijk 3 dagen vooraf').check();
    await iris.getByLabel('Leverend team').selectOption({ label: 'Restaurant' });
    await iris.getByLabel(/^Team/).selectOption({ label: 'Restaurant' });
    await iris.getByLabel('Wat moet er gebeuren?').fill('Tuinzaal dekken en het menu klaarzetten');
    await iris.getByLabel('Uiterlijk klaar op').fill(amsterdamDay(2));
    // Told before saving: the offering needs seven days.
    await iris.getByText('Beloofd over 2 dagen; voor dit aanbod is dat minstens 7 dagen').waitFor();
    await iris.getByLabel('Waarom beloof je dit toch?').fill('Vaste klant; de keuken heeft ja gezegd');
    await iris.getByRole('button', { name: 'Toch vastleggen' }).click();
    await iris.waitForURL(/\/promises\/[0-9a-f-]{36}$/);
    const promiseUrl = new URL(iris.url()).pathname;
    await iris.getByText('Tegen het aanbodprofiel').first().waitFor();

    // ---- Lars, manager of the restaurant, is warned and finishes the step ----
    const lars = await signedInPage(browser, server.baseUrl, 'lars@dekroon.example', { device: LAPTOP });
    // On the restaurant's work list the step has one status of its own, not the promise's beside "Ik pak dit op".
    await lars.goto('/steps');
    const work = lars.getByRole('listitem').filter({ hasText: customer });
    await work.getByText('Nog niet opgepakt', { exact: true }).waitFor();
    await work.getByRole('button', { name: 'Ik pak dit op' }).waitFor();
    expect(await work.getByText(/^(Open|Onderweg|In gevaar|Te laat)$/).count()).toBe(0);
    await lars.goto('/');
    await lars.getByRole('button', { name: /Meldingen/ }).click();
    const warning = lars.getByRole('button').filter({ hasText: customer });
    await warning.first().waitFor();
    await warning.first().click();
    await lars.waitForURL((url) => url.pathname === promiseUrl);
    await lars.getByText('Waarom toch: Vaste klant; de keuken heeft ja gezegd').waitFor();
    await lars.getByRole('button', { name: 'Klaar', exact: true }).click();
    await lars
      .getByText(/^Klaar: /)
      .first()
      .waitFor();

    // ---- Iris confirms delivery: kept ----
    await iris.reload();
    await iris.getByRole('button', { name: 'Levering bevestigen' }).click();
    const dialog = iris.getByRole('dialog', { name: 'Levering bevestigen' });
    await dialog.getByRole('button', { name: 'Levering bevestigen' }).click();
    await expect.poll(() => iris.getByText('Nagekomen', { exact: true }).first().isVisible()).toBe(true);

    const promisePage = new URL(iris.url()).pathname;

    // ---- the chain shows the hand-off from the restaurant to sales, with this promise behind it ----
    await iris.goto('/chain');
    // In the picture: an arrow from Restaurant to Verkoop; in the table beside it the same, to open.
    await iris.locator('svg a[aria-label^="Restaurant naar Verkoop"]').waitFor({ state: 'attached' });
    await iris
      .getByRole('table')
      .getByRole('link', { name: /Restaurant naar Verkoop/ })
      .click();
    await iris.waitForURL((url) => url.pathname === '/promises' && url.searchParams.has('handoffFrom'));
    await iris.getByLabel('Zoeken').fill(customer);
    await iris.getByText(customer).first().waitFor();

    // ---- the family asks to be forgotten: Lars replaces their name by a code; the promise stays ----
    await lars.goto(promisePage);
    await lars.getByRole('button', { name: `Klant ${customer} vergeten` }).click();
    await lars.getByRole('dialog').getByRole('button', { name: 'Klant vergeten' }).click();
    await lars.getByText('De klant is vergeten.').waitFor();
    await lars
      .getByText(/Klant [0-9A-F]{6}/)
      .first()
      .waitFor();
    expect(await lars.getByText(customer).count()).toBe(0);
  });

  it('has its hand-off taken by a cook, talked about by both teams and found under "mine" on a phone', async () => {
    const iris = await signedInPage(browser, server.baseUrl, 'iris@dekroon.example', { device: LAPTOP });
    const promiseId = await makePromise(iris, lunchCustomer);
    expect(promiseId).toMatch(/^[0-9a-f-]{36}$/);

    // ---- Ruben (restaurant) takes the step on his phone (390 px wide) and asks a question ----
    const ruben = await signedInPage(browser, server.baseUrl, 'ruben@dekroon.example');
    await ruben.goto('/steps');
    const card = ruben.getByRole('listitem').filter({ hasText: lunchCustomer });
    await card.getByText('Nog niemand van Restaurant heeft dit opgepakt').waitFor();
    await card.getByRole('button', { name: 'Ik pak dit op' }).click();
    await card.getByText('Wie: Ruben Dekker').waitFor();
    await card.getByRole('button', { name: 'Opmerking plaatsen' }).click();
    await card.getByLabel('Je opmerking').fill('Is er iemand met een notenallergie?');
    await card.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await card.getByText('Is er iemand met een notenallergie?').waitFor();
    await card.getByRole('button', { name: 'Opmerkingen (1)' }).waitFor();

    // ---- "Van mij": the step he has, and the filter in the address ----
    await ruben.getByText('Van mij', { exact: true }).click();
    await ruben.waitForURL((url) => url.searchParams.get('scope') === 'mine');
    await ruben.getByRole('listitem').filter({ hasText: lunchCustomer }).waitFor();
    await ruben.reload();
    await ruben.getByRole('listitem').filter({ hasText: lunchCustomer }).waitFor();
    const owners = await ruben.getByText(/^Wie: /).allTextContents();
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.filter((owner) => owner !== 'Wie: Ruben Dekker')).toEqual([]);
    expect(await ruben.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ruben
      .getByRole('listitem')
      .filter({ hasText: lunchCustomer })
      .getByRole('button', { name: 'Opmerkingen (1)' })
      .click();
    await ruben.getByText('Is er iemand met een notenallergie?').waitFor();
    expect(await axeViolations(ruben)).toEqual([]);

    // ---- Iris (sales, who gets the lunch) reads the question on the promise and answers ----
    await iris.goto(`/promises/${promiseId}`);
    await iris.getByText('Wie: Ruben Dekker').waitFor();
    await iris.getByRole('button', { name: 'Opmerkingen (1)' }).click();
    await iris.getByText('Is er iemand met een notenallergie?').waitFor();
    await iris.getByLabel('Je opmerking').fill('Ja, één gast: geen noten.');
    await iris.getByRole('button', { name: 'Plaatsen', exact: true }).click();
    await iris.getByText('Ja, één gast: geen noten.').waitFor();
    expect(await axeViolations(iris)).toEqual([]);

    // ---- Ruben is told of the answer ----
    await ruben.goto('/');
    await ruben.getByRole('button', { name: /Meldingen/ }).click();
    await ruben
      .getByText(/Ja, één gast: geen noten\./)
      .first()
      .waitFor();
  });
});
