import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { type Config, ConfigError, loadConfig } from './config';
import {
  dataDirHolder,
  type EmbeddedDatabase,
  EmbeddedDatabaseError,
  lockDataDir,
  runningEmbeddedUrl,
  startEmbeddedDatabase,
} from './db/embedded';
import { runMigrations } from './db/migrate';
import {
  BackupError,
  listBackups,
  makeBackup,
  migrationsUpTo,
  pruneBackups,
  readManifest,
  restoreRows,
  type TableProgress,
  utcStamp,
} from './ops/backup';

// `npm run backup` and `npm run restore -- <file>`: see ops/backup for the mechanism and docs/deploy.md.

const say = (line = '') => process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
};

const EXTERNAL = [
  'DATABASE_URL is set: Klantwerk backs up only its embedded PostgreSQL.',
  'Back up your PostgreSQL with its own tools instead: pg_dump of the same major version as the server',
  '(e.g. `pg_dump --format=custom --file=klantwerk.dump "$DATABASE_URL"`, restored with pg_restore),',
  "or your provider's managed backups and point-in-time recovery. See docs/deploy.md.",
].join('\n');

function appVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
}

const number = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const progress = (p: TableProgress) =>
  say(
    `  [${String(p.index).padStart(String(p.of).length)}/${p.of}] ${p.table.padEnd(32)} ${number(p.rows).padStart(11)} rows ${megabytes(p.bytes).padStart(10)} ${seconds(p.ms).padStart(7)}`,
  );

async function backup(config: Config) {
  if (config.databaseUrl) fail(EXTERNAL);
  if (!existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    fail(`There is no database in ${path.join(config.dataDir, 'pg')} yet: nothing to back up. (Is DATA_DIR right?)`);
  }
  const dir = path.join(config.dataDir, 'backups');
  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  let url = await runningEmbeddedUrl(config.dataDir);
  if (url) {
    say('Klantwerk is running: backing up beside it, from one snapshot (people keep working meanwhile).');
  } else {
    say(`Starting the embedded PostgreSQL in ${path.join(config.dataDir, 'pg')} for the backup.`);
    embedded = await startEmbeddedDatabase(config.dataDir);
    url = embedded.url;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    say(`Backing up to ${dir}:`);
    const made = await makeBackup({
      client,
      dir,
      appVersion: appVersion(),
      authSecretFile: config.authSecret ? undefined : path.join(config.dataDir, 'auth-secret'),
      onWait: () => say('  another backup is being made (the nightly one?): waiting for it to finish'),
      onTable: progress,
    });
    const rows = made!.manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    say();
    say(`Backup made: ${made!.file}`);
    say(
      `  ${number(rows)} rows in ${made!.manifest.tables.length} tables, ${megabytes(made!.bytes)}, ${seconds(Date.now() - started)}`,
    );
    say(
      `  PostgreSQL ${made!.manifest.postgres.version}, Klantwerk ${made!.manifest.appVersion}, migration ${made!.manifest.migration.tag}`,
    );
    const deleted = await pruneBackups(dir, config.backup.keepDays);
    for (const file of deleted)
      say(`  deleted ${path.basename(file)} (older than BACKUP_KEEP_DAYS=${config.backup.keepDays})`);
    say('Copy it somewhere else too: a backup on the same disk does not survive that disk.');
  } finally {
    await client.end().catch(() => {});
    await embedded?.stop();
  }
}

async function restore(config: Config, file: string | undefined) {
  if (config.databaseUrl) fail(EXTERNAL.replace('backs up only', 'restores only into'));
  if (!file) {
    const found = await listBackups(path.join(config.dataDir, 'backups'));
    fail(
      [
        'Which backup? Usage: npm run restore -- <file>',
        found.length
          ? `Backups in ${path.join(config.dataDir, 'backups')}, newest first:`
          : `No backups in ${path.join(config.dataDir, 'backups')}.`,
        ...found.slice(0, 20).map((b) => `  ${b.file}`),
      ].join('\n'),
    );
  }
  const archive = path.resolve(file!);
  if (!existsSync(archive)) fail(`No such file: ${archive}`);
  const manifest = await readManifest(archive);
  const holder = await dataDirHolder(config.dataDir);
  if (holder) {
    fail(
      `Klantwerk is running on ${config.dataDir} (pid ${holder}): a restore replaces its database, so it is refused while the app runs.\n` +
        'Stop Klantwerk first (e.g. `systemctl stop klantwerk`, or Ctrl-C), then run the restore again.',
    );
  }
  const release = await lockDataDir(config.dataDir);
  const clusterDir = path.join(config.dataDir, 'pg');
  if (await runningEmbeddedUrl(config.dataDir)) {
    release();
    fail(
      `A PostgreSQL still runs on ${clusterDir} (left by a Klantwerk that crashed): start and stop Klantwerk once, then restore.`,
    );
  }
  const started = Date.now();
  say(`Restoring ${archive}`);
  say(
    `  made ${manifest.createdAt} by Klantwerk ${manifest.appVersion} (migration ${manifest.migration.tag}), PostgreSQL ${manifest.postgres.version}`,
  );

  const when = utcStamp();
  const aside = existsSync(clusterDir) ? path.join(config.dataDir, `pg.replaced-${when}`) : undefined;
  if (aside) await fs.rename(clusterDir, aside);
  let embedded: EmbeddedDatabase | undefined;
  let authSecret: string | undefined;
  try {
    say('  creating a fresh database and its tables as of that migration');
    embedded = await startEmbeddedDatabase(config.dataDir);
    const pool = new pg.Pool({ connectionString: embedded.url, max: 1 });
    try {
      const migrations = await migrationsUpTo(manifest);
      await runMigrations(pool, migrations.folder).finally(() => migrations.remove());
      const client = await pool.connect();
      try {
        ({ authSecret } = await restoreRows({ file: archive, client, onTable: progress }));
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
    await embedded.stop();
  } catch (err) {
    await embedded?.stop().catch(() => {});
    await fs.rm(clusterDir, { recursive: true, force: true });
    if (aside) await fs.rename(aside, clusterDir);
    release();
    throw err;
  }

  if (authSecret) {
    const secretFile = path.join(config.dataDir, 'auth-secret');
    const current = (await fs.readFile(secretFile, 'utf8').catch(() => '')).trim();
    if (current && current !== authSecret) await fs.rename(secretFile, `${secretFile}.replaced-${when}`);
    await fs.writeFile(secretFile, `${authSecret}\n`, { mode: 0o600 });
    if (config.authSecret)
      say('  note: AUTH_SECRET is set, so it is used rather than the generated secret this backup carried.');
  }
  release();
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  say();
  say(`Restored ${number(rows)} rows in ${manifest.tables.length} tables, ${seconds(Date.now() - started)}.`);
  if (aside) say(`The data it replaced is kept in ${aside}: delete that folder once you are satisfied.`);
  say('Start Klantwerk as usual; it applies any newer migrations at start.');
}

async function main() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`${err.message}\nSee .env.example for every setting and its default.`);
    throw err;
  }
  const [command, file] = process.argv.slice(2);
  try {
    if (command === 'backup') await backup(config!);
    else if (command === 'restore') await restore(config!, file);
    else fail('Usage: npm run backup | npm run restore -- <file>');
  } catch (err) {
    if (err instanceof BackupError || err instanceof EmbeddedDatabaseError) fail(err.message);
    throw err;
  }
  process.exit(0);
}

await main();
