import { describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, LAPTOP, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Sophie of the restaurant thanks sales (the team that hands the restaurant its group bookings) on her
// phone, from sales' team page; Iris of sales is told and finds the thanks in her team's feed; Eva,
// who manages sales, sees in the chain that the restaurant thanked sales once.

describe.runIf(browserAvailable())('thanks between teams', () => {
  const { server, browser } = useJourney();
  const words = `Dank voor de complete groepslijst ${Date.now().toString(36)}`;

  it('a member thanks another team; its member sees it told and in the feed; the chain counts it', async () => {
    // ---- Sophie (restaurant) thanks sales from its team page, at 390 px ----
    const sophie = await signedInPage(browser, server.baseUrl, 'sophie@dekroon.example');
    await sophie.goto('/teams');
    await sophie.getByRole('link', { name: 'Verkoop', exact: true }).click();
    await sophie.getByRole('button', { name: 'Bedank dit team' }).click();
    const dialog = sophie.getByRole('dialog', { name: 'Bedanken' });
    await dialog.getByLabel('Waarvoor bedank je?').waitFor();
    expect(await dialog.getByLabel('Wie bedank je?').inputValue()).toBe('');
    expect(await dialog.locator('option:checked').first().textContent()).toBe('Verkoop');
    // Sending without words is refused on the form, nothing is sent.
    await dialog.getByRole('button', { name: 'Bedanken' }).click();
    await dialog.getByText('Vul dit in.').first().waitFor();
    await dialog.getByLabel('Waarvoor bedank je?').fill(words);
    const value = dialog.getByLabel('Past bij onze waarde (niet verplicht)');
    const valueName = (await value.locator('option').nth(1).textContent()) ?? '';
    await value.selectOption({ index: 1 });
    expect(await axeViolations(sophie, ['[role="dialog"]'])).toEqual([]);
    expect(await sophie.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await dialog.getByRole('button', { name: 'Bedanken' }).click();
    await sophie.getByText('Verkoop is bedankt.').waitFor();

    // ---- Iris (sales) is told, and finds it in her team's feed ----
    const iris = await signedInPage(browser, server.baseUrl, 'iris@dekroon.example');
    await iris.getByRole('button', { name: /Meldingen/ }).click();
    const notice = iris.getByRole('button').filter({ hasText: words });
    await notice.first().waitFor();
    expect(await notice.first().textContent()).toContain('Sophie Meijer bedankt je team Verkoop');
    await notice.first().click();
    await iris.waitForURL((url) => url.pathname === '/feed');
    const thanks = iris.getByRole('region', { name: 'Bedankjes' }).getByRole('article');
    await thanks.filter({ hasText: words }).waitFor();
    const card = thanks.filter({ hasText: words }).first();
    expect(await card.textContent()).toContain('Sophie Meijer (Restaurant) bedankt team Verkoop');
    if (valueName) await card.getByText(valueName, { exact: true }).waitFor();
    // Iris did not write it: she cannot take it back.
    expect(await card.getByRole('button', { name: 'Intrekken' }).count()).toBe(0);
    expect(await axeViolations(iris, ['section[aria-labelledby="team-thanks"]'])).toEqual([]);

    // ---- Eva, manager of sales, sees the count in the chain beside the ratings ----
    const eva = await signedInPage(browser, server.baseUrl, 'eva@dekroon.example', { device: LAPTOP });
    await eva.goto('/chain');
    await eva
      .getByRole('table')
      .getByRole('link', { name: /Verkoop naar Restaurant.*Restaurant bedankte Verkoop 1 keer\./ })
      .waitFor();
    await eva.getByRole('columnheader', { name: 'Bedankt door ontvanger' }).waitFor();
  });
});
