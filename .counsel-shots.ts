import { chromium, type Page } from 'playwright-core';

const base = 'http://127.0.0.1:59517';
const out = '/tmp/counsel/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const apiCalls: Record<string, Set<string>> = {};

async function signIn(email: string, who: string, device = phone): Promise<Page> {
  const context = await browser.newContext({ ...device, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', baseURL: base });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  apiCalls[who] = new Set();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) apiCalls[who]!.add(`${r.method()} ${u.pathname.replace(/[0-9a-f-]{36}/g, ':id')}`);
  });
  page.on('pageerror', (e) => console.log(who, 'PAGE ERROR', e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log(who, 'console', m.text()); });
  await page.goto('/sign-in');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill('kroon-demo-2026');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) console.log('OVERFLOW', name, overflow);
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

const advisor = await signIn('sanne@dekroon.example', 'advisor');
await advisor.goto('/needs');
await advisor.getByRole('heading', { name: 'Behoeften' }).waitFor();
await shot(advisor, '01-needs-empty');
await advisor.getByRole('button', { name: 'Behoefte melden' }).click();
await advisor.getByLabel('Wat is er nodig?').fill('Gasten willen sneller inchecken');
await advisor.getByLabel('Voor wie').fill('Zakelijke gasten en de receptie');
await advisor.getByLabel('Waarom nu').fill('In de ochtendpiek staan er rijen van tien minuten.');
await shot(advisor, '02-raise-need');
await advisor.getByRole('button', { name: 'Melden', exact: true }).click();
await advisor.getByText('Gasten willen sneller inchecken').waitFor();
await advisor.getByRole('button', { name: 'Behoefte melden' }).click();
await advisor.getByLabel('Wat is er nodig?').fill('Minder papier bij de receptie');
await advisor.getByLabel('Voor wie').fill('De receptie');
await advisor.getByLabel('Waarom nu').fill('Alles wordt twee keer ingevoerd.');
await advisor.getByRole('button', { name: 'Melden', exact: true }).click();
await advisor.getByText('Minder papier bij de receptie').waitFor();

const director = await signIn('anna@dekroon.example', 'director');
await director.goto('/needs');
await director.getByText('Gasten willen sneller inchecken').waitFor();
await director.getByRole('button', { name: 'Erkennen', exact: true }).last().click();
await director.getByRole('button', { name: 'Niet meer erkennen' }).waitFor();
await director.getByRole('button', { name: 'Steunen', exact: true }).first().click();
await shot(director, '03-needs-director');

// The advisor proposes for the recognised need.
await advisor.reload();
await advisor.getByRole('link', { name: 'Voorstel doen voor deze behoefte' }).first().click();
await advisor.getByRole('heading', { name: 'Voorstel doen' }).waitFor();
await advisor.waitForTimeout(500);
await advisor.getByRole('button', { name: 'Voorstel indienen' }).click();
await shot(advisor, '04-new-proposal-errors');
await advisor.getByLabel('Iets nieuws').check();
await advisor.getByLabel('Titel').fill('Online inchecken met een QR-code');
await advisor.getByLabel('Het voorstel').fill('Gasten checken de avond ervoor online in en krijgen een QR-code voor de sleutelkast.');
await advisor.getByLabel('Effect op klanten').fill('Geen rij meer in de ochtend.');
await advisor.getByLabel('Effect op medewerkers').fill('De receptie heeft tijd voor gasten met vragen.');
await advisor.getByLabel('Kosten in euro').fill('12.500,00');
await advisor.getByLabel('Toelichting op de kosten').fill('eenmalig, plus € 90 per maand');
await advisor.getByLabel("Risico's").fill('Oudere gasten willen misschien toch de balie.');
await shot(advisor, '05-new-proposal-filled');
await advisor.getByRole('button', { name: 'Voorstel indienen' }).click();
await advisor.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
await advisor.getByText('Online inchecken met een QR-code').first().waitFor();
await shot(advisor, '06-proposal-advisor');

