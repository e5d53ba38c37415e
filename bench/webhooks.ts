// Webhook deliveries under a dead endpoint: does logging an extra slow down when the organisation's
// webhook addresses refuse connections or never answer? Logs extras one after another (p50/p99 of
// POST /api/v1/extras) with no addresses, then with three addresses (first without the job: what the
// request pays for writing the deliveries down), then for `extra.logged` (connection
// refused, one that accepts and never answers, one that answers 200) while the delivery job runs in
// the same process, back to back, with its real 5 s timeout. Prints the job's runs beside it.
// Run: npx tsx bench/webhooks.ts [extras per phase]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { deliverDueWebhooks } from '../src/server/modules/integrations/webhooks.delivery';
import { loadNote, startInProcessApp } from './in-process';

const perPhase = Number(process.argv[2] ?? 300);
const bench = await startInProcessApp('webhooks');
const { app, database } = bench;

const listen = async (server: http.Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
let received = 0;
const fine = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.end('ok');
  });
});
const held: http.ServerResponse[] = [];
const hanging = http.createServer((_req, res) => void held.push(res));
const finePort = await listen(fine);
const hangingPort = await listen(hanging);
const closed = http.createServer();
const refusedPort = await listen(closed);
await new Promise<void>((resolve) => closed.close(() => resolve()));

const cookie = await bench.signIn('lisa@dekroon.example');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function logExtras(label: string) {
  const times: number[] = [];
  for (let i = 0; i < perPhase; i++) {
    const start = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/extras',
      headers: { cookie },
      payload: { occasion: 'Bench', action: `Extra ${label} ${i}`, kind: 'time', costCents: 0, minutes: 1 },
    });
    times.push(performance.now() - start);
    if (response.statusCode !== 201) throw new Error(`${response.statusCode} ${response.body}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(42)} p50 ${percentile(times, 0.5).toFixed(1)} ms  p99 ${percentile(times, 0.99).toFixed(1)} ms  max ${times.at(-1)!.toFixed(1)} ms`,
  );
}

console.log(`${perPhase} extras per phase, one after another; ${await loadNote()}`);
await logExtras('no webhook addresses');

const { rows } = await database.pool.query(`select org_id from members limit 1`);
const orgId = rows[0].org_id;
for (const [name, url] of [
  ['refused', `http://127.0.0.1:${refusedPort}/hook`],
  ['hanging', `http://127.0.0.1:${hangingPort}/hook`],
  ['fine', `http://127.0.0.1:${finePort}/hook`],
])
  await database.pool.query(
    `insert into webhook_endpoints (org_id, name, url, format, events, secret) values ($1, $2, $3, 'klantwerk', '{extra.logged}', 'whsec_bench')`,
    [orgId, name, url],
  );

// What the request itself pays: writing one delivery per address, in the request, nothing sent yet.
await logExtras('3 addresses, job not running');
await database.pool.query(`delete from webhook_deliveries`);

// The job, back to back (the app runs it every 10 s), with its real timeout and concurrency.
let stop = false;
const runs: { ms: number; delivered: number; retrying: number; failed: number }[] = [];
const job = (async () => {
  while (!stop) {
    const start = performance.now();
    const done = await deliverDueWebhooks({
      db: database.db,
      log: app.log,
      appUrl: 'http://localhost:3000',
      allowPrivate: true,
    });
    runs.push({ ms: performance.now() - start, ...done });
    if (done.delivered + done.retrying + done.failed === 0) await new Promise((r) => setTimeout(r, 50));
  }
})();
await logExtras('3 addresses (refused, hanging, fine) + job');
const receivedDuringPhase = received;
// The job goes on a while: how soon the good address has everything although the others are dead.
const drainStart = performance.now();
while (received < perPhase && performance.now() - drainStart < 30_000) await new Promise((r) => setTimeout(r, 100));
const drainedMs = performance.now() - drainStart;
stop = true;
await job;
console.log(
  `the fine receiver had ${receivedDuringPhase} while the extras were logged, all ${perPhase} ${(drainedMs / 1000).toFixed(1)} s after the last one (received ${received})`,
);

const busy = runs.filter((r) => r.delivered + r.retrying + r.failed > 0);
const sum = (k: 'delivered' | 'retrying' | 'failed') => busy.reduce((s, r) => s + r[k], 0);
console.log(
  `delivery job: ${busy.length} runs with work, longest ${Math.max(0, ...busy.map((r) => r.ms)).toFixed(0)} ms; ` +
    `delivered ${sum('delivered')}, to retry ${sum('retrying')}; the fine receiver got ${received}`,
);
const { rows: pending } = await database.pool.query(
  `select e.name, count(*) filter (where d.status = 'pending' and d.attempts = 0) as waiting, count(*) filter (where d.status = 'delivered') as delivered,
          count(*) filter (where d.attempts > 0 and d.status = 'pending') as retrying, max(d.last_error) as error
     from webhook_deliveries d join webhook_endpoints e on e.org_id = d.org_id and e.id = d.endpoint_id group by e.name order by e.name`,
);
console.table(pending);

// The same again without addresses: whether the table's growth alone moved the figures.
await database.pool.query(`delete from webhook_endpoints`);
await logExtras('no webhook addresses (again, at the end)');

for (const res of held) res.destroy();
hanging.closeAllConnections();
hanging.close();
fine.close();
await bench.close();
