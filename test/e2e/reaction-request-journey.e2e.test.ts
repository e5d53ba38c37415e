import { afterAll, describe, expect, it } from 'vitest';
import type { PromisePage } from '../../src/contracts/promises.contract';
import type { CustomerReaction } from '../../src/contracts/voice.contract';
import { startSmtpSink } from '../helpers/smtp-sink';
import { axeViolations, browserAvailable, PHONE, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// Iris of sales delivered a promise. On her phone she asks the customer for a reaction by e-mail, in
// English, with the customer's consent; the mail reaches a local SMTP server; the customer opens the
// link, reacts, and Iris sees the reaction on the promise and in the customer voice. A second request
// is not offered: the page says when it was sent.

describe.runIf(browserAvailable())('asking a customer for a reaction by e-mail', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const { server, browser } = useJourney(async () => {
    sink = await startSmtpSink();
    return { smtpUrl: sink.url };
  });
  afterAll(async () => {
    await sink?.close();
  });

  it('sends the link once from a delivered promise, and the reaction comes back linked to it', async () => {
    const iris = await signedInPage(browser, server.baseUrl, 'iris@dekroon.example');
    // A promise Iris delivered (kept) that no customer reacted on yet.
    const promiseId = await iris.evaluate(async () => {
      const get = async <T>(url: string) => (await fetch(url)).json() as Promise<T>;
      const kept = await get<PromisePage>('/api/v1/promises?scope=mine&status=kept&limit=50');
      const reacted = await get<{ items: CustomerReaction[] }>('/api/v1/customer-reactions?scope=mine');
      const taken = new Set(reacted.items.map((r) => r.promiseId));
      return kept.items.find((p) => !taken.has(p.id))?.id;
    });
    expect(promiseId).toBeDefined();
    await iris.goto(`/promises/${promiseId}`);
    await iris.getByRole('button', { name: 'Vraag om een klantreactie per e-mail' }).click();
    const dialog = iris.getByRole('dialog', { name: 'Vraag om een klantreactie per e-mail' });
    await dialog.getByLabel('E-mailadres van de klant').waitFor();
    expect(await axeViolations(iris, ['[role="dialog"]'])).toEqual([]);

    // Consent is required before anything is sent.
    await dialog.getByLabel('E-mailadres van de klant').fill('familie.young@example.com');
    await dialog.getByRole('button', { name: 'E-mail versturen' }).click();
    await dialog.getByText('Vink aan dat de klant toestemming gaf.').waitFor();
    expect(sink.received).toEqual([]);
    // Fits a 390 px phone: nothing wider than the screen.
    expect(await iris.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await dialog.getByLabel('English').check();
    await dialog.getByLabel('De klant gaf toestemming om deze e-mail te ontvangen').check();
    await dialog.getByRole('button', { name: 'E-mail versturen' }).click();
    await iris.getByText(/^Verstuurd op \d{1,2} \w+ \d{4}$/).waitFor();
    expect(await iris.getByRole('button', { name: 'Vraag om een klantreactie per e-mail' }).count()).toBe(0);
    expect(await axeViolations(iris)).toEqual([]);

    // ---- the mail arrived at the SMTP server, in English, with the reaction link ----
    await expect.poll(() => sink.mailsTo('familie.young@example.com').length).toBe(1);
    const mail = sink.mailsTo('familie.young@example.com')[0]!.text;
    expect(mail).toContain('would like to hear how it went');
    const link = mail.match(/http:\/\/127\.0\.0\.1:\d+\/r\/[A-Za-z0-9_-]{22}\?lang=en/)?.[0];
    expect(link).toBeDefined();

    // ---- the customer opens it on their own phone, nobody signed in, and reacts ----
    const customerContext = await browser.newContext({ ...PHONE, locale: 'en-GB' });
    const customer = await customerContext.newPage();
    await customer.goto(link!);
    await customer.getByRole('heading', { name: 'How did we keep our promise to you?' }).waitFor();
    await customer.locator('label[for="s5"]').click();
    await customer.getByLabel('Anything you would like to add? (optional)').fill('Lovely evening, thank you');
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByRole('heading', { name: 'Thank you!' }).waitFor();
    await customerContext.close();

    // ---- Iris sees it on the promise and in the customer voice ----
    await iris.reload();
    await iris.getByText(/De klant heeft gereageerd\./).waitFor();
    await iris.goto('/customer-voice');
    await iris.getByText('Lovely evening, thank you').waitFor();
  });
});