// A second one, serving no need: flagged.
await advisor.goto('/proposals/new');
await advisor.getByLabel('Titel').fill('Nieuwe koffiemachine');
await advisor.getByLabel('Behoefte die het dient').selectOption('none');
await shot(advisor, '07-new-proposal-flagged');
await advisor.getByLabel('Het voorstel').fill('Een betere machine.');
await advisor.getByLabel('Effect op klanten').fill('Lekkerder koffie.');
await advisor.getByLabel('Effect op medewerkers').fill('Ook lekkerder.');
await advisor.getByLabel("Risico's").fill('Geen.');
await advisor.getByRole('button', { name: 'Voorstel indienen' }).click();
await advisor.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
await advisor.goto('/proposals');
await advisor.getByText('Nieuwe koffiemachine').waitFor();
await shot(advisor, '08-proposals-advisor');

// The director decides from the queue.
await director.goto('/decision-queue');
await director.getByText('1 van 2 in de wachtrij').waitFor();
await shot(director, '09-queue-first');
await director.getByRole('button', { name: 'Meer vragen' }).click();
await director.getByText('Geef de reden van je besluit.').waitFor();
await director.getByLabel('Reden').fill('Wat kost het per jaar, en wie beheert de sleutelkast?');
await director.getByRole('button', { name: 'Meer vragen' }).click();
await director.getByText('1 van 1 in de wachtrij').waitFor();
await shot(director, '10-queue-next');
await director.getByLabel('Reden').fill('Past niet bij een erkende behoefte.');
await director.getByRole('button', { name: 'Afwijzen' }).click();
await director.getByText('Niets te beslissen').waitFor();
await shot(director, '11-queue-empty');

// The advisor answers and resubmits.
await advisor.goto('/proposals');
await advisor.getByText('Online inchecken met een QR-code').click();
await advisor.getByText('De directeur vraagt meer').waitFor();
await shot(advisor, '12-proposal-more-asked');
await advisor.getByRole('button', { name: 'Voorstel aanpassen' }).click();
await advisor.getByLabel('Toelichting op de kosten').fill('eenmalig; daarna € 1.080 per jaar; de receptie beheert de kast');
await advisor.getByRole('button', { name: 'Opslaan' }).click();
await advisor.getByText('Het voorstel is aangepast.').waitFor();
await advisor.getByRole('button', { name: 'Opnieuw indienen' }).click();
await advisor.getByLabel('Wat is er veranderd').fill('Jaarlijkse kosten en beheer toegevoegd.');
await shot(advisor, '13-resubmit');
await advisor.getByRole('button', { name: 'Terug in de wachtrij' }).click();
await advisor.getByText('Het voorstel staat weer in de wachtrij.').waitFor();

await director.goto('/decision-queue');
await director.getByText('1 van 1 in de wachtrij').waitFor();
await director.getByLabel('Reden').fill('Goed uitgewerkt; start na de zomer.');
await director.getByRole('button', { name: 'Goedkeuren' }).click();
await director.getByText('Niets te beslissen').waitFor();
await director.goto('/proposals');
await director.getByText('Online inchecken met een QR-code').waitFor();
await shot(director, '14-proposals-director');
await director.getByText('Online inchecken met een QR-code').click();
await director.getByText('Goed uitgewerkt; start na de zomer.').first().waitFor();
await shot(director, '15-proposal-approved');

// The notifications.
await advisor.goto('/proposals');
await advisor.getByRole('button', { name: /meldingen|notificaties/i }).first().click().catch(() => console.log('no bell'));
await advisor.waitForTimeout(1000);
await shot(advisor, '16-advisor-bell');
await director.getByRole('button', { name: /meldingen|notificaties/i }).first().click().catch(() => console.log('no bell'));
await director.waitForTimeout(1000);
await shot(director, '17-director-bell');

// The laptop.
const laptopDirector = await signIn('anna@dekroon.example', 'director-laptop', { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });
await laptopDirector.goto('/needs');
await laptopDirector.getByText('Gasten willen sneller inchecken').waitFor();
await shot(laptopDirector, '18-laptop-needs');
await laptopDirector.goto('/proposals');
await laptopDirector.getByText('Online inchecken met een QR-code').click();
await laptopDirector.getByText('Goed uitgewerkt; start na de zomer.').first().waitFor();
await shot(laptopDirector, '19-laptop-proposal');
await laptopDirector.emulateMedia({ media: 'print' });
await shot(laptopDirector, '20-laptop-proposal-print');

for (const [who, calls] of Object.entries(apiCalls)) console.log(who, [...calls].sort().join('\n  '));
await browser.close();
