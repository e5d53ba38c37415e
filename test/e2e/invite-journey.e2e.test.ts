import fs from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, DEMO_PASSWORD, PHONE } from './browser';
import { useJourney } from './e2e-harness';

// The administrator of Hotel De Kroon invites a colleague from a phone; the colleague opens the
// link, chooses a password, and works in English. When she leaves, the administrator deactivates her,
// downloads her data for her and erases her.

describe.runIf(browserAvailable())('inviting a colleague, on a phone', () => {
  const { server, browser } = useJourney();

  async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...PHONE, locale, baseURL: server.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return { context, page };
  }

  it('admin invites, the colleague joins with a password and signs in in English; when she leaves, her data is taken and she is erased', async () => {
    // 1. The administrator signs in (Dutch, the default) on a phone.
    const admin = await phone('nl-NL');
    await admin.page.goto('/');
    await admin.page.waitForURL((url) => url.pathname === '/sign-in');
    await admin.page.getByLabel('E-mailadres').fill('jeroen@dekroon.example');
    await admin.page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await admin.page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await expect.poll(() => admin.page.getByText('Hotel De Kroon').first().isVisible()).toBe(true);

    // 2. Through the phone menu to the members, and invite a new colleague.
    await admin.page.getByRole('button', { name: 'Menu openen' }).click();
    // The phone's menu is short: "Vandaag" open, the other groups folded until chosen.
    expect(await admin.page.getByRole('link', { name: 'Medewerkers' }).count()).toBe(0);
    await admin.page.getByRole('button', { name: 'Mensen' }).click();
    await admin.page.getByRole('link', { name: 'Medewerkers' }).click();
    await admin.page.waitForURL('**/members');
    await admin.page.getByRole('button', { name: 'Uitnodigen' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('E-mailadres').fill('nadia@dekroon.example');
    await dialog.getByLabel('Naam').fill('Nadia Nieuwkomer');
    await dialog.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect.poll(() => server.mailer.outbox.filter((m) => m.to === 'nadia@dekroon.example').length).toBe(1);
    const mail = server.mailer.outbox.find((m) => m.to === 'nadia@dekroon.example')!;
    const link = mail.text.match(/http:\/\/\S+\/invite#token=[\w-]+/)?.[0];
    expect(link).toBeTruthy();

    // 3. The colleague opens the link on her own phone, switches to English and chooses a password.
    const colleague = await phone('nl-NL');
    await colleague.page.goto(link!);
    await expect.poll(() => colleague.page.getByText('nadia@dekroon.example').first().isVisible()).toBe(true);
    await colleague.page
      .getByRole('button', { name: /^EN$|English/ })
      .first()
      .click();
    await colleague.page.getByLabel('Choose a password').fill('nadia chooses well');
    await colleague.page.getByRole('button', { name: 'Create account and join' }).click();
    await colleague.page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => colleague.page.getByText('Hotel De Kroon').first().isVisible()).toBe(true);

    // 4. She signs out and signs in again: the interface stays English.
    await colleague.page.getByRole('button', { name: 'Open menu' }).click();
    await colleague.page.getByRole('button', { name: 'Sign out' }).click();
    await colleague.page.waitForURL((url) => url.pathname === '/sign-in');
    await colleague.page.getByLabel('Email address').fill('nadia@dekroon.example');
    await colleague.page.getByLabel('Password').fill('nadia chooses well');
    await colleague.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await colleague.page.waitForURL((url) => url.pathname === '/');
    await colleague.page.getByRole('button', { name: 'Open menu' }).click();
    await expect.poll(() => colleague.page.getByRole('link', { name: 'My profile' }).isVisible()).toBe(true);
    // a member sees no administration
    expect(await colleague.page.getByRole('link', { name: 'Members' }).count()).toBe(0);

    // 5. Back on the administrator's phone, she is in the list.
    await admin.page.reload();
    await expect.poll(() => admin.page.getByText('Nadia Nieuwkomer').first().isVisible()).toBe(true);

    // 6. Nadia leaves and asks for her data and to be forgotten: deactivate, take her file, erase.
    await admin.page.getByRole('button', { name: 'Deactiveren: Nadia Nieuwkomer' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Deactiveren' }).click();
    await admin.page.getByText('Nadia Nieuwkomer is gedeactiveerd.').waitFor();
    await admin.page.getByLabel('Status').selectOption('deactivated');
    const [download] = await Promise.all([
      admin.page.waitForEvent('download'),
      admin.page.getByRole('button', { name: 'Alles over Nadia Nieuwkomer downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^klantwerk-nadia-nieuwkomer-data-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(await fs.readFile((await download.path())!, 'utf8')).person.email).toBe('nadia@dekroon.example');
    await admin.page.getByRole('button', { name: 'Nadia Nieuwkomer wissen' }).click();
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Voorgoed wissen' }).click();
    await admin.page.getByText('Nadia Nieuwkomer is gewist.').waitFor();
    await expect.poll(() => admin.page.getByText('nadia@dekroon.example').count()).toBe(0);
    await admin.page.getByText('Gewist', { exact: true }).first().waitFor();

    // She can no longer sign in.
    await colleague.page.goto('/sign-in');
    await colleague.page.getByLabel('Email address').fill('nadia@dekroon.example');
    await colleague.page.getByLabel('Password').fill('nadia chooses well');
    await colleague.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await colleague.page.getByText('The e-mail address or password is not correct.').waitFor();

    await admin.context.close();
    await colleague.context.close();
  });
});
