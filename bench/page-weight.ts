// The bytes a browser really receives for a page on a first visit (empty cache), measured in Chromium
// through CDP against the app as `npm start` runs it: every response's encodedDataLength (what came
// over the wire, compressed as the server sent it, headers included), by type, and the number of
// requests made before the page can be used (its heading and, on a form, its main button visible),
// and until the network is quiet. Each page gets a fresh browser context. Needs Debian's chromium.
//   npx tsx bench/page-weight.ts                                    the five pages of the issue
//   npx tsx bench/page-weight.ts /extras/new lisa@dekroon.example   one page, signed in as that person
import type { Page } from 'playwright-core';
import { launchBrowser, PHONE } from '../test/e2e/browser';
import { startApp } from './harness';

interface Target {
  path: string;
  email?: string;
  /** What a person needs on screen to use the page. */
  ready: (page: Page) => Promise<unknown>;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor();
const DEFAULT_TARGETS: Target[] = [
  { path: '/sign-in', ready: (page) => page.getByRole('button', { name: 'Inloggen', exact: true }).waitFor() },
  {
    path: '/extras/new',
    email: 'lisa@dekroon.example',
    ready: (page) =>
      Promise.all([
        page
          .getByText(/deze week/)
          .first()
          .waitFor(),
        page.getByRole('button', { name: 'Opslaan' }).waitFor(),
      ]),
  },
  { path: '/', email: 'lisa@dekroon.example', ready: heading },
  { path: '/feed', email: 'lisa@dekroon.example', ready: heading },
  { path: '/tower', email: 'anna@dekroon.example', ready: heading },
];

const [onePath, oneEmail] = process.argv.slice(2);
const targets = onePath ? [{ path: onePath, email: oneEmail, ready: heading }] : DEFAULT_TARGETS;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

const bench = await startApp(3950, 'weight');
const browser = await launchBrowser();
try {
  for (const target of targets) {
    const context = await browser.newContext({ ...PHONE, locale: 'nl-NL' });
    if (target.email) {
      const cookie = await bench.signIn(target.email);
      await context.addCookies(
        cookie.split('; ').map((pair) => {
          const eq = pair.indexOf('=');
          return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: bench.base };
        }),
      );
    }
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    const responses = new Map<string, { url: string; type: string; encoding: string }>();
    const done: { url: string; type: string; encoding: string; bytes: number }[] = [];
    let requests = 0;
    cdp.on('Network.requestWillBeSent', () => void requests++);
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(
        Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      responses.set(e.requestId, {
        url: new URL(e.response.url).pathname,
        type: e.type,
        encoding: headers['content-encoding'] ?? '-',
      });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = responses.get(e.requestId);
      if (r) done.push({ ...r, bytes: e.encodedDataLength });
    });

    await page.goto(`${bench.base}${target.path}`);
    await target.ready(page);
    const beforeUsable = requests;
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);

    const sum = (type?: string) => done.filter((d) => !type || d.type === type).reduce((s, d) => s + d.bytes, 0);
    const count = (type: string) => done.filter((d) => d.type === type).length;
    console.log(
      `\n${target.path}${target.email ? ` signed in as ${target.email}` : ''} (ended on ${new URL(page.url()).pathname})`,
    );
    for (const d of done)
      console.log(`  ${d.type.padEnd(11)} ${kib(d.bytes).padStart(10)}  ${d.encoding.padEnd(5)} ${d.url}`);
    console.log(
      `  on the wire: JavaScript ${kib(sum('Script'))} in ${count('Script')} files, CSS ${kib(sum('Stylesheet'))}, ` +
        `everything ${kib(sum())} in ${done.length} responses; requests before usable ${beforeUsable}, in all ${requests}`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await bench.stop();
}
