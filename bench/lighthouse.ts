// Google Lighthouse's performance category on a phone, against `npm start` on a fresh data folder:
// the sign-in page (anonymous) and the log screen /extras/new signed in as lisa@dekroon.example (the
// session cookie sent with every request). Lighthouse's default (mobile) settings: a Moto G-class
// phone, 412×823, the CPU 4× slower and simulated slow 4G (150 ms latency, 1.6 Mbit/s down), the
// metrics estimated from an unthrottled load (Lantern). Debian's Chromium (CHROMIUM_PATH overrides),
// headless, a fresh browser and profile for each run. Prints each run and the median per page: the
// Performance score (0–100), LCP, TBT, CLS, FCP, Speed Index, the bytes transferred (all, and
// JavaScript) and the requests; then which of the goals the medians meet: Performance ≥ 90,
// LCP ≤ 2.5 s, TBT ≤ 200 ms, CLS ≤ 0.05. Fails if the signed-in page ends up on /sign-in (the final
// URL Lighthouse reports) or none of the app's signed-in API calls answered 200 during that run.
// Each line also gives Lighthouse's benchmark index of the machine at that moment: on this shared
// machine a busier moment scores lower, so compare runs at a similar index.
// Run: npx tsx bench/lighthouse.ts [runs]      (runs per page, default 3)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/e2e/browser';
import { ms, percentile, startApp } from './harness';

const RUNS = Number(process.argv[2] ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`runs must be a whole number of 1 or more, not ${process.argv[2]}`);
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_FLAGS];
const GOALS = { score: 90, lcp: 2500, tbt: 200, cls: 0.05 };

interface Run {
  finalUrl: string;
  /** Lighthouse's label of the largest contentful paint's element: shows which screen was measured. */
  lcpElement: string;
  /** Whether the page's own data came (a signed-in API call other than GET /api/v1/session answered 200): it ran signed in. */
  signedIn: boolean;
  score: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Lighthouse's measure of this machine's speed at the time (higher is faster; ~1000 for a desktop it calibrates against): the same page scores lower on a busier machine. */
  benchmarkIndex: number;
  fcp: number;
  si: number;
  bytes: number;
  jsBytes: number;
  requests: number;
}

