// The log screen's main-thread work as it opens, in CPU time: a figure that stays put on a busy machine,
// where Lighthouse's TBT (bench/lighthouse.ts) moves with whatever else runs, because it is made from
// wall-clock task lengths. /extras/new signed in as lisa@dekroon.example against `npm start` on a fresh
// data folder (run `npm run build` first), in Debian's Chromium with a fresh profile per run, phone-sized,
// the service worker blocked (it installs after the first screen anyway). From a Chromium trace of each
// load: the renderer main thread's tasks from the document's parsing on, each with its CPU time (the
// trace's thread duration). Prints per run and the median: all CPU time, "blocking at 4×" (what TBT
// would be if each task took 4× its CPU time, Lighthouse's CPU slowdown for a phone, counting every
// task, also those before the first paint), the longest task, and how many tasks exceed 12.5 ms (50 ms
// at 4×, Lighthouse's long-task line).
// Run: npx tsx bench/first-screen-cpu.ts [runs]      (default 5)
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from '../test/e2e/browser';
import { percentile, startApp } from './harness';

const RUNS = Number(process.argv[2] ?? 5);
if (!Number.isInteger(RUNS) || RUNS < 1)
  throw new Error(`runs must be a whole number of 1 or more, not ${process.argv[2]}`);

interface TraceEvent {
  name: string;
  pid: number;
  tid: number;
  ph: string;
  ts: number;
  /** The wall-clock length of the event, in µs. */
  dur?: number;
  /** The CPU time of the thread during the event, in µs. */
  tdur?: number;
  args?: { beginData?: { url?: string } };
}

const bench = await startApp(3969, 'first-screen-cpu');
try {
  const cookie = await bench.signIn('lisa@dekroon.example');
  if (!cookie) throw new Error('signing in as lisa@dekroon.example gave no session cookie');
  const rows: { cpu: number; blocking: number; longest: number; long: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    try {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, serviceWorkers: 'block' });
      await context.addCookies(
        cookie.split('; ').map((pair) => {
          const [name, ...value] = pair.split('=');
          return { name: name!, value: value.join('='), url: bench.base };
        }),
      );
      const page = await context.newPage();
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      await page.goto(`${bench.base}/extras/new`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
      // Stopped before asking the page anything: Playwright's own scripts (finding the button) run on the
      // page's main thread too, and made the longest "task" of an earlier version of this bench.
      const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] })
        .traceEvents;
      if (new URL(page.url()).pathname !== '/extras/new') throw new Error(`ended on ${page.url()}: not signed in`);
      if (!(await page.getByRole('button', { name: 'Opslaan' }).isVisible()))
        throw new Error('the log screen was not drawn in full when the trace stopped');
      // The renderer's main thread: where the log screen's document was parsed.
      const parse = events.find((e) => e.name === 'ParseHTML' && /\/extras\/new/.test(e.args?.beginData?.url ?? ''));
      if (!parse) throw new Error('no parsing of /extras/new in the trace');
      const tasks = events
        .filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.name === 'RunTask' && e.ph === 'X')
        .filter((e) => e.ts >= parse.ts)
        // A thread's CPU time cannot exceed the wall-clock time: now and then the trace's CPU clock
        // jumps (a 1 ms task "costing" 15 ms), so the smaller of the two counts.
        .map((e) => Math.min(e.tdur ?? 0, e.dur ?? Number.POSITIVE_INFINITY) / 1000);
      const row = {
        cpu: tasks.reduce((sum, t) => sum + t, 0),
        blocking: tasks.reduce((sum, t) => sum + Math.max(0, 4 * t - 50), 0),
        longest: Math.max(...tasks),
        long: tasks.filter((t) => t > 12.5).length,
      };
      rows.push(row);
      console.log(
        `run ${run + 1}: main-thread CPU ${row.cpu.toFixed(0)} ms, blocking at 4× ${row.blocking.toFixed(0)} ms, longest task ${row.longest.toFixed(1)} ms, tasks over 12.5 ms: ${row.long}`,
      );
    } finally {
      await browser.close();
    }
  }
  const median = (pick: (r: (typeof rows)[number]) => number) => percentile(rows.map(pick), 50);
  console.log(
    `median of ${RUNS}: main-thread CPU ${median((r) => r.cpu).toFixed(0)} ms, blocking at 4× ${median((r) => r.blocking).toFixed(0)} ms, longest task ${median((r) => r.longest).toFixed(1)} ms, tasks over 12.5 ms: ${median((r) => r.long)}`,
  );
} finally {
  await bench.stop();
}
