import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../src/server/db/embedded';
import { freePort, logExtra, npmRun, type Started, signIn, startApp, waitForHealth } from './helpers/app-process';

// `npm run backup` and `npm run restore` on the embedded PostgreSQL, as an operator runs them beside
// (or after) the app. The state of the database is read here with plain SQL, apart from the backup code.

type State = Record<string, { rows: number; md5: string }>;

/** Row count and a checksum of the rows of every table (and every sequence's position), read straight from the database. */
async function readState(dataDir: string): Promise<State> {
  const embedded = await startEmbeddedDatabase(dataDir);
  const client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
    );
    const state: State = {};
    for (const { name } of tables.rows) {
      const r = await client.query<{ rows: number; md5: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${name} t`,
      );
      state[name] = r.rows[0]!;
    }
    const sequences = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, sequencename) as name from pg_sequences where schemaname = 'public'`,
    );
    for (const { name } of sequences.rows) {
      const r = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${name}`,
      );
      state[`sequence ${name}`] = { rows: 1, md5: `${r.rows[0]!.last_value}/${r.rows[0]!.is_called}` };
    }
    return state;
  } finally {
    await client.end();
    await embedded.stop();
  }
}

async function query<T extends pg.QueryResultRow>(dataDir: string, sql: string): Promise<T[]> {
  const embedded = await startEmbeddedDatabase(dataDir);
  const client = new pg.Client({ connectionString: embedded.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
    await embedded.stop();
  }
}

const backupFile = (out: string) => /Backup made: (\S+)/.exec(out)?.[1];

let dataDir: string;
let env: Record<string, string>;
let base: string;
const running: Started[] = [];

async function runApp(): Promise<Started> {
  const app = startApp(env);
  running.push(app);
  await waitForHealth(base, app);
  return app;
}

async function stopApp(app: Started) {
  app.child.kill('SIGTERM');
  expect(await app.exited).toBe(0);
}

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-backup-'));
  await fs.chmod(dataDir, 0o755);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // No nightly backup of its own during the test: the backups here are the ones the test makes.
  env = { PORT: String(port), DATA_DIR: dataDir, BACKUP_HOUR: 'off', BACKUP_KEEP_DAYS: '14', LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('backup and restore of the embedded database', () => {
  let underLoad: string;
  let ackedBefore: string[];
  let ackedAll: string[];

  it('backs up while the app runs and people keep logging extras, and refuses a restore while it runs', async () => {
    const app = await runApp();
    const cookie = await signIn(base, 'lisa@dekroon.example', 'kroon-demo-2026');
    for (let i = 0; i < 3; i++) expect((await logExtra(base, cookie, `voor de backup ${i}`)).status).toBe(201);

    // Extras keep coming in while the backup runs.
    ackedBefore = [];
    ackedAll = [];
    let load = true;
    let backupStarted = false;
    const writer = (async () => {
      for (let i = 0; load; i++) {
        const saved = await logExtra(base, cookie, `tijdens de backup ${i}`);
        expect(saved.status).toBe(201);
        ackedAll.push(saved.id!);
        if (!backupStarted) ackedBefore.push(saved.id!);
      }
    })();
    await expect.poll(() => ackedAll.length, { timeout: 10_000 }).toBeGreaterThan(5);
    backupStarted = true;
    const made = await npmRun('backup', [], env);
    load = false;
    await writer;
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('Klantwerk is running: backing up beside it');
    expect(made.out).toMatch(/\[\d+\/\d+\] extras\s+[\d,]+ rows/);
    underLoad = backupFile(made.out)!;
    expect(existsSync(underLoad)).toBe(true);
    expect(path.dirname(underLoad)).toBe(path.join(dataDir, 'backups'));
    expect((await fs.stat(underLoad)).mode & 0o077).toBe(0);

    const refused = await npmRun('restore', [underLoad], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Klantwerk is running on .*pid \d+.*refused while the app runs/s);
    // and the app was not touched
    expect((await logExtra(base, cookie, 'na de geweigerde restore')).status).toBe(201);
    await stopApp(app);
  }, 180_000);

  it('restores exactly the state of the backup after more was written, keeping the replaced data aside', async () => {
    // Old backups beyond BACKUP_KEEP_DAYS go when the next one is made; other files stay.
    const backups = path.join(dataDir, 'backups');
    await fs.writeFile(path.join(backups, 'klantwerk-20200101T030000Z.tar'), 'old');
    await fs.writeFile(path.join(backups, 'notes.txt'), 'mine');

    const first = await readState(dataDir);
    expect(first['public.extras']!.rows).toBeGreaterThan(300);
    const made = await npmRun('backup', [], env);
    expect(made.code, made.out).toBe(0);
    const file = backupFile(made.out)!;
    expect(existsSync(path.join(backups, 'klantwerk-20200101T030000Z.tar'))).toBe(false);
    expect(made.out).toContain('deleted klantwerk-20200101T030000Z.tar');
    expect(existsSync(path.join(backups, 'notes.txt'))).toBe(true);
    expect(existsSync(underLoad)).toBe(true);

    // More is written after the backup: extras, a sign-in (a session), a new person's password change.
    const app = await runApp();
    const cookie = await signIn(base, 'daan@dekroon.example', 'kroon-demo-2026');
    for (let i = 0; i < 5; i++) expect((await logExtra(base, cookie, `na de backup ${i}`)).status).toBe(201);
    await stopApp(app);
    const later = await readState(dataDir);
    expect(later['public.extras']!.rows).toBe(first['public.extras']!.rows + 5);

    const restored = await npmRun('restore', [file], env);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/\[\d+\/\d+\] extras\s+[\d,]+ rows/);
    const aside = /kept in (\S+):/.exec(restored.out)?.[1];
    expect(aside).toMatch(/pg\.replaced-\d{8}T\d{6}Z$/);
    expect(existsSync(path.join(aside!, 'PG_VERSION'))).toBe(true);

    // Every table, row for row, and every sequence as it was when the backup was made.
    expect(await readState(dataDir)).toEqual(first);

    // The replaced data is whole: moved back, it still holds what was written after the backup.
    const restoredDir = path.join(dataDir, 'pg-restored');
    await fs.rename(path.join(dataDir, 'pg'), restoredDir);
    await fs.rename(aside!, path.join(dataDir, 'pg'));
    expect((await readState(dataDir))['public.extras']).toEqual(later['public.extras']);
    await fs.rm(path.join(dataDir, 'pg'), { recursive: true, force: true });
    await fs.rename(restoredDir, path.join(dataDir, 'pg'));

    // and the app runs on the restored data: people sign in and log as before.
    const again = await runApp();
    const lisa = await signIn(base, 'lisa@dekroon.example', 'kroon-demo-2026');
    expect((await logExtra(base, lisa, 'na de restore')).status).toBe(201);
    await stopApp(again);
  }, 240_000);

  it('a backup made under load holds one consistent moment: every extra saved before it, none counted twice', async () => {
    const restored = await npmRun('restore', [underLoad], env);
    expect(restored.code, restored.out).toBe(0);
    const ids = new Set((await query<{ id: string }>(dataDir, 'select id from extras')).map((r) => r.id));
    for (const id of ackedBefore) expect(ids.has(id)).toBe(true);
    // Extras saved during the backup are in it or not, whole: the day sums (kept by triggers) agree
    // with the extras themselves, so the restore neither lost nor counted any twice.
    const [sums] = await query<{ summed: number; counted: number }>(
      dataDir,
      'select (select sum(extras) from extra_day_sums_live)::int as summed, (select count(*) from extras)::int as counted',
    );
    expect(sums!.summed).toBe(sums!.counted);
    const during = ackedAll.filter((id) => ids.has(id)).length;
    expect(during).toBeGreaterThanOrEqual(ackedBefore.length);
    expect(during).toBeLessThanOrEqual(ackedAll.length);
  }, 120_000);

  it('refuses a file that is not a backup, and one that is damaged, without changing anything', async () => {
    const before = await readState(dataDir);
    const notBackup = path.join(dataDir, 'not-a-backup.tar');
    await fs.writeFile(notBackup, 'hello');
    const wrong = await npmRun('restore', [notBackup], env);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('is not a Klantwerk backup');

    // One byte changed in the middle of the archive (inside a table's data).
    const damaged = path.join(dataDir, 'damaged.tar');
    const bytes = await fs.readFile(underLoad);
    const manifestEnd = bytes.indexOf(Buffer.from('tables/extras.copy.gz'));
    bytes[manifestEnd + 600] = bytes[manifestEnd + 600]! ^ 0xff;
    await fs.writeFile(damaged, bytes);
    const broken = await npmRun('restore', [damaged], env);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('damaged');
    expect(broken.out).toContain('Nothing was changed');
    expect(await readState(dataDir)).toEqual(before);
  }, 120_000);

  it('with DATABASE_URL, says to use the database server’s own backups instead', async () => {
    const external = await npmRun('backup', [], { ...env, DATABASE_URL: 'postgres://someone@127.0.0.1:1/none' });
    expect(external.code).toBe(1);
    expect(external.out).toContain('DATABASE_URL is set');
    expect(external.out).toContain('pg_dump');
  });
});
