import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, DEMO_PASSWORD, LAPTOP, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Pieter, front desk manager, reads his team's stories and puts Lisa's forward as a best practice;
// Kees, who works in housekeeping, finds it among the best practices, with Lisa credited.

describe.runIf(browserAvailable())('a story becomes a best practice', () => {
  const { server, browser } = useJourney();
  const occasion = `Gast vroeg naar de zeppelinvaart boven de stad ${Date.now()}`;

  beforeAll(async () => {
    // Lisa logged this a moment ago (through the API: the logging screen has its own journey).
    const signIn = await fetch(`${server.baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lisa@dekroon.example', password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const logged = await fetch(`${server.baseUrl}/api/v1/extras`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        occasion,
        action: 'De tijden opgezocht en een plekje bij het raam van de ontbijtzaal gereserveerd',
        kind: 'time',
        costCents: 0,
        minutes: 10,
        reactionScore: 5,
        reactionText: 'Was er helemaal stil van',
      }),
    });
    expect(logged.status).toBe(201);
  });

  it('Pieter promotes Lisa’s story from the team feed; Kees of housekeeping finds it with Lisa credited', async () => {
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await pieter.goto('/feed');
    // The story may also be one of the week's two picks at the top; take it in the feed below.
    const story = pieter.getByRole('article', { name: 'Verhaal van Lisa Mulder' }).filter({ hasText: occasion }).last();
    await story.waitFor();
    await story.getByRole('button', { name: 'Maak goed voorbeeld' }).click();
    const dialog = pieter.getByRole('dialog', { name: 'Maak dit een goed voorbeeld' });
    await dialog.getByLabel('Waarom is dit een goed voorbeeld?').fill('Ze maakte van een vraag een herinnering');
    await dialog.getByRole('button', { name: 'Maak goed voorbeeld' }).click();
    await expect.poll(() => story.getByText('Goed voorbeeld', { exact: true }).first().isVisible()).toBe(true);

    const kees = await signedInPage(browser, server.baseUrl, 'kees@dekroon.example');
    // Kees reads another team's feed: Lisa's story is not in it.
    await kees.goto('/feed');
    await kees.getByRole('heading', { name: 'Teamverhalen' }).first().waitFor();
    expect(await kees.getByText(occasion).count()).toBe(0);

    await kees.goto('/best-practices');
    await kees.getByLabel('Zoeken in de klantaanleidingen').fill('zeppelinvaart');
    const found = kees.getByRole('article').filter({ hasText: occasion });
    await found.waitFor();
    await expect.poll(() => found.innerText()).toContain('Ze maakte van een vraag een herinnering');
    expect(await found.innerText()).toContain('Lisa Mulder');
    expect(await found.innerText()).toContain('Pieter Jansen');
  });
});
