// Privacy on the large organisation of the tower bench (5,000 people, a million extras over two years,
// 200,000 promises, 100,000 customer reactions): one in five extras names a customer, one in three
// reactions left contact details, customers' names are kept a year. Prints the hourly sweep's time the first time (a backlog of two years to
// pseudonymise) and in steady state (nothing due), and p50/p95 of an administrator taking the file of the
// busiest member (GET /members/:id/export) with its size, and the time to erase that member.
// Run: npx tsx bench/privacy.ts [extras] [requests]
import { performance } from 'node:perf_hooks';
import { pseudonymiseOldCustomers } from '../src/server/modules/privacy/retention';
import { eraseOldContacts } from '../src/server/modules/voice/reactions.service';
import { addLargeOrganization } from './data';
import { ms, startApp, timed } from './harness';

const EXTRAS = Number(process.argv[2] ?? 1_000_000);
const REQUESTS = Number(process.argv[3] ?? 20);

const bench = await startApp(3966, 'privacy');
const { q } = bench;
try {
  const { orgId } = await addLargeOrganization(q, EXTRAS);
  await q(`update extras set customer_ref = 'Gast ' || (id::text) where org_id = $1 and random() < 0.2`, [orgId]);
  await q(`update customer_reactions set contact_email = 'klant@example.test' where org_id = $1 and random() < 0.33`, [
    orgId,
  ]);
  // Keep customers' names a year: the promises of the first year are past it (their customers were known then).
  await q(`update customers set created_at = now() - interval '800 days' where org_id = $1`, [orgId]);
  await q(`update organizations set customer_keep_days = 365 where id = $1`, [orgId]);
  await q(`analyze`);
  const { rows: counts } = await q(
    `select (select count(*) from extras where customer_ref is not null)::int as refs,
            (select count(*) from customer_reactions where contact_email is not null)::int as contacts,
            (select count(*) from customers)::int as customers`,
  );
  console.log(
    `extras naming a customer ${counts[0].refs}, reactions with contact details ${counts[0].contacts}, customers ${counts[0].customers}`,
  );

  const sweep = async () => {
    const started = performance.now();
    const contacts = await eraseOldContacts(bench.database.db);
    const customers = await pseudonymiseOldCustomers(bench.database.db);
    return { ms: performance.now() - started, contacts, ...customers };
  };
  const first = await sweep();
  console.log(
    `first sweep (two years of backlog): ${ms(first.ms)} — contacts erased ${first.contacts}, customers pseudonymised ${first.customers}, extra references dropped ${first.extraRefs}`,
  );
  const steady: number[] = [];
  for (let i = 0; i < 5; i++) steady.push((await sweep()).ms);
  console.log(`steady sweep (nothing due), five runs: ${steady.map(ms).join(', ')}`);

  const admin = await bench.signIn('jeroen@dekroon.example');
  const { rows: busiest } = await q(
    `select member_id, count(*)::int as n from extras where org_id = $1 group by member_id order by n desc limit 1`,
    [orgId],
  );
  const memberId = busiest[0].member_id as string;
  const post = (url: string) => fetch(`${bench.base}${url}`, { method: 'POST', headers: { cookie: admin } });
  // An administrator takes the file only for someone who has left.
  const deactivated = await post(`/api/v1/members/${memberId}/deactivate`);
  if (!deactivated.ok) throw new Error(`deactivate: ${deactivated.status} ${await deactivated.text()}`);
  const exportUrl = `/api/v1/members/${memberId}/export`;
  const size = (await (await fetch(`${bench.base}${exportUrl}`, { headers: { cookie: admin } })).arrayBuffer())
    .byteLength;
  const taken = await timed(bench.get(exportUrl, admin), REQUESTS);
  console.log(
    `export of the busiest member (${busiest[0].n} extras, ${(size / 1024).toFixed(0)} KiB): p50 ${ms(taken.p50)}, p95 ${ms(taken.p95)}`,
  );

  const started = performance.now();
  const erased = await post(`/api/v1/members/${memberId}/erase`);
  if (!erased.ok) throw new Error(`erase: ${erased.status} ${await erased.text()}`);
  console.log(`erasing that member: ${ms(performance.now() - started)}`);
} finally {
  await bench.stop();
}
