// Which of the extras table's indexes the app's reads use, on a large organisation: the demo hotel
// grown to 5,000 people in 300 teams with [extras] extras over two years. Records every statement
// that the GET routes send as a director, an administrator, a manager and a member (plus a search
// and the team lists), EXPLAINs each one that reads extras with the values it was sent with, and
// prints, per index on extras, the statements whose plan uses it and how much dearer each plan gets
// without it (the index dropped inside a transaction that is rolled back).
// Run: npx tsx bench/extras-indexes.ts [extras]
import pg from 'pg';
import { apiRoutes, fillParams } from '../test/helpers/routes';
import { addExtras, addPeople } from './data';
import { startInProcessApp } from './in-process';

const EXTRAS = Number(process.argv[2] ?? 200_000);

interface Sent {
  text: string;
  values: unknown[];
}

const bench = await startInProcessApp('idx', 4);
const admin = new pg.Client({ connectionString: bench.url });
await admin.connect();
try {
  const q = (text: string, values?: unknown[]) => admin.query(text, values);
  const { rows: orgRows } = await q(`select id from organizations limit 1`);
  const orgId = orgRows[0].id as string;
  const people = await addPeople(q as never, orgId, { members: 5000, teams: 300, secondTeams: true });
  await addExtras(q as never, orgId, people, EXTRAS);
  console.log('');

  // Each person's own first team fills :teamId (a director looks at a bench team of the large organisation).
  const people4 = ['anna', 'jeroen', 'pieter', 'lisa'];
  const cookies = await Promise.all(people4.map((p) => bench.signIn(`${p}@dekroon.example`)));
  const { rows: benchTeam } = await q(`select id from teams where org_id = $1 and name = 'Bench team 1'`, [orgId]);
  const teamOf = async (person: string) => {
    const { rows } = await q(
      `select tm.team_id from team_members tm join members m on m.org_id = tm.org_id and m.id = tm.member_id
         join auth_user u on u.id = m.user_id where u.email = $1 limit 1`,
      [`${person}@dekroon.example`],
    );
    return (rows[0]?.team_id as string | undefined) ?? (benchTeam[0].id as string);
  };
  const teamIds = [benchTeam[0].id as string, ...(await Promise.all(people4.slice(1).map(teamOf)))];

  const sent: Sent[] = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (this !== admin) {
      const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
      const text = typeof first === 'string' ? first : first.text;
      const values = (typeof first === 'string' ? second : (first.values ?? second)) as unknown[] | undefined;
      if (text) sent.push({ text, values: Array.isArray(values) ? values : [] });
    }
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    const routes = apiRoutes(bench.app.routeTable).filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'));
    const searches = [
      '/api/v1/best-practices?q=gast',
      `/api/v1/extras/similar?occasion=${encodeURIComponent('Gast vroeg de weg naar het museum')}`,
    ];
    for (const [i, cookie] of cookies.entries()) {
      for (const url of [...routes.map((r) => fillParams(r.url, { teamId: teamIds[i]! })), ...searches])
        await bench.app.inject({ method: 'GET', url, headers: { cookie } });
    }
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
  }

  // The statements that read extras (not the ones that write), each text once with its first values.
  const readsExtras = /\bfrom\s+"?extras"?\b|\bjoin\s+"?extras"?\b|,\s*"?extras"?\s+\w+\b/i;
  const unique = new Map<string, Sent>();
  for (const s of sent)
    if (readsExtras.test(s.text) && /^\s*(select|with)/i.test(s.text) && !unique.has(s.text)) unique.set(s.text, s);
  const { rows: indexRows } = await q(
    `select indexrelid::regclass::text as name from pg_index where indrelid = 'extras'::regclass and not indisprimary`,
  );
  const indexes = indexRows.map((r) => r.name as string);

  const plan = async (s: Sent) => {
    const { rows } = await q(`explain (format json) ${s.text}`, s.values);
    return rows[0]['QUERY PLAN'][0].Plan as Record<string, unknown>;
  };
  const usedIndexes = (node: Record<string, unknown>, out = new Set<string>()) => {
    if (typeof node['Index Name'] === 'string') out.add(node['Index Name']);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) usedIndexes(child, out);
    return out;
  };
  const byIndex = new Map<string, string[]>(indexes.map((i) => [i, []]));
  for (const s of unique.values()) {
    let base: Record<string, unknown>;
    try {
      base = await plan(s);
    } catch (err) {
      console.log(`could not explain: ${(err as Error).message}: ${s.text.slice(0, 120)}`);
      continue;
    }
    for (const index of usedIndexes(base)) {
      if (!byIndex.has(index)) continue;
      await q('begin');
      await q(`drop index ${index}`);
      const without = await plan(s);
      await q('rollback');
      const cost = (p: Record<string, unknown>) => Number(p['Total Cost']);
      byIndex
        .get(index)!
        .push(
          `cost ${cost(base).toFixed(0)} → ${cost(without).toFixed(0)} without it (×${(cost(without) / cost(base)).toFixed(1)}): ${s.text.replace(/\s+/g, ' ').slice(0, 200)}`,
        );
    }
  }
  console.log(`${unique.size} distinct statements read extras`);
  for (const [index, uses] of byIndex) {
    console.log(`\n${index}: used by ${uses.length}`);
    for (const u of uses) console.log(`  ${u}`);
  }
} finally {
  await admin.end();
  await bench.close(process.env.KEEP === '1');
}
