import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tower } from '../src/contracts/tower.contract';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/client';
import { runMigrations } from '../src/server/db/migrate';
import { WROTE_COOKIE } from '../src/server/db/reads';
import { createMemoryMailer } from '../src/server/lib/mailer';
import { freePort } from './helpers/app-process';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { cookieFrom, signIn, TEST_SECRET } from './helpers/test-app';

// DATABASE_READ_URL with a real streaming replica: a primary (wal_level=replica) and a hot standby made
// with pg_basebackup -R, both from Debian's PostgreSQL binaries, on loopback ports of their own. The
// standby's replay is paused to make it lag for sure, then resumed. Without the binaries the test is
// skipped with a note, unless E2E_REQUIRED=1 (CI, which installs them), where their absence fails the run.

const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];

/** The newest PostgreSQL bin folder of Debian's packages (or PG_BIN_DIR) that has every tool the test needs. */
function findBinaries(): string | undefined {
  const candidates = process.env.PG_BIN_DIR
    ? [process.env.PG_BIN_DIR]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const found = candidates.find((dir) => TOOLS.every((tool) => existsSync(path.join(dir, tool))));
  if (found) return found;
  const wanted = `${TOOLS.join(', ')} in /usr/lib/postgresql/<version>/bin (apt-get install -y postgresql, or set PG_BIN_DIR)`;
  if (process.env.E2E_REQUIRED === '1')
    throw new Error(`E2E_REQUIRED=1 but PostgreSQL's binaries are missing: ${wanted}`);
  console.warn(`Skipping the read-replica test: it needs ${wanted}.`);
  return undefined;
}

const bin = findBinaries();
/** PostgreSQL refuses to run as root: as root its tools run as the `postgres` user. */
const asUser = (): { uid?: number; gid?: number } => {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
};

let dir: string;
const started: string[] = [];
let primary: Database;
let replica: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
let f: OrgFixture;
let director: string;
let admin: string;
let member: string;
let standbyAdmin: pg.Client;

function run(tool: string, args: string[]) {
  const result = spawnSync(path.join(bin ?? '', tool), args, {
    ...asUser(),
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

async function startCluster(data: string, port: number) {
  run('pg_ctl', ['-D', data, '-l', `${data}.log`, '-w', '-t', '60', '-o', `-p ${port} -k ${dir}`, 'start']);
  started.push(data);
}

/** Waits until `check` holds, asking again every 50 ms for at most 20 s. */
async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

beforeAll(async () => {
  if (!bin) return;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-replica-'));
  await fs.chmod(dir, 0o777);
  const [primaryPort, standbyPort] = [await freePort(), await freePort()];
  const primaryData = path.join(dir, 'primary');
  const standbyData = path.join(dir, 'standby');

  run('initdb', ['-D', primaryData, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  await fs.appendFile(
    path.join(primaryData, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      'fsync = off',
      'shared_buffers = 16MB',
      '',
    ].join('\n'),
  );
  await startCluster(primaryData, primaryPort);
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/klantwerk`;
  const setup = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
  await setup.connect();
  await setup.query('create database klantwerk');
  await setup.end();
  primary = openDatabase(primaryUrl, { max: 4 });
  await runMigrations(primary.pool);

  // The standby: a base backup of the primary with -R (standby.signal and primary_conninfo), streaming.
  run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    standbyData,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  await startCluster(standbyData, standbyPort);
  replica = openDatabase(`postgres://postgres@127.0.0.1:${standbyPort}/klantwerk`, { max: 4 });
  standbyAdmin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${standbyPort}/klantwerk` });
  await standbyAdmin.connect();
  const { rows } = await standbyAdmin.query('select pg_is_in_recovery() as standby');
  expect(rows[0].standby).toBe(true);

  f = await createOrgFixture(primary.db, 'replica');
  const config = loadConfig({
    NODE_ENV: 'test',
    APP_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
  });
  app = await buildApp({
    config,
    database: primary,
    readDatabase: replica,
    authSecret: TEST_SECRET,
    mailer: createMemoryMailer({ delivers: true }),
    loggerInstance: pino({ level: 'silent' }),
  });
  await app.ready();
  director = await signIn(app, f.people.director.email);
  admin = await signIn(app, f.people.admin.email);
  member = await signIn(app, f.people.member.email);
  await replicaCaughtUp();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await standbyAdmin?.end().catch(() => {});
  await replica?.close();
  await primary?.close();
  for (const data of started.reverse()) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Until the standby has replayed everything the primary has written so far. */
async function replicaCaughtUp() {
  const { rows } = await primary.pool.query('select pg_current_wal_insert_lsn()::text as lsn');
  await until(async () => {
    const r = await standbyAdmin.query('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [rows[0].lsn]);
    return r.rows[0].done;
  });
}

const towerCount = async (cookie: string) => {
  const response = await app.inject({ method: 'GET', url: '/api/v1/tower', headers: { cookie } });
  expect(response.statusCode).toBe(200);
  return (response.json() as Tower).extras.count;
};

const logExtra = (cookie: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/extras',
    headers: { cookie },
    payload: { occasion: 'Gast was jarig', action: 'Een kaartje geschreven', kind: 'time', costCents: 0, minutes: 5 },
  });

describe.skipIf(!bin)('heavy reads on a streaming replica (DATABASE_READ_URL)', () => {
  it('shows a person their own extra in the tower at once, while the replica still lags behind', async () => {
    const before = await towerCount(director);
    // Replay paused: whatever is written now is on the primary only.
    await standbyAdmin.query('select pg_wal_replay_pause()');
    try {
      const logged = await logExtra(director);
      expect(logged.statusCode).toBe(201);
      expect(logged.cookies.some((c) => c.name === WROTE_COOKIE)).toBe(true);
      const withMark = `${director}; ${cookieFrom(logged)}`;

      // The one who wrote reads from the primary: their extra is there.
      expect(await towerCount(withMark)).toBe(before + 1);
      // Someone else reads from the replica, which has not replayed the extra yet: proof that the tower
      // really is read there. They see it once the replica has caught up.
      expect(await towerCount(admin)).toBe(before);
      await standbyAdmin.query('select pg_wal_replay_resume()');
      await replicaCaughtUp();
      expect(await towerCount(admin)).toBe(before + 1);

      // Once the replica has the write, the writer reads from the replica again: with replay paused
      // and a colleague's extra logged meanwhile, the writer does not see that one yet.
      await standbyAdmin.query('select pg_wal_replay_pause()');
      expect((await logExtra(member)).statusCode).toBe(201);
      expect(await towerCount(withMark)).toBe(before + 1);
    } finally {
      await standbyAdmin.query('select pg_wal_replay_resume()');
    }
    await replicaCaughtUp();
    expect(await towerCount(director)).toBe(before + 2);
  });

  it('reads from the primary when the replica is gone', async () => {
    const before = await towerCount(admin);
    await standbyAdmin.end();
    const standby = started.pop() ?? '';
    run('pg_ctl', ['-D', standby, '-m', 'immediate', '-w', 'stop']);
    expect((await logExtra(member)).statusCode).toBe(201);
    expect(await towerCount(admin)).toBe(before + 1);
  });
});
