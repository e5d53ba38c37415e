// The customer's reaction page (/r/<token>: server-rendered HTML, no JavaScript) on a slow phone, in
// Chromium through CDP: the CPU 6× slower, 400 ms latency and about 400 kbit/s each way, a 360×640
// viewport. Each run takes a fresh browser context and its own touchpoint (a touchpoint link takes
// three reactions per address per ten minutes) and prints the JavaScript loaded (every script response
// counted; expect none), the bytes transferred, time to first byte, DOMContentLoaded, load and time to
// interactive: the load event or the end of the last long task (PerformanceObserver), whichever is
// later, once the main thread and the network have been quiet for five seconds. Then it picks a score,
// sends the form and times it until the thank-you page has loaded. Prints each run and the median.
// Run: npx tsx bench/voice-page.ts [runs]
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/e2e/browser';
import { ms, percentile, startApp } from './harness';

const RUNS = Number(process.argv[2] ?? 5);
const PHONE = {
  viewport: { width: 360, height: 640 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  locale: 'nl-NL',
};
const CPU_SLOWDOWN = 6;
const NETWORK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
/** Quiet this long after the last long task (and no request in flight) before time to interactive is read, as Lighthouse does. */
const QUIET_MS = 5000;

// Installed in every document before it runs: records the long tasks (over 50 ms) of the main thread.
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });`;

interface Run {
  jsBytes: number;
  scripts: number;
  bytes: number;
  requests: number;
  ttfb: number;
  dcl: number;
  load: number;
  tti: number;
  longTasks: number;
  submit: number;
  thanksLoad: number;
}

const bench = await startApp(3966, 'voice-page');
const browser = await launchBrowser();
try {
  const anna = await bench.signIn('anna@dekroon.example');
  const touchpointLink = async () => {
    const response = await fetch(`${bench.base}/api/v1/touchpoints`, {
      method: 'POST',
      headers: { cookie: anna, origin: bench.base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Receptie' }),
    });
    if (!response.ok) throw new Error(`POST /api/v1/touchpoints: ${response.status} ${await response.text()}`);
    const touchpoint = (await response.json()) as { link: { url: string } };
    return `${bench.base}${new URL(touchpoint.link.url).pathname}`;
  };

  const navigationTiming = (page: Page) =>
    page.evaluate(() => {
      const n = window.performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { requestStart: n.requestStart, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });

  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const url = await touchpointLink();
    const context = await browser.newContext(PHONE);
    await context.addInitScript(LONG_TASKS);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

    // Every response as the network saw it: its type and its bytes on the wire (headers included).
    const types = new Map<string, string>();
    const inFlight = new Set<string>();
    const seen = { bytes: 0, jsBytes: 0, scripts: 0, requests: 0 };
    cdp.on('Network.requestWillBeSent', (e) => {
      inFlight.add(e.requestId);
      seen.requests++;
    });
    // Chromium's navigation timing puts responseStart at the first byte the server sent, before the
    // emulated latency; the first byte as the phone gets it is the page's receiveHeadersEnd in CDP.
    let documentTiming: { sendStart: number; receiveHeadersEnd: number } | undefined;
    cdp.on('Network.responseReceived', (e) => {
      types.set(e.requestId, e.type);
      if (e.type === 'Document' && !documentTiming) documentTiming = e.response.timing;
      if (e.type === 'Script') seen.scripts++;
    });
    cdp.on('Network.loadingFinished', (e) => {
      inFlight.delete(e.requestId);
      seen.bytes += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') seen.jsBytes += e.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (e) => inFlight.delete(e.requestId));

    await page.goto(url, { waitUntil: 'load' });
    // Wait for the quiet window: no long task and no request for QUIET_MS after the load event.
    let timing = await navigationTiming(page);
    let tasks: [number, number][] = [];
    for (;;) {
      const state = await page.evaluate(() => ({
        now: window.performance.now(),
        tasks: (window as unknown as { __longTasks: [number, number][] }).__longTasks,
      }));
      timing = await navigationTiming(page);
      tasks = state.tasks;
      const busyUntil = Math.max(timing.load, ...tasks.map(([start, duration]) => start + duration));
      if (timing.load > 0 && inFlight.size === 0 && state.now - busyUntil >= QUIET_MS) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const tti = Math.max(timing.load, ...tasks.map(([start, duration]) => start + duration));
    const loaded = { ...seen };

    // The form: a score, send, until the thank-you page (post, 303, get) has loaded.
    await page.locator('label[for="s4"]').click();
    const button = page.locator('button[type="submit"]');
    await button.scrollIntoViewIfNeeded();
    const box = (await button.boundingBox())!;
    const sent = performance.now();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((u) => u.searchParams.get('done') === '1', { waitUntil: 'load' });
    const submit = performance.now() - sent;
    const thanks = await navigationTiming(page);
    const heading = await page.locator('h1').textContent();
    if (!heading || (await page.locator('form').count()) > 0)
      throw new Error(`no thank-you page after sending the form: ${page.url()}`);

    const ttfb = timing.requestStart + documentTiming!.receiveHeadersEnd - documentTiming!.sendStart;
    runs.push({
      ...loaded,
      ttfb,
      dcl: timing.dcl,
      load: timing.load,
      tti,
      longTasks: tasks.length,
      submit,
      thanksLoad: thanks.load,
    });
    const r = runs.at(-1)!;
    console.log(
      `run ${i + 1}: ${r.jsBytes} B JavaScript in ${r.scripts} scripts, ${r.bytes} B in ${r.requests} requests | first byte ${ms(r.ttfb)}, DOMContentLoaded ${ms(r.dcl)}, ` +
        `load ${ms(r.load)}, interactive ${ms(r.tti)} (${r.longTasks} long tasks) | form sent → thank-you page loaded ${ms(r.submit)} ("${heading.trim()}")`,
    );
    await context.close();
  }

  const median = (pick: (r: Run) => number) => percentile(runs.map(pick), 50);
  console.log(
    `median of ${RUNS} runs on a slow phone (CPU ${CPU_SLOWDOWN}× slower, ${NETWORK.latency} ms latency, ${(NETWORK.downloadThroughput * 8) / 1000} kbit/s down and up, 360×640):`,
  );
  console.log(
    `  JavaScript loaded: ${median((r) => r.jsBytes)} B in ${median((r) => r.scripts)} scripts; transferred in all: ${median((r) => r.bytes)} B in ${median((r) => r.requests)} requests`,
  );
  console.log(
    `  time to first byte ${ms(median((r) => r.ttfb))}, DOMContentLoaded ${ms(median((r) => r.dcl))}, load ${ms(median((r) => r.load))}, time to interactive ${ms(median((r) => r.tti))}`,
  );
  console.log(
    `  form sent → thank-you page loaded: ${ms(median((r) => r.submit))} (the thank-you navigation's own load event at ${ms(median((r) => r.thanksLoad))})`,
  );
} finally {
  await browser.close();
  await bench.stop();
}
