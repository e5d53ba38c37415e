import { DrizzleQueryError } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';

/** What a caller is told to wait before trying again while the database is away (Retry-After, seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** While the database is away, how often it is asked whether it is back. */
const PROBE_EVERY_MS = 2_000;
const FIRST_PROBE_AFTER_MS = 500;

/**
 * SQLSTATEs that mean "the server is not there for us right now", not "the query was wrong":
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
 * (starting up, shutting down, in recovery), 53300 too_many_connections.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * Socket errors on the way to the server. They count only for an error that came out of the database
 * pool or a Drizzle query: an SMTP server that refuses a connection is not a database outage.
 */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What pg and pg-pool say when a connection is lost or cannot be made; they carry no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end',
];

const FROM_DATABASE = Symbol('klantwerk.fromDatabase');

/** Marks an error thrown by the database pool (see db/client.ts), so its socket codes are known to be the database's. */
export function markDatabaseError<T>(err: T): T {
  if (err && typeof err === 'object' && Object.isExtensible(err))
    Object.defineProperty(err, FROM_DATABASE, { value: true });
  return err;
}

/**
 * Whether an error means the database cannot be reached (down, restarting, unreachable, too busy to
 * take a connection) rather than a fault in a query. Drizzle wraps the driver's error: the chain of
 * causes is followed.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let fromDatabase = false;
  let current: unknown = err;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if (current instanceof DrizzleQueryError || FROM_DATABASE in current) fromDatabase = true;
    const { code, message, errors } = current as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (fromDatabase && typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    // The embedded PostgreSQL's socket file is gone while it is down.
    if (fromDatabase && code === 'ENOENT' && String((current as { address?: unknown }).address).includes('.s.PGSQL.'))
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    // A host name with several addresses fails with an AggregateError of one error per address.
    if (fromDatabase && Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(markDatabaseError(e))))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The part of an error worth one log line: its code and first line, never a stack or a query's parameters. */
function reasonOf(err: unknown): { code?: string; message: string } {
  let current: unknown = err;
  // The innermost cause names what happened (ECONNREFUSED, 57P01); the outer one is Drizzle's "Failed query".
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause;
    if (!cause || typeof cause !== 'object') break;
    current = cause;
  }
  const { code, message } = (current ?? {}) as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    message: (typeof message === 'string' && message ? message : String(current)).split('\n', 1)[0]!.slice(0, 200),
  };
}

export interface DatabaseWatchEvents {
  /** The database went away: once per outage. */
  onDown?(): void;
  /** It answers again. */
  onUp?(): void;
  /** A failure seen while the database is away or as it goes (a request, a job, an idle connection). */
  onFailure?(): void;
}

export interface DatabaseWatch {
  /** False from the first failure that says the database is away until it answers again. */
  readonly up: boolean;
  /** Reports an error; true when it means the database is away (and was counted as such). */
  failed(err: unknown): boolean;
  stop(): void;
}

/**
 * Follows whether the database answers, so an outage is logged once when it starts (warn) and once
 * when it ends (info), however many requests and jobs fail meanwhile. While it is away a probe asks
 * every few seconds, so the recovery is noticed (and logged) even when no request comes; a new
 * connection the pool makes also means it is back. pg's pool drops broken clients by itself: nothing
 * here restarts or reconnects anything.
 */
export function watchDatabase(pool: pg.Pool, log: FastifyBaseLogger, events: DatabaseWatchEvents = {}): DatabaseWatch {
  let up = true;
  let downSince = 0;
  let failures = 0;
  let probe: NodeJS.Timeout | undefined;
  let stopped = false;

  const back = () => {
    if (up) return;
    up = true;
    clearTimeout(probe);
    probe = undefined;
    events.onUp?.();
    log.info(
      { outageSeconds: Math.round((Date.now() - downSince) / 1000), failedDuringOutage: failures },
      'database is back',
    );
  };

  const scheduleProbe = (delay: number) => {
    if (stopped || up) return;
    probe = setTimeout(() => {
      pool.query('select 1').then(back, () => scheduleProbe(PROBE_EVERY_MS));
    }, delay);
    probe.unref();
  };

  const failed = (err: unknown) => {
    if (!isDatabaseUnavailable(err)) return false;
    events.onFailure?.();
    if (!up) {
      failures++;
      return true;
    }
    up = false;
    downSince = Date.now();
    failures = 1;
    events.onDown?.();
    log.warn(
      { database: reasonOf(err), retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
      'database unavailable: answering 503 until it returns (logged once; recovery is logged too)',
    );
    // Soon at first: one terminated connection (not an outage) is over at once.
    scheduleProbe(FIRST_PROBE_AFTER_MS);
    return true;
  };

  // An idle client whose connection drops (a restart, a terminated backend) is reported here; without a
  // listener the pool would throw it and end the process.
  const onPoolError = (err: Error) => void failed(markDatabaseError(err));
  const onConnect = () => back();
  pool.on('error', onPoolError);
  pool.on('connect', onConnect);

  return {
    get up() {
      return up;
    },
    failed,
    stop() {
      stopped = true;
      clearTimeout(probe);
      pool.off('error', onPoolError);
      pool.off('connect', onConnect);
    },
  };
}
