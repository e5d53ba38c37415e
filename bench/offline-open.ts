// How fast the log screen opens a second time on a slow phone: once with the network off (the service
// worker's copy of the app, what the phone last knew), and, as the reference in the same run, with the
// network on over slow 4G. Chromium through CDP: the CPU 4× slower, 150 ms latency and 1.6 Mbit/s when
// online, a 390×844 phone. Lisa first opens the log screen online (the service worker keeps the app);
// each measured run is a reload, timed from the navigation until the mandate and the save button show.
// Run: npx tsx bench/offline-open.ts [runs]
import { performance } from 'node:perf_hooks';
import { launchBrowser, PHONE } from '../test/e2e/browser';
import { ms, percentile, startApp } from './harness';

const RUNS = Number(process.argv[2] ?? 5);
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

const bench = await startApp(3968, 'offline-open');
const browser = await launchBrowser();
try {
  const cookie = await bench.signIn('lisa@dekroon.example');
  const context = await browser.newContext({
    ...PHONE,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    baseURL: bench.base,
  });
  await context.addCookies(
    cookie.split('; ').map((pair) => ({
      name: pair.slice(0, pair.indexOf('=')),
      value: pair.slice(pair.indexOf('=') + 1),
      url: bench.base,
    })),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);

  const usable = () =>
    Promise.all([
      page
        .getByText(/deze week/)
        .first()
        .waitFor(),
      page.getByRole('button', { name: 'Opslaan' }).waitFor(),
    ]);
  const first = performance.now();
  await page.goto('/extras/new');
  await usable();
  console.log(`first visit, online (slow 4G): ${ms(performance.now() - first)}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const timeReloads = async (label: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await page.reload();
      await usable();
      times.push(performance.now() - start);
    }
    console.log(
      `${label}: median ${ms(percentile(times, 50))}, slowest ${ms(Math.max(...times))} (${times.map((t) => t.toFixed(0)).join(', ')} ms)`,
    );
    return percentile(times, 50);
  };
  const online = await timeReloads('second visit, online (slow 4G)');
  await context.setOffline(true);
  await cdp.send('Network.emulateNetworkConditions', { ...SLOW_4G, offline: true });
  const offline = await timeReloads('second visit, network off');
  console.log(`network off / online: ${(offline / online).toFixed(2)}`);
} finally {
  await browser.close();
  await bench.stop();
}
