import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from 'better-auth/crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/client';
import { migrationsFolder, runMigrations } from '../src/server/db/migrate';
import { TEST_SECRET } from './helpers/test-app';

// An installation made by the previous release upgrades in place: its data stays and works.

interface Journal {
  entries: { tag: string }[];
}

/** The last migration the previous release shipped (the release with purpose, values and extras). */
const PREVIOUS_RELEASE_LAST = '0001_values_extras';

/** A copy of the migrations folder that stops after the previous release's last migration. */
async function previousRelease(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-prev-'));
  await fs.cp(migrationsFolder, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await fs.readFile(journalFile, 'utf8')) as Journal;
  const last = journal.entries.findIndex((e) => e.tag === PREVIOUS_RELEASE_LAST);
  if (last < 0 || last === journal.entries.length - 1)
    throw new Error(`${PREVIOUS_RELEASE_LAST} is not an earlier migration`);
  journal.entries = journal.entries.slice(0, last + 1);
  await fs.writeFile(journalFile, JSON.stringify(journal));
  return dir;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('upgrading from the previous schema', () => {
  it('migrates a database with data of the previous release, and that data keeps working', async () => {
    const serverUrl = inject('pgServerUrl');
    const name = `${inject('databasePrefix')}up_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name}`);
    cleanups.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const url = `${serverUrl}/${name}`;
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on('error', () => {});
    cleanups.push(() => pool.end());

    const previous = await previousRelease();
    cleanups.push(() => fs.rm(previous, { recursive: true, force: true }));
    await migrate(drizzle(pool), { migrationsFolder: previous });

    // Data as the previous release wrote it.
    const orgId = randomUUID();
    const userId = randomBytes(12).toString('hex');
    const memberId = randomUUID();
    const teamId = randomUUID();
    await pool.query(`insert into organizations (id, name) values ($1, 'Winkel De Hoek')`, [orgId]);
    await pool.query(
      `insert into auth_user (id, name, email, email_verified) values ($1, 'Henk', 'henk@hoek.example', true)`,
      [userId],
    );
    await pool.query(
      `insert into auth_account (id, account_id, provider_id, user_id, password) values ($1, $2, 'credential', $2, $3)`,
      [randomBytes(12).toString('hex'), userId, await hashPassword('henk his password')],
    );
    await pool.query(`insert into members (org_id, id, user_id, roles) values ($1, $2, $3, '{admin,member}')`, [
      orgId,
      memberId,
      userId,
    ]);
    await pool.query(`insert into teams (org_id, id, name) values ($1, $2, 'Winkelvloer')`, [orgId, teamId]);
    await pool.query(`insert into team_members (org_id, team_id, member_id, is_manager) values ($1, $2, $3, true)`, [
      orgId,
      teamId,
      memberId,
    ]);
    await pool.query(
      `insert into extras (org_id, member_id, team_ids, occurred_at, occasion, action, kind, cost_cents, minutes, value_ids, reaction_score)
       values ($1, $2, $3, now() - interval '1 hour', 'Klant zocht een verjaardagscadeau voor zijn moeder', 'Samen gezocht en ingepakt', 'time', 0, 15, '{}', 5)`,
      [orgId, memberId, [teamId]],
    );

    await runMigrations(pool);

    const database = openDatabase(url, { max: 2 });
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false' }),
      database,
      authSecret: TEST_SECRET,
      loggerInstance: pino({ level: 'silent' }),
    });
    cleanups.push(async () => {
      await app.close();
      await database.close();
    });
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'henk@hoek.example', password: 'henk his password' },
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const teams = await app.inject({ method: 'GET', url: '/api/v1/teams', headers: { cookie } });
    expect(teams.json().items.map((x: { name: string }) => x.name)).toEqual(['Winkelvloer']);
    // and the new release's features work on the old data
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/extras',
      payload: { occasion: 'Klant zocht een cadeau', action: 'Ingepakt', kind: 'time', costCents: 0, minutes: 5 },
      headers: { cookie },
    });
    expect(extra.statusCode).toBe(201);
    expect(extra.json().teamIds).toEqual([teamId]);
    // the old extra is in the team feed, and its occasion got its words: colleagues find it as similar
    const feed = (
      await app.inject({ method: 'GET', url: `/api/v1/feed?teamId=${teamId}`, headers: { cookie } })
    ).json();
    expect(feed.items.map((s: { occasion: string }) => s.occasion)).toContain(
      'Klant zocht een verjaardagscadeau voor zijn moeder',
    );
    const words = await pool.query(
      `select occasion_tsv::text as words from extras where occasion like 'Klant zocht een verjaardag%'`,
    );
    expect(words.rows[0].words).toContain('verjaardagscadeau');
  });
});
