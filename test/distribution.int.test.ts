import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../src/server/seed/demo.seed';
import { apiRoutes, fillParams } from './helpers/routes';
import { createTestApp, signIn, TEST_SECRET, type TestApp } from './helpers/test-app';

// Ready to be distributed by organisation (Citus, docs/scale.md): checked over the migrated schema,
// and over the statements the app sends while people use it.
//
// The schema: every table that holds an organisation's rows (it has org_id) has org_id in its primary
// key, in every unique key (Citus refuses a unique key without the distribution column) but the listed
// look-ups by a secret token, and in every foreign key to another such table, matched to that table's
// org_id. The tables without org_id are the organisations themselves and the sign-in tables of
// Better Auth (a person may belong to several organisations): reference tables on Citus.
//
// The statements: the demo hotel, then every GET route of the API as a director, an administrator, a
// manager and a member, a logged extra and a reaction; every statement that reads or writes an
// organisation's table names org_id, except the listed look-ups by token (they find the organisation).

const PASSWORD = 'demo-password-for-tests';

/** Tables kept outside the organisations: distributed by their own id, or reference tables on Citus. */
const GLOBAL_TABLES = [
  'organizations',
  'auth_user',
  'auth_session',
  'auth_account',
  'auth_verification',
  'auth_throttle',
];

/**
 * Unique keys without org_id: a secret token (or an e-mail domain) by which a request that does not yet
 * know its organisation finds it. On Citus each becomes unique per organisation with the global look-up
 * in a small token → organisation reference table (docs/scale.md).
 */
const TOKEN_KEYS = [
  'api_keys_tokenHash_unique',
  'counter_devices_activation_uq',
  'counter_devices_token_uq',
  'counter_sessions_token_uq',
  'invitations_token_uq',
  'sign_in_codes_selector_uq',
  'sso_domains_proven_uq',
  'voice_followups_reply_token_uq',
  'voice_links_token_uq',
];

let t: TestApp;
let orgTables: string[];

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.database.pool.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
      order by 1`,
  );
  orgTables = rows.map((r) => r.name);
});
afterAll(() => t.close());

describe('the schema, ready to distribute by organisation', () => {
  it('keeps org_id in every table but the organisations and the sign-in tables', async () => {
    const { rows } = await t.database.pool.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like '\\_\\_%'
          and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)`,
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...GLOBAL_TABLES].sort());
    expect(orgTables.length).toBeGreaterThan(40);
  });

  it('has org_id in the primary key of every organisation table, and in every unique key but the token look-ups', async () => {
    const { rows } = await t.database.pool.query<{ table: string; index: string; primary: boolean; has_org: boolean }>(
      `select t.relname as table, ic.relname as index, i.indisprimary as primary,
              exists (select 1 from pg_attribute a where a.attrelid = t.oid and a.attnum = any(i.indkey) and a.attname = 'org_id') as has_org
         from pg_index i join pg_class t on t.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
        where i.indisunique and t.relname = any($1)`,
      [orgTables],
    );
    const withoutPrimaryKey = orgTables.filter((name) => !rows.some((r) => r.table === name && r.primary));
    expect(withoutPrimaryKey).toEqual([]);
    expect(rows.filter((r) => r.primary && !r.has_org).map((r) => r.table)).toEqual([]);
    const uniqueWithoutOrg = rows.filter((r) => !r.has_org).map((r) => r.index);
    expect(uniqueWithoutOrg.sort()).toEqual([...TOKEN_KEYS].sort());
  });

  it('matches org_id to org_id in every foreign key between organisation tables, and refers to the organisation by org_id', async () => {
    const { rows } = await t.database.pool.query<{ name: string; from: string; to: string; matched: boolean }>(
      `select c.conname as name, c.conrelid::regclass::text as from, c.confrelid::regclass::text as to,
              exists (select 1 from unnest(c.conkey, c.confkey) k(l, r)
                        join pg_attribute la on la.attrelid = c.conrelid and la.attnum = k.l
                        join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.r
                       where la.attname = 'org_id' and ra.attname = (case when c.confrelid = 'organizations'::regclass then 'id' else 'org_id' end)) as matched
         from pg_constraint c
        where c.contype = 'f' and c.conrelid::regclass::text = any($1)
          and (c.confrelid::regclass::text = any($1) or c.confrelid = 'organizations'::regclass)`,
      [orgTables],
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter((r) => !r.matched).map((r) => `${r.name}: ${r.from} → ${r.to}`)).toEqual([]);
  });
});

describe('the statements, each naming the organisation', () => {
  it('names org_id in every statement on an organisation table while people use the app', async () => {
    await seedDemoIfEmpty(t.database.db, PASSWORD, TEST_SECRET);
    const people = ['anna', 'jeroen', 'pieter', 'lisa'];
    const cookies = await Promise.all(people.map((p) => signIn(t.app, `${p}@dekroon.example`, PASSWORD)));

    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string } | undefined;
      const text = typeof config === 'string' ? config : config?.text;
      if (text) sent.push(text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    let answered = 0;
    try {
      const routes = apiRoutes(t.app.routeTable).filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'));
      for (const cookie of cookies) {
        for (const route of routes) {
          const response = await t.app.inject({ method: 'GET', url: fillParams(route.url, {}), headers: { cookie } });
          if (response.statusCode === 200) answered++;
        }
      }
      const logged = await t.app.inject({
        method: 'POST',
        url: '/api/v1/extras',
        headers: { cookie: cookies[3]! },
        payload: {
          occasion: 'Gast was jarig',
          action: 'Een kaartje geschreven',
          kind: 'time',
          costCents: 0,
          minutes: 5,
        },
      });
      expect(logged.statusCode).toBe(201);
      await t.app.afterResponse.idle();
    } finally {
      pg.Client.prototype.query = query;
    }
    expect(answered).toBeGreaterThan(100);

    const names = new RegExp(`(?<![\\w.])"?(${orgTables.join('|')})"?(?![\\w"])`, 'g');
    const tokenLookup = /\b(token_hash|token|selector|activation_hash|domain)"? = \$\d/;
    const unnamed = [
      ...new Set(
        sent.filter((text) => {
          const touched = text.match(names);
          if (!touched) return false;
          return !/\borg_id\b/.test(text) && !tokenLookup.test(text);
        }),
      ),
    ];
    expect(sent.length).toBeGreaterThan(500);
    expect(unnamed).toEqual([]);
  });
});
