// Server CPU per request, route by route: the app built in this process on the machine's PostgreSQL
// (bench/in-process.ts, the demo hotel), many app.inject calls per route, 8 at a time, and the
// process's CPU time (process.cpuUsage: user + system, Node's own work only: Fastify, zod, the access
// check, Drizzle, pg's protocol; PostgreSQL's work is in its own processes) divided by the requests.
// Goals: POST /extras at most 1.5 ms, the main GET lists at most 0.7 ms.
// PostgreSQL is the machine's, over loopback TCP; BENCH_DATABASE_URL chooses another, also on a Unix
// socket as the app reaches its embedded PostgreSQL (db/embedded.ts):
//   BENCH_DATABASE_URL='postgres://postgres@localhost?host=/var/run/postgresql' npx tsx bench/request-cost.ts
// The first line says which transport was used.
// Profile: PROFILE_DIR=/tmp/prof npx tsx bench/request-cost.ts writes one CPU profile per route, of the
// measured requests only (open it in Chrome's DevTools, Performance tab, or speedscope).
// Run: npx tsx bench/request-cost.ts [requests per route] [only the routes whose name contains this]
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadNote, startInProcessApp } from './in-process';

const N = Number(process.argv[2] ?? 2000);
const ONLY = process.argv[3];
const AT_ONCE = 8;
const PROFILE_DIR = process.env.PROFILE_DIR;
const bench = await startInProcessApp('cost', 8);
const profiler = PROFILE_DIR ? new Session() : undefined;
if (profiler && PROFILE_DIR) {
  mkdirSync(PROFILE_DIR, { recursive: true });
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
}
try {
  const member = await bench.signIn('lisa@dekroon.example');
  const manager = await bench.signIn('daan@dekroon.example');
  const director = await bench.signIn('anna@dekroon.example');
  const extra = JSON.stringify({
    occasion: 'Gast vroeg de weg naar het museum',
    action: 'Meegelopen tot de hoek',
    kind: 'time',
    costCents: 0,
    minutes: 5,
    reactionScore: 5,
  });
  type Case = { name: string; goalMs?: number; call: () => Promise<{ statusCode: number; body: string }> };
  const get = (url: string, cookie: string, goalMs?: number): Case => ({
    name: `GET ${url}`,
    goalMs,
    call: () =>
      bench.app.inject({ method: 'GET', url: url.startsWith('/api/') ? url : `/api/v1${url}`, headers: { cookie } }),
  });
  const cases: Case[] = [
    {
      name: 'POST /extras',
      goalMs: 1.5,
      call: () =>
        bench.app.inject({
          method: 'POST',
          url: '/api/v1/extras',
          headers: { cookie: member, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          payload: extra,
        }),
    },
    get('/api/health', member),
    get('/me', member),
    get('/extras', member, 0.7),
    // The director's own list is empty in the demo: the organisation's list is the director's real one.
    get('/extras?scope=all&limit=50', director, 0.7),
    get('/feed', member, 0.7),
    get('/notifications', manager, 0.7),
    get('/promises', manager, 0.7),
    get('/values', member, 0.7),
    get('/members', director, 0.7),
  ];
  const transport = new URL(bench.url).searchParams.has('host') ? 'Unix socket' : 'TCP';
  console.log(`${N} requests per route, ${AT_ONCE} at a time; PostgreSQL over ${transport}; ${await loadNote()}`);
  for (const c of cases) {
    if (ONLY && !c.name.includes(ONLY)) continue;
    const first = await c.call();
    if (first.statusCode >= 300) throw new Error(`${c.name}: ${first.statusCode} ${first.body.slice(0, 300)}`);
    const run = async (n: number) => {
      let left = n;
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          while (left-- > 0) {
            const r = await c.call();
            if (r.statusCode >= 300) throw new Error(`${c.name}: ${r.statusCode}`);
          }
        }),
      );
    };
    await run(Math.min(500, N)); // warm: JIT, prepared statements, caches
    await profiler?.post('Profiler.start');
    const cpu = process.cpuUsage();
    const start = performance.now();
    await run(N);
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - start;
    if (profiler && PROFILE_DIR) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(
        path.join(PROFILE_DIR, `${c.name.replace(/[^a-z0-9]+/gi, '_')}.cpuprofile`),
        JSON.stringify(profile),
      );
    }
    const perRequest = (used.user + used.system) / 1000 / N;
    const goal =
      c.goalMs === undefined ? '' : ` (goal ≤ ${c.goalMs} ms: ${perRequest <= c.goalMs ? 'met' : 'not met'})`;
    console.log(
      `${c.name.padEnd(28)} CPU ${perRequest.toFixed(3)} ms/request${goal} (user ${(used.user / 1000 / N).toFixed(3)}), ${(N / (wall / 1000)).toFixed(0)} req/s in this process`,
    );
  }
  console.log(`done; ${await loadNote()}`);
} finally {
  profiler?.disconnect();
  await bench.close();
}