/** One Lighthouse run in its own Chromium with a fresh profile (chrome-launcher's temporary user data folder). */
async function audit(url: string, cookie?: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    // LIGHTHOUSE_REPORTS=<folder> keeps each run's whole report and its Chromium trace (*.trace.json, opens in
    // the DevTools Performance panel), to see where the time went.
    if (process.env.LIGHTHOUSE_REPORTS) {
      writeFileSync(
        path.join(process.env.LIGHTHOUSE_REPORTS, `${new URL(url).pathname.replace(/\W+/g, '_')}-${Date.now()}.json`),
        JSON.stringify(lhr),
      );
      writeFileSync(
        path.join(
          process.env.LIGHTHOUSE_REPORTS,
          `${new URL(url).pathname.replace(/\W+/g, '_')}-${Date.now()}.trace.json`,
        ),
        JSON.stringify(result.artifacts.Trace),
      );
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    for (const warning of lhr.runWarnings) console.warn(`  Lighthouse warning: ${warning}`);
    const numeric = (id: string) => {
      const value = lhr.audits[id]?.numericValue;
      if (value === undefined)
        throw new Error(
          `Lighthouse on ${url}: no value for ${id} (${lhr.audits[id]?.errorMessage ?? 'audit missing'})`,
        );
      return value;
    };
    // Every request of the load as Lighthouse saw it, with its bytes on the wire.
    const requests =
      (
        lhr.audits['network-requests']?.details as
          | { items?: { url: string; statusCode?: number; resourceType?: string; transferSize?: number }[] }
          | undefined
      )?.items ?? [];
    const lcpTable = (
      lhr.audits['largest-contentful-paint-element']?.details as
        | { items?: { items?: { node?: { nodeLabel?: string } }[] }[] }
        | undefined
    )?.items?.[0];
    const score = lhr.categories.performance?.score;
    if (score === null || score === undefined) throw new Error(`Lighthouse on ${url}: no performance score`);
    return {
      finalUrl: lhr.finalDisplayedUrl,
      signedIn: requests.some((r) => {
        const pathname = new URL(r.url).pathname;
        return pathname.startsWith('/api/v1/') && pathname !== '/api/v1/session' && r.statusCode === 200;
      }),
      lcpElement: (lcpTable?.items?.[0]?.node?.nodeLabel ?? '?').replace(/\s+/g, ' ').slice(0, 50),
      score: Math.round(score * 100),
      lcp: numeric('largest-contentful-paint'),
      tbt: numeric('total-blocking-time'),
      cls: numeric('cumulative-layout-shift'),
      fcp: numeric('first-contentful-paint'),
      si: numeric('speed-index'),
      bytes: numeric('total-byte-weight'),
      jsBytes: requests.filter((r) => r.resourceType === 'Script').reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
      requests: requests.length,
      benchmarkIndex: lhr.environment.benchmarkIndex,
    };
  } finally {
    chrome.kill();
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const line = (r: Omit<Run, 'finalUrl' | 'lcpElement' | 'signedIn'>) =>
  `machine ${Math.round(r.benchmarkIndex)} | Performance ${r.score} | LCP ${ms(r.lcp)}, TBT ${ms(r.tbt)}, CLS ${r.cls.toFixed(3)}, FCP ${ms(r.fcp)}, Speed Index ${ms(r.si)} | ` +
  `${kib(r.bytes)} transferred (${kib(r.jsBytes)} JavaScript) in ${r.requests} requests`;

const bench = await startApp(3967, 'lighthouse');
try {
  const lisa = await bench.signIn('lisa@dekroon.example');
  if (!lisa) throw new Error('signing in as lisa@dekroon.example gave no session cookie');
  const pages = [
    { name: 'sign-in page (anonymous)', path: '/sign-in', cookie: undefined },
    { name: '/extras/new signed in as lisa@dekroon.example', path: '/extras/new', cookie: lisa },
  ];
  console.log(`Lighthouse (mobile preset, performance only), ${RUNS} run(s) per page, Chromium at ${CHROMIUM}`);
  for (const page of pages) {
    console.log(`${page.name}:`);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await audit(`${bench.base}${page.path}`, page.cookie);
      const finalPath = new URL(run.finalUrl).pathname;
      console.log(
        `  run ${i + 1} (${run.finalUrl.replace(bench.base, '')}, LCP element "${run.lcpElement}"): ${line(run)}`,
      );
      if (finalPath !== page.path)
        throw new Error(
          `Lighthouse audited ${run.finalUrl}, not ${page.path}${finalPath === '/sign-in' ? ': the session was not used' : ''}`,
        );
      // Lighthouse's final URL can miss a late client-side redirect, so also check the app saw the session.
      if (page.cookie && !run.signedIn)
        throw new Error(`no signed-in API call answered 200 during the run of ${page.path}: not signed in`);
      runs.push(run);
    }
    const median = (pick: (r: Run) => number) => percentile(runs.map(pick), 50);
    const m = {
      score: median((r) => r.score),
      lcp: median((r) => r.lcp),
      tbt: median((r) => r.tbt),
      cls: median((r) => r.cls),
      fcp: median((r) => r.fcp),
      si: median((r) => r.si),
      bytes: median((r) => r.bytes),
      jsBytes: median((r) => r.jsBytes),
      requests: median((r) => r.requests),
      benchmarkIndex: median((r) => r.benchmarkIndex),
    };
    console.log(`  median of ${RUNS}: ${line(m)}`);
    const goal = (met: boolean, text: string) => `${met ? 'met' : 'NOT met'}: ${text}`;
    console.log(
      `  goals: ${[
        goal(m.score >= GOALS.score, `Performance ≥ ${GOALS.score}`),
        goal(m.lcp <= GOALS.lcp, `LCP ≤ ${GOALS.lcp / 1000} s`),
        goal(m.tbt <= GOALS.tbt, `TBT ≤ ${GOALS.tbt} ms`),
        goal(m.cls <= GOALS.cls, `CLS ≤ ${GOALS.cls}`),
      ].join('; ')}`,
    );
  }
} finally {
  await bench.stop();
}
