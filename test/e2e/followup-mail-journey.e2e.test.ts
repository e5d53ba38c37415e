import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../helpers/smtp-sink';
import { axeViolations, browserAvailable, LAPTOP, PHONE, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// A guest at reception reacts very negatively and asks to be contacted; the automatic first answer
// reaches them through a real SMTP server on loopback, telling them by when they hear back. Pieter, who
// leads reception, answers by e-mail from the follow-up; the guest replies through the link in the
// mail; Pieter sees the reply and closes the follow-up as "not reachable" with a note.

describe.runIf(browserAvailable())('a follow-up answered by e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const { server, browser } = useJourney(
    async () => {
      smtp = await startSmtpSink();
      return { smtpUrl: smtp.url };
    },
    { timeout: 180_000 }, // the demo's seed and a browser, on a busy machine
  );
  const stamp = Date.now().toString(36);
  const complaint = `De kamer was koud en niemand hielp ${stamp}`;
  const answer = `Het spijt ons zeer. Mogen we u morgen bellen? ${stamp}`;
  const reply = `Ja graag, na tien uur ${stamp}`;
  const guest = `gast.${stamp}@example.test`;
  const replyLink = (text: string) =>
    text.match(/http:\/\/127\.0\.0\.1:\d+\/r\/answer\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/)?.[0];

  afterAll(async () => {
    await smtp?.close();
  });

  it('reaches the customer, brings their reply back, and closes with an outcome', async () => {
    const { rows } = await server.database.pool.query(
      `select l.token from voice_links l join touchpoints t on t.org_id = l.org_id and t.id = l.touchpoint_id
        where t.name = 'Receptie' and l.revoked_at is null`,
    );
    const token = rows[0].token as string;

    // ---- The guest reacts on their phone and asks to be contacted ----
    const guestContext = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
    const phone = await guestContext.newPage();
    await phone.goto(`${server.baseUrl}/r/${token}?lang=nl`);
    await phone.locator('label[for="s1"]').click();
    await phone.getByLabel('Wilt u nog iets kwijt? (mag leeg blijven)').fill(complaint);
    await phone.locator('label[for="contact"]').click();
    await phone.getByLabel('Naam').fill('Mevrouw Smit');
    await phone.getByLabel('E-mailadres').fill(guest);
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await phone.getByRole('heading', { name: 'Dank u wel!' }).waitFor();

    // The automatic first answer, in Dutch, with the day and the reply link.
    const first = await smtp.waitFor(guest);
    expect(first.subject).toBe('Uw klantreactie aan Hotel De Kroon');
    expect(first.text).toMatch(/u hoort uiterlijk \d{1,2} \w+ \d{4} van Hotel De Kroon/);
    expect(replyLink(first.text)).toBeDefined();

    // ---- Pieter answers from the follow-up ----
    const pieter = await signedInPage(browser, server.baseUrl, 'pieter@dekroon.example', { device: LAPTOP });
    await pieter.goto('/customer-voice/follow-ups');
    const card = pieter.getByRole('listitem').filter({ hasText: complaint });
    await card.getByRole('button', { name: /^Gesprek met de klant:/ }).click();
    const dialog = pieter.getByRole('dialog', { name: 'Gesprek met de klant' });
    await dialog.getByText('Automatisch eerste antwoord', { exact: false }).waitFor();
    expect(await axeViolations(pieter, ['[role="dialog"]'])).toEqual([]);
    await dialog.getByLabel(`Schrijf aan ${guest}`).fill(answer);
    await dialog.getByRole('button', { name: 'E-mail versturen' }).click();
    await pieter.getByText(`E-mail verstuurd aan ${guest}.`).waitFor();
    await dialog.getByText(answer).waitFor();
    await pieter.keyboard.press('Escape');

    const mail = await smtp.waitFor(guest, (m) => m.text.includes(answer));
    expect(mail.subject).toBe('Over uw klantreactie aan Hotel De Kroon');
    const link = replyLink(mail.text)!;
    expect(link).toBe(replyLink(first.text));

    // ---- The guest replies through the link ----
    await phone.goto(link);
    await phone.getByRole('heading', { name: 'Uw gesprek met ons' }).waitFor();
    await phone.getByText(answer).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByLabel('Uw antwoord').fill(reply);
    await phone.getByRole('button', { name: 'Versturen' }).click();
    await phone.getByRole('heading', { name: 'Dank u wel' }).waitFor();
    await guestContext.close();

    // ---- Pieter sees the reply and closes the follow-up ----
    await pieter.reload();
    await card.getByText('Klant heeft geantwoord').waitFor();
    expect(await axeViolations(pieter, ['main'])).toEqual([]);
    await card.getByRole('button', { name: /^Gesprek met de klant:/ }).click();
    await dialog.getByText(reply).waitFor();
    await pieter.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await card.getByRole('button', { name: /^Andere uitkomst:/ }).click();
    const close = pieter.getByRole('dialog', { name: 'Opvolging afsluiten: niet bereikbaar' });
    await close.getByLabel('Niet bereikbaar').check();
    await close.getByLabel('Wat heb je gedaan?').fill('Twee keer gebeld, geen gehoor');
    expect(await axeViolations(pieter, ['[role="dialog"]'])).toEqual([]);
    await close.getByRole('button', { name: 'Afsluiten als niet bereikbaar' }).click();
    await pieter.getByText('Opvolging afgesloten: niet bereikbaar.').waitFor();
    await pieter.goto('/customer-voice/follow-ups?state=closed');
    const closed = pieter.getByRole('listitem').filter({ hasText: complaint });
    await closed.getByText('Niet bereikbaar', { exact: true }).waitFor();
    await closed.getByText('Twee keer gebeld, geen gehoor').waitFor();
  }, 150_000);
});
