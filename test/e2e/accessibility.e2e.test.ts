import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, browserAvailable, LAPTOP, PHONE, signedInPage } from './browser';
import { useJourney } from './e2e-harness';

// WCAG 2.1 A and AA on every main page, as each demo role sees it, on a phone (390 px) and on a laptop:
// axe-core finds nothing (contrast, names of controls, links inside pictures, ...).

const PAGES: Record<string, string[]> = {
  // a member at the front desk
  'lisa@dekroon.example': [
    '/',
    '/extras/new',
    '/extras',
    '/feed',
    '/best-practices',
    '/values',
    '/promises',
    '/steps',
    '/questions',
    '/conversation',
    '/chain',
    '/profile',
  ],
  // the front desk manager
  'pieter@dekroon.example': [
    '/',
    '/what-works',
    '/customer-voice',
    '/customer-voice/follow-ups',
    '/touchpoints',
    '/needs',
    '/proposals',
    '/internal-scan',
    '/teams',
    '/mandates',
    '/sign-in-codes',
  ],
  // the director
  'anna@dekroon.example': ['/', '/tower', '/decision-queue', '/questions'],
  // the administrator
  'jeroen@dekroon.example': [
    '/',
    '/members',
    '/invitations',
    '/organization',
    '/setup',
    '/sign-in-codes',
    '/counter-devices',
    '/members/import',
    '/integrations',
    // the days to follow up per score, which only the administrator sets
    '/customer-voice/follow-ups',
  ],
  // the guest advisor: a home with counsel only
  'sanne@dekroon.example': ['/'],
};

async function violationsOn(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  // Skeletons gone: the page as it is read, not as it loads.
  await page
    .locator('[aria-busy="true"]')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  return (await axeViolations(page)).map((v) => `${path} ${v}`);
}

describe.runIf(browserAvailable())('no barrier for anyone: axe-core on every main page', () => {
  const { server, browser } = useJourney();

  it.each(Object.entries(PAGES))('%s: every page on a phone passes WCAG 2.1 AA', async (email, paths) => {
    const page = await signedInPage(browser, server.baseUrl, email, { device: PHONE });
    const found: string[] = [];
    for (const path of paths) found.push(...(await violationsOn(page, path)));
    await page.context().close();
    expect(found).toEqual([]);
  });

  it("the director's and the administrator's pages on a laptop, with the menu beside them, pass too", async () => {
    const found: string[] = [];
    for (const email of ['anna@dekroon.example', 'jeroen@dekroon.example']) {
      const page = await signedInPage(browser, server.baseUrl, email, { device: LAPTOP });
      for (const path of PAGES[email]!) found.push(...(await violationsOn(page, path)));
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('the signed-out pages pass too', async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'nl-NL', baseURL: server.baseUrl });
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of ['/sign-in', '/sign-up', '/forgot-password', '/code', '/counter'])
      found.push(...(await violationsOn(page, path)));
    await context.close();
    expect(found).toEqual([]);
  });
});
