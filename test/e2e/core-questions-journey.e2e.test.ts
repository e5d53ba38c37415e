import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, LAPTOP, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Anna, the director, launches a round of core questions from the bank; ten people of the hotel answer
// it on their phones; Anna closes it and sees the results, with the restaurant's group withheld (too
// few answered there) and why; Pieter, who leads reception, turns his team's result into an action,
// and Lisa of reception sees it.

const RECEPTION = ['lisa', 'daan', 'noor', 'tom', 'emma'];
const OTHERS = ['sophie', 'ruben', 'sem', 'kees', 'bas'];

describe.runIf(browserAvailable())('a round of core questions', () => {
  const { server, browser } = useJourney();
  const title = `Kernvragen e2e ${Date.now().toString(36)}`;

  it('is launched from the bank, answered on phones, closed, read with a withheld group, and acted on', async () => {
    // ---- Anna launches it ----
    const anna = await signedInPage(browser, server.baseUrl, 'anna@dekroon.example', { device: LAPTOP });
    await anna.goto('/questions');
    await anna.getByRole('link', { name: 'Nieuwe vragenronde' }).click();
    await anna.waitForURL('**/questions/new');
    await anna.getByLabel('Titel').fill(title);
    await anna.getByLabel('Ik krijg de steun die ik nodig heb om mijn werk goed te doen.').check();
    await anna.getByLabel('Bij ons weet de linkerhand wat de rechterhand doet.').check();
    await anna.getByLabel('Wat zou de samenwerking met andere teams het meest verbeteren?').check();
    await anna.getByLabel('Hoe waarschijnlijk is het dat je deze organisatie aanraadt als werkgever?').check();
    // She looks at the questions as a respondent will, in order; nothing is saved.
    await anna.getByRole('button', { name: 'Bekijken als deelnemer' }).click();
    const preview = anna.getByRole('dialog', { name: 'Zo ziet de deelnemer de vragen' });
    await preview.getByText('Dit is een voorbeeld').waitFor();
    await preview.getByText('Ik krijg de steun die ik nodig heb om mijn werk goed te doen.').waitFor();
    expect(await preview.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    await preview.getByRole('button', { name: 'Sluiten' }).click();
    // The launch names how many people will be asked and waits for her yes.
    await anna.getByRole('button', { name: /Vragenronde (starten|openen|plannen)/ }).click();
    const confirm = anna.getByRole('dialog', { name: /^Vragenronde aan \d+ mensen\?$/ });
    const asked = Number((await confirm.getByRole('heading').innerText()).match(/\d+/)![0]);
    expect(asked).toBeGreaterThan(10);
    await confirm.getByRole('button', { name: /Vragenronde (openen|plannen)/ }).click();
    await anna.waitForURL(/\/questions\/[0-9a-f-]{36}$/);
    const campaignPath = new URL(anna.url()).pathname;

    // ---- Ten people answer on their phones ----
    for (const [i, who] of [...RECEPTION, ...OTHERS].entries()) {
      const page = await signedInPage(browser, server.baseUrl, `${who}@dekroon.example`);
      if (i === 0) {
        // Lisa finds it on her home page.
        await page.goto('/');
        // "invullen" (to fill in), not "beantwoord" (answered); on a phone the whole text shows, nothing cut.
        const answer = page.getByRole('link', { name: new RegExp(`^${title} invullen \\(tot en met `) });
        expect(
          await answer.evaluate((link) =>
            [...link.querySelectorAll('*')].every((e) => e.scrollWidth <= e.clientWidth + 1),
          ),
        ).toBe(true);
        // Scrolled far down (the page made tall enough for it), the link is followed as a tap would.
        await page.evaluate(() => {
          document.body.style.minHeight = '5000px';
          window.scrollTo(0, 3000);
        });
        await answer.evaluate((link: HTMLElement) => link.click());
        await page.waitForURL(`**${campaignPath}`);
        // A new page opens at its top, not at the scroll position of the page before.
        await page.getByText(/opgeslagen zonder koppeling aan jou/).waitFor();
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        // The 0–10 scale is one row of eleven on a 390 px phone, none of them cut.
        const scale = page.getByRole('radiogroup', { name: /aanraadt als werkgever/ }).locator('[role="radio"]');
        const boxes = await scale.evaluateAll((buttons) =>
          buttons.map((b) => ({
            top: Math.round(b.getBoundingClientRect().top),
            right: b.getBoundingClientRect().right,
          })),
        );
        expect(boxes).toHaveLength(11);
        expect(new Set(boxes.map((b) => b.top)).size).toBe(1);
        expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(390);
        // Back returns to where she was on the page before; forward to the top of this one.
        await page.goBack();
        await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(3000);
        await page.goForward();
        await page.getByText(/opgeslagen zonder koppeling aan jou/).waitFor();
        await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
      } else {
        await page.goto(campaignPath);
      }
      await page.getByText(/opgeslagen zonder koppeling aan jou|stored without any link to you/).waitFor();
      await choose(page, /steun die ik nodig heb|support I need/, i % 2 === 0 ? 4 : 5);
      await choose(page, /linkerhand|left hand/, 2 + (i % 3));
      await choose(page, /aanraadt als werkgever|recommend this organisation/, 6 + (i % 4));
      if (i < 6)
        await page
          .getByRole('textbox')
          .first()
          .fill(`Meer overleg, idee ${i + 1}`);
      await page.getByRole('button', { name: /^(Opslaan|Save)$/ }).click();
      await page.getByText(/Je antwoorden zijn opgeslagen|Your answers are saved/).waitFor();
      await page.context().close();
    }

    // ---- Anna closes it and reads the results ----
    await anna.reload();
    await anna.getByRole('button', { name: 'Nu sluiten' }).click();
    await anna.getByRole('dialog').getByRole('button', { name: 'Nu sluiten' }).click();
    await anna.getByRole('link', { name: 'Bekijk de uitkomsten' }).first().click();
    await anna.waitForURL(`**${campaignPath}/results**`);
    await anna.getByText('Tussen 10 en 14 van de 24 gevraagden antwoordden.').waitFor();
    await anna.getByText('Ik krijg de steun die ik nodig heb om mijn werk goed te doen.').first().waitFor();
    await anna.getByText('Meer overleg, idee 3').waitFor();
    // Only three of the restaurant answered: nothing is shown for it, and the page says why.
    const groups = anna.getByLabel('Groep', { exact: true });
    const restaurant = await groups
      .locator('option', { hasText: /^Restaurant \(heel het team\)/ })
      .getAttribute('value');
    await groups.selectOption(restaurant!);
    await anna.getByText('Minder dan 5 mensen antwoordden: om hen te beschermen tonen we niets.').waitFor();
    expect(await anna.getByText('Meer overleg, idee 3').count()).toBe(0);

    // ---- Pieter, who leads reception, writes an action on his team's result ----
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await pieter.goto(`${campaignPath}/results`);
    const pieterGroups = pieter.getByLabel('Groep', { exact: true });
    const reception = await pieterGroups
      .locator('option', { hasText: /^Receptie \(heel het team\)$/ })
      .getAttribute('value');
    await pieterGroups.selectOption(reception!);
    await pieter.getByText('Tussen 0 en 6 van de 6 gevraagden antwoordden.').waitFor();
    await pieter.getByRole('button', { name: 'Actie uitzetten voor de hele groep' }).click();
    const form = pieter.getByRole('dialog');
    await form.getByLabel('Wat gaan we doen?').fill('Elke ochtend vijf minuten overdracht met huishouding');
    await form.getByRole('button', { name: 'Actie uitzetten' }).click();
    await pieter.getByText('Elke ochtend vijf minuten overdracht met huishouding').waitFor();

    // ---- Lisa, of reception, sees what came from her team's answers ----
    const lisa = await signedInPage(browser, server.baseUrl, 'lisa@dekroon.example');
    await lisa.goto(`${campaignPath}/results?group=${encodeURIComponent(reception!)}`);
    await lisa.getByText('Elke ochtend vijf minuten overdracht met huishouding').waitFor();
  }, 150_000); // eleven people sign in one after another
});

/** Picks a score on a question's radio group (the buttons carry the score). */
async function choose(page: Page, question: RegExp, score: number) {
  const group = page.getByRole('radiogroup', { name: question });
  await group.locator(`[data-score="${score}"]`).click();
  await expect.poll(() => group.locator(`[data-score="${score}"]`).getAttribute('aria-checked')).toBe('true');
}
