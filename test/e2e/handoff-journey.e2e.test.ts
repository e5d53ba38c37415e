import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, LAPTOP, launchBrowser, signedInPage } from './browser';
import { startDemoServer } from './e2e-harness';

// Iris of sales promises a lunch that the restaurant prepares. Ruben, a cook in the restaurant, takes
// the step on his phone ("Ik pak dit op") and asks a question in its comments; his work list's
// "Van mij" shows it, and the filter stays in the address. Iris, on the other side of the hand-off,
// reads his question on the promise and answers. axe finds nothing on either screen.

const run = browserAvailable();
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

describe.runIf(run)('a hand-off taken by a person, talked about by both teams', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  const customer = `Familie Hazelaar ${Date.now().toString(36)}`;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is taken, commented on, found under "mine", and read by the other team', async () => {
    const iris = await signedInPage(browser, server.baseUrl, 'iris@dekroon.example', { device: LAPTOP });
    const promiseId = await makePromise(iris, customer);
    expect(promiseId).toMatch(/^[0-9a-f-]{36}$/);

    // ---- Ruben (restaurant) takes the step on his phone (390 px wide) and asks a question ----
    const ruben = await signedInPage(browser, server.baseUrl, 'ruben@dekroon.example');
    await ruben.goto('/steps');
    const card = ruben.getByRole('listitem').filter({ hasText: customer });
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
    await ruben.getByRole('listitem').filter({ hasText: customer }).waitFor();
    await ruben.reload();
    await ruben.getByRole('listitem').filter({ hasText: customer }).waitFor();
    const owners = await ruben.getByText(/^Wie: /).allTextContents();
    expect(owners.length).toBeGreaterThan(0);
    expect(owners.filter((owner) => owner !== 'Wie: Ruben Dekker')).toEqual([]);
    expect(await ruben.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ruben
      .getByRole('listitem')
      .filter({ hasText: customer })
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
