import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';

// No vitest imports here: bench scripts use this file too.

export const DEMO_PASSWORD = 'kroon-demo-2026';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Journeys run when Chromium is installed (Debian's `chromium`). On a machine without it they are
 * skipped with a note, unless E2E_REQUIRED=1 (CI), where a missing browser fails the run.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.E2E_REQUIRED === '1')
    throw new Error(`E2E_REQUIRED=1 but no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
  console.warn(
    `Skipping the browser journeys: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
  return false;
}

/** Chromium as root in a closed network: no sandbox, no GPU, and none of its own calls home. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's console line for anything a Content-Security-Policy blocked ("Refused to load/execute/apply ..."). */
const CSP_VIOLATION = /Content Security Policy|Refused to (load|execute|apply|connect|frame|create)/i;

/**
 * What the pages of a browser from launchBrowser reported as blocked by a Content-Security-Policy. Kept on
 * the browser itself, so that it is found through what stands for it as well (useJourney's `browser`).
 */
const VIOLATIONS = Symbol('Content-Security-Policy violations');
export function cspViolations(browser: Browser): string[] {
  return (browser as Browser & { [VIOLATIONS]?: string[] })[VIOLATIONS] ?? [];
}

/**
 * Chromium that watches every page of every context for Content-Security-Policy violations, and
 * refuses to close quietly when there were any: a journey that met one fails in its afterAll.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const seen: string[] = [];
  Object.assign(browser, { [VIOLATIONS]: seen });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('console', (message) => {
      if (CSP_VIOLATION.test(message.text())) seen.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    });
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    await close(...args);
    if (seen.length) throw new Error(`Content-Security-Policy violations:\n${seen.join('\n')}`);
  };
  return browser;
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const LAPTOP = {
  viewport: { width: 1280, height: 800 },
  isMobile: false,
  hasTouch: false,
  deviceScaleFactor: 1,
};

/** A new browser context on the device, in Dutch, signed in as the demo person with that address. */
export async function signedInPage(
  browser: Browser,
  baseURL: string,
  email: string,
  options: { device?: typeof PHONE; timezoneId?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    ...(options.device ?? PHONE),
    locale: 'nl-NL',
    timezoneId: options.timezoneId ?? 'Europe/Amsterdam',
    baseURL,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/sign-in');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds against WCAG 2.1 A and AA in the parts of the page that match the selectors
 * (the whole page when none are given): "rule: target" lines, empty when all is well.
 */
export async function axeViolations(page: Page, include: string[] = []): Promise<string[]> {
  // Evaluated by the driver, not added as an inline <script>: the page's Content-Security-Policy rightly refuses those.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (selectors) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const context = selectors.length ? { include: selectors.map((s) => [s]) } : document;
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  }, include);
}

/** "Nog € 497,50 van € 500,00 deze week" (a weekly mandate of € 500, as the journeys set for Lisa) -> cents left */
export function leftCents(text: string): number {
  const match = text.replace(/\s/g, ' ').match(/Nog € ([\d.]+,\d{2}) van € 500,00 deze week/);
  if (!match) throw new Error(`no mandate text in: ${text.slice(0, 200)}`);
  return Math.round(Number(match[1]!.replace(/\./g, '').replace(',', '.')) * 100);
}
