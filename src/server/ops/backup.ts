import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import tar from 'tar-stream';
import { migrationsFolder } from '../db/migrate';
import type { Job } from '../lib/ticker';

// Backups of the embedded PostgreSQL, made by the app itself: the package ships no pg_dump, and a
// system pg_dump of another major version cannot dump it. One REPEATABLE READ READ ONLY transaction
// sees one snapshot of the whole database (what pg_dump does too): every table is copied out of it with
// COPY, which takes no lock that blocks writes. The archive is a tar: manifest.json first (PostgreSQL
// and app version, the last migration, per table its columns, rows and SHA-256), then one gzipped COPY
// file per table, then the generated auth secret when there is one. A restore builds the schema with the
// app's own migrations up to the one the backup had and copies the rows back in one transaction, with
// triggers and foreign-key checks off (session_replication_role = replica): the rows come from one
// consistent snapshot, and the triggers that keep the day sums must not count them a second time.
//
// One file on purpose (over 400 lines): making and restoring a backup share the archive's format (manifest,
// entries, checksums), and keeping both beside each other is how they stay in step.

export const BACKUP_FORMAT = 'klantwerk-backup';
const FORMAT_VERSION = 1;
const MANIFEST = 'manifest.json';
const AUTH_SECRET_ENTRY = 'auth-secret';
/** The app's tables; drizzle's migration table is rebuilt by the migrations themselves. */
const DATA_SCHEMA = 'public';
/** Only one backup at a time per database (the nightly job and `npm run backup`). */
const BACKUP_LOCK_KEY = 7_264_331_902;

/** klantwerk-20260514T030000Z.tar: the moment in UTC, so names sort by time whatever the time zone. */
const NAME = /^klantwerk-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar$/;

export interface TableEntry {
  /** Table name in the public schema. */
  name: string;
  columns: string[];
  rows: number;
  /** SHA-256 of the table's COPY text, before compression. */
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  postgres: { version: string; versionNum: number };
  /** The last migration applied: its tag in the journal, and drizzle's record of it. */
  migration: { count: number; tag: string; when: number; hash: string };
  tables: TableEntry[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  authSecret: boolean;
}

export interface TableProgress {
  table: string;
  rows: number;
  bytes: number;
  ms: number;
  index: number;
  of: number;
}

export class BackupError extends Error {}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (name: string) => `${ident(DATA_SCHEMA)}.${ident(name)}`;

/** 20260514T030000Z: a moment in UTC for file names. */
export function utcStamp(at = new Date()): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export function backupName(at: Date): string {
  return `klantwerk-${utcStamp(at)}.tar`;
}

/** The moment in a backup file's name, or undefined for any other file. */
export function backupTime(file: string): Date | undefined {
  const m = NAME.exec(path.basename(file));
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** The backups in a folder, newest first. */
export async function listBackups(dir: string): Promise<{ file: string; at: Date }[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .map((name) => ({ file: path.join(dir, name), at: backupTime(name) }))
    .filter((b): b is { file: string; at: Date } => b.at !== undefined)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Deletes backups older than keepDays; the newest is always kept. Returns the files deleted. */
export async function pruneBackups(dir: string, keepDays: number, now = new Date()): Promise<string[]> {
  const cutoff = now.getTime() - keepDays * 86_400_000;
  const old = (await listBackups(dir)).slice(1).filter((b) => b.at.getTime() < cutoff);
  for (const b of old) await fs.rm(b.file, { force: true });
  return old.map((b) => b.file);
}

/**
 * Whether the nightly backup is due: no backup since the last time the clock passed `hour` (local time).
 * A night the app was not running is caught up soon after the next start.
 */
export async function backupDue(dir: string, hour: number, now = new Date()): Promise<boolean> {
  const slot = new Date(now);
  slot.setHours(hour, 0, 0, 0);
  if (slot > now) slot.setDate(slot.getDate() - 1);
  const [newest] = await listBackups(dir);
  return !newest || newest.at < slot;
}

/** Hashes and counts what passes through. */
function measure() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes, digest: () => hash.digest('hex') };
}

async function migrationState(client: pg.ClientBase): Promise<BackupManifest['migration']> {
  const applied = await client
    .query<{ hash: string; created_at: string; count: string }>(
      'select hash, created_at::text, count(*) over ()::text as count from drizzle.__drizzle_migrations order by created_at desc limit 1',
    )
    .catch(() => ({ rows: [] }));
  const last = applied.rows[0];
  if (!last)
    throw new BackupError('This database has no Klantwerk migrations: there is nothing of Klantwerk to back up.');
  const journal = await readJournal(migrationsFolder);
  const when = Number(last.created_at);
  const tag = journal.entries.find((e) => e.when === when)?.tag ?? `unknown (${when})`;
  return { count: Number(last.count), tag, when, hash: last.hash };
}

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
  [key: string]: unknown;
}

async function readJournal(folder: string): Promise<Journal> {
  return JSON.parse(await fs.readFile(path.join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

export interface MakeBackupOptions {
  /** A connection to the database, used only by the backup (it holds a transaction open throughout). */
  client: pg.ClientBase;
  /** Where the archive goes (created with mode 700: it holds personal data and password hashes). */
  dir: string;
  appVersion: string;
  /** DATA_DIR/auth-secret when the app uses the secret it generated: a restore on a new machine needs it. */
  authSecretFile?: string;
  /** Called before waiting for a backup already being made by someone else. */
  onWait?: () => void;
  onTable?: (progress: TableProgress) => void;
  /** Skip instead of waiting when another backup is being made (the nightly job). */
  skipIfBusy?: boolean;
  /** Stops the backup before its next table (the app is stopping); the table being copied is cancelled by the caller. */
  signal?: AbortSignal;
  now?: Date;
}

/**
 * Makes one backup archive; returns its path and manifest, or undefined when skipIfBusy and another
 * backup is running. The archive appears under its final name only once complete.
 */
export async function makeBackup(
  options: MakeBackupOptions,
): Promise<{ file: string; manifest: BackupManifest; bytes: number } | undefined> {
  const { client, dir } = options;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [BACKUP_LOCK_KEY]);
  if (!got.rows[0]!.ok) {
    if (options.skipIfBusy) return undefined;
    options.onWait?.();
    await client.query('select pg_advisory_lock($1)', [BACKUP_LOCK_KEY]);
  }
  // With the lock held no other backup runs: a partial folder left is from a backup that was cut off.
  for (const name of await fs.readdir(dir))
    if (name.startsWith('.partial-')) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  const staging = await fs.mkdtemp(path.join(dir, '.partial-'));
  try {
    const now = options.now ?? new Date();
    const { manifest, files } = await dumpTables(client, staging, options, now);
    const file = path.join(dir, backupName(now));
    const partial = path.join(staging, 'archive.tar');
    await writeArchive(partial, manifest, files, options.authSecretFile);
    await fs.chmod(partial, 0o600);
    await fs.rename(partial, file);
    return { file, manifest, bytes: (await fs.stat(file)).size };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
    await client.query('select pg_advisory_unlock($1)', [BACKUP_LOCK_KEY]).catch(() => {});
  }
}

async function dumpTables(client: pg.ClientBase, staging: string, options: MakeBackupOptions, now: Date) {
  await client.query('begin isolation level repeatable read read only');
  try {
    const version = await client.query<{ version: string; num: string }>(
      "select current_setting('server_version') as version, current_setting('server_version_num') as num",
    );
    const largeObjects = await client.query<{ n: string }>('select count(*)::text as n from pg_largeobject_metadata');
    if (largeObjects.rows[0]!.n !== '0') {
      throw new BackupError(
        'The database holds large objects, which Klantwerk never makes and this backup does not copy: ask for help before relying on it.',
      );
    }
    const migration = await migrationState(client);
    const tableRows = await client.query<{ name: string; columns: string[] }>(
      `select c.relname as name,
              array_agg(a.attname::text order by a.attnum) as columns
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        where n.nspname = $1 and c.relkind = 'r'
        group by c.relname
        order by c.relname`,
      [DATA_SCHEMA],
    );
    const tables: TableEntry[] = [];
    const files: string[] = [];
    for (const [index, table] of tableRows.rows.entries()) {
      options.signal?.throwIfAborted();
      const started = Date.now();
      const file = path.join(staging, `${table.name}.copy.gz`);
      const copy = client.query(
        copyTo(`copy ${qualified(table.name)} (${table.columns.map(ident).join(', ')}) to stdout`),
      );
      const seen = measure();
      await pipeline(copy, seen.stream, createGzip({ level: 3 }), createWriteStream(file, { mode: 0o600 }));
      tables.push({ name: table.name, columns: table.columns, rows: copy.rowCount, sha256: seen.digest() });
      files.push(file);
      options.onTable?.({
        table: table.name,
        rows: copy.rowCount,
        bytes: seen.bytes(),
        ms: Date.now() - started,
        index: index + 1,
        of: tableRows.rows.length,
      });
    }
    const sequenceNames = await client.query<{ name: string }>(
      "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'S' order by 1",
      [DATA_SCHEMA],
    );
    const sequences: BackupManifest['sequences'] = [];
    for (const { name } of sequenceNames.rows) {
      const value = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${qualified(name)}`,
      );
      sequences.push({ name, lastValue: value.rows[0]!.last_value, isCalled: value.rows[0]!.is_called });
    }
    const authSecret = options.authSecretFile
      ? await fs.stat(options.authSecretFile).then(
          () => true,
          () => false,
        )
      : false;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: now.toISOString(),
      appVersion: options.appVersion,
      postgres: { version: version.rows[0]!.version, versionNum: Number(version.rows[0]!.num) },
      migration,
      tables,
      sequences,
      authSecret,
    };
    return { manifest, files };
  } finally {
    await client.query('rollback').catch(() => {});
  }
}

async function writeArchive(
  target: string,
  manifest: BackupManifest,
  files: string[],
  authSecretFile: string | undefined,
) {
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(target, { mode: 0o600 }));
  const add = (name: string, size: number, source: Readable) =>
    new Promise<void>((resolve, reject) => {
      const entry = pack.entry({ name, size, mode: 0o600 }, (err) => (err ? reject(err) : resolve()));
      source.on('error', reject);
      source.pipe(entry);
    });
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  pack.entry({ name: MANIFEST, mode: 0o600 }, manifestBytes);
  for (const file of files)
    await add(`tables/${path.basename(file)}`, (await fs.stat(file)).size, createReadStream(file));
  if (manifest.authSecret && authSecretFile)
    pack.entry({ name: AUTH_SECRET_ENTRY, mode: 0o600 }, await fs.readFile(authSecretFile));
  pack.finalize();
  await written;
}

/** Reads the manifest (the archive's first entry) without reading the rest: checked before anything is touched. */
export async function readManifest(file: string): Promise<BackupManifest> {
  const extract = tar.extract();
  const source = createReadStream(file);
  try {
    const found = await new Promise<BackupManifest>((resolve, reject) => {
      extract.once('entry', (header, stream) => {
        if (header.name !== MANIFEST)
          return reject(new BackupError(`${file} is not a Klantwerk backup (no manifest).`));
        const chunks: Buffer[] = [];
        stream.on('data', (c) => chunks.push(c as Buffer));
        stream.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest);
          } catch {
            reject(new BackupError(`${file} is not a Klantwerk backup (its manifest is unreadable).`));
          }
        });
      });
      extract.on('error', () => reject(new BackupError(`${file} is not a Klantwerk backup (not a tar archive).`)));
      extract.on('finish', () => reject(new BackupError(`${file} is not a Klantwerk backup (empty).`)));
      source.on('error', reject);
      source.pipe(extract);
    });
    if (found.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a Klantwerk backup.`);
    if (found.formatVersion > FORMAT_VERSION)
      throw new BackupError(
        `${file} was made by a newer Klantwerk (backup format ${found.formatVersion}): upgrade Klantwerk first.`,
      );
    return found;
  } finally {
    source.destroy();
    extract.destroy();
  }
}

/**
 * A migrations folder holding the app's migrations up to the backup's last one, so the schema is the
 * one the rows were copied from. A backup from a newer Klantwerk (a migration this code lacks) is refused.
 */
export async function migrationsUpTo(
  manifest: BackupManifest,
): Promise<{ folder: string; remove: () => Promise<void> }> {
  const journal = await readJournal(migrationsFolder);
  const at = journal.entries.findIndex((e) => e.when === manifest.migration.when);
  if (at < 0) {
    throw new BackupError(
      `This backup was made by a newer Klantwerk (${manifest.appVersion}, migration ${manifest.migration.tag}) than this one: install that version or newer, then restore.`,
    );
  }
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'klantwerk-restore-migrations-'));
  const entries = journal.entries.slice(0, at + 1);
  await fs.mkdir(path.join(folder, 'meta'));
  await fs.writeFile(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries)
    await fs.copyFile(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  return { folder, remove: () => fs.rm(folder, { recursive: true, force: true }) };
}

export interface RestoreOptions {
  file: string;
  /** A superuser connection to the database to fill, freshly migrated to the backup's migration. */
  client: pg.ClientBase;
  onTable?: (progress: TableProgress) => void;
}

/**
 * Copies every table of the archive into the database in one transaction, checking each table's rows
 * and checksum against the manifest (a damaged file changes nothing), then sets the sequences.
 * Returns the manifest and the auth secret the archive carried, if any.
 */
export async function restoreRows(options: RestoreOptions): Promise<{ manifest: BackupManifest; authSecret?: string }> {
  const { client } = options;
  const extract = tar.extract();
  const source = createReadStream(options.file);
  let manifest: BackupManifest | undefined;
  let authSecret: string | undefined;
  const done = new Set<string>();
  await client.query('begin');
  try {
    await client.query('set local session_replication_role = replica');
    const present = await client.query<{ name: string }>(
      "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'",
      [DATA_SCHEMA],
    );
    // Migrations may have written rows of their own: the backup's rows replace them.
    if (present.rows.length) await client.query(`truncate ${present.rows.map((r) => qualified(r.name)).join(', ')}`);

    const readAll = new Promise<void>((resolve, reject) => {
      extract.on('entry', (header, stream, next) => {
        const handle = async () => {
          if (header.name === MANIFEST) {
            const chunks: Buffer[] = [];
            for await (const c of stream) chunks.push(c as Buffer);
            manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
            return;
          }
          if (header.name === AUTH_SECRET_ENTRY) {
            const chunks: Buffer[] = [];
            for await (const c of stream) chunks.push(c as Buffer);
            authSecret = Buffer.concat(chunks).toString('utf8').trim();
            return;
          }
          const name = /^tables\/(.+)\.copy\.gz$/.exec(header.name)?.[1];
          const table = manifest?.tables.find((t) => t.name === name);
          if (!table)
            throw new BackupError(
              `The backup holds an entry it does not describe (${header.name}): the file is damaged.`,
            );
          const started = Date.now();
          const seen = measure();
          const into = client.query(
            copyFrom(`copy ${qualified(table.name)} (${table.columns.map(ident).join(', ')}) from stdin`),
          );
          await pipeline(stream, createGunzip(), seen.stream, into);
          if (into.rowCount !== table.rows || seen.digest() !== table.sha256) {
            throw new BackupError(
              `The backup is damaged: table ${table.name} has ${into.rowCount} rows (${table.rows} expected) or another checksum. Nothing was changed by the restore.`,
            );
          }
          done.add(table.name);
          options.onTable?.({
            table: table.name,
            rows: into.rowCount,
            bytes: seen.bytes(),
            ms: Date.now() - started,
            index: done.size,
            of: manifest!.tables.length,
          });
        };
        handle().then(
          () => next(),
          (err: unknown) => {
            stream.resume();
            reject(err);
            extract.destroy();
          },
        );
      });
      extract.on('finish', resolve);
      extract.on('error', reject);
      source.on('error', reject);
    });
    source.pipe(extract);
    await readAll;

    if (!manifest) throw new BackupError(`${options.file} is not a Klantwerk backup (no manifest).`);
    const missing = manifest.tables.filter((t) => !done.has(t.name));
    if (missing.length)
      throw new BackupError(
        `The backup is incomplete: ${missing.map((t) => t.name).join(', ')} missing. Nothing was changed by the restore.`,
      );
    for (const s of manifest.sequences) {
      await client.query('select setval($1::regclass, $2::bigint, $3)', [qualified(s.name), s.lastValue, s.isCalled]);
    }
    await client.query('commit');
    return { manifest, authSecret };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    if (err instanceof BackupError) throw err;
    // A truncated or altered file shows up as a tar, gzip or COPY error half-way through a table.
    throw new BackupError(
      `The backup cannot be read: it is damaged (${err instanceof Error ? err.message : String(err)}). Nothing was changed by the restore.`,
    );
  } finally {
    source.destroy();
  }
}

export interface NightlyBackupDeps {
  pool: pg.Pool;
  /** DATA_DIR: backups go to its backups folder. */
  dataDir: string;
  hour: number;
  keepDays: number;
  appVersion: string;
  /** Set when the app uses the secret it generated in DATA_DIR. */
  authSecretFile?: string;
  log: { info(obj: object, msg: string): void };
  /** Aborted when the app stops: a backup being made is cancelled, and made again after the next start. */
  signal: AbortSignal;
}

/** The nightly backup as a background job: checks every 10 minutes whether one is due (see backupDue). */
export function nightlyBackupJob(deps: NightlyBackupDeps): Job {
  const dir = path.join(deps.dataDir, 'backups');
  return {
    name: 'nightly backup',
    everyMs: 10 * 60_000,
    firstAfterMs: 10 * 60_000,
    run: async () => {
      if (!(await backupDue(dir, deps.hour))) return;
      const started = Date.now();
      if (deps.signal.aborted) return;
      const client = await deps.pool.connect();
      // A stop cancels the table being copied (from another connection), so the app need not wait for the whole backup.
      const cancel = () =>
        void deps.pool
          .query('select pg_cancel_backend($1)', [(client as unknown as { processID: number }).processID])
          .catch(() => {});
      deps.signal.addEventListener('abort', cancel);
      let made: Awaited<ReturnType<typeof makeBackup>>;
      try {
        made = await makeBackup({
          client,
          dir,
          appVersion: deps.appVersion,
          authSecretFile: deps.authSecretFile,
          skipIfBusy: true,
          signal: deps.signal,
        });
        client.release();
      } catch (err) {
        client.release(true);
        if (deps.signal.aborted)
          return void deps.log.info({}, 'backup cut off by the stop: it is made again after the next start');
        throw err;
      } finally {
        deps.signal.removeEventListener('abort', cancel);
      }
      if (!made) return;
      const rows = made.manifest.tables.reduce((sum, t) => sum + t.rows, 0);
      deps.log.info({ file: made.file, bytes: made.bytes, rows, ms: Date.now() - started }, 'backup made');
      const deleted = await pruneBackups(dir, deps.keepDays);
      if (deleted.length)
        deps.log.info(
          { deleted: deleted.map((f) => path.basename(f)), keepDays: deps.keepDays },
          'old backups deleted',
        );
    },
  };
}
