import type { FastifyBaseLogger } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './availability';
import type { Database, Db } from './client';

// The heavy reads (tower, what works, the chain, results, exports) may go to a streaming replica
// (DATABASE_READ_URL); everything else, and every write, stays on the primary.
//
// Reading your own writes: after a person's write the answer sets a cookie with the primary's WAL
// position at that moment (taken after the commit, so at or past the commit record). A heavy read with
// that cookie goes to the replica only once the replica has replayed up to that position, else to the
// primary. Chosen over "the primary for N seconds after a write": it holds however far the replica lags
// (a long vacuum, a bulk import, a network hiccup), and once the replica has caught up, which is
// usually within milliseconds, even the person who just wrote reads from it again. It costs one small
// query on the primary per write, and only when a replica is configured. The replica's replayed
// position only grows, so the last one seen is kept and asked again only when a cookie is ahead of it.
// The cookie is the browser's: on another device, right after a write, a person may see it a moment late.

/** The cookie with the WAL position of the browser's last write ("0/16B3748"). */
export const WROTE_COOKIE = 'klantwerk.wrote';
/** Long past any lag worth waiting for; a replica behind by more than this is broken anyway. */
const WROTE_COOKIE_SECONDS = 3600;

export interface Reads {
  /** Whether a replica is configured. */
  readonly replicated: boolean;
  /**
   * Runs a heavy read on the replica when it has the writes of this browser (its cookie header), else
   * on the primary; when the replica cannot be reached, or cancels the read for a conflict with
   * recovery, the read runs on the primary (and reads stay there for a few seconds after an outage).
   */
  run<T>(cookieHeader: string | undefined, read: (db: Db) => Promise<T>): Promise<T>;
  /** After a person's write: the Set-Cookie line with the primary's WAL position now (undefined without a replica). */
  wroteCookie(secure: boolean): Promise<string | undefined>;
}

/** A WAL position ("16/B374D848") as a number, to compare. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const match = text ? /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text) : null;
  return match ? (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`) : undefined;
}

/** The WAL position in the cookie header, if any. */
export function wroteLsn(cookieHeader: string | undefined): bigint | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === WROTE_COOKIE) {
      try {
        return parseLsn(decodeURIComponent(part.slice(eq + 1).trim()));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** SQLSTATEs of a read the replica cancelled because recovery needed what it held (hot standby conflicts). */
const RECOVERY_CONFLICT = new Set(['40001', '40P01']);

function sqlState(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function createReads(options: { primary: Database; replica?: Database; log: FastifyBaseLogger }): Reads {
  const { primary, replica, log } = options;
  if (!replica) {
    return {
      replicated: false,
      run: (_cookie, read) => read(primary.db),
      wroteCookie: async () => undefined,
    };
  }
  /** The replica's replayed WAL position, as last seen (it only grows). */
  let replayed = 0n;
  let asking: Promise<void> | undefined;
  /** Until when reads stay on the primary after the replica could not be reached. */
  let awayUntil = 0;

  const askReplica = () => {
    asking ??= replica.pool
      .query<{ lsn: string | null }>({
        name: 'replica_replayed',
        // A server that is not (or no longer) a standby: its own position.
        text: 'select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn',
      })
      .then(({ rows }) => {
        const lsn = parseLsn(rows[0]?.lsn);
        if (lsn !== undefined && lsn > replayed) replayed = lsn;
      })
      .finally(() => {
        asking = undefined;
      });
    return asking;
  };

  const replicaAway = (err: unknown) => {
    if (Date.now() >= awayUntil) log.warn({ err }, 'the read replica cannot be reached: heavy reads go to the primary');
    awayUntil = Date.now() + DATABASE_RETRY_AFTER_SECONDS * 1000;
  };

  /** Whether the replica has this browser's last write. */
  const replicaHas = async (cookieHeader: string | undefined): Promise<boolean> => {
    const wrote = wroteLsn(cookieHeader);
    if (wrote === undefined || wrote <= replayed) return true;
    await askReplica();
    return wrote <= replayed;
  };

  return {
    replicated: true,
    async run(cookieHeader, read) {
      if (Date.now() < awayUntil) return read(primary.db);
      try {
        if (!(await replicaHas(cookieHeader))) return read(primary.db);
        return await read(replica.db);
      } catch (err) {
        if (isDatabaseUnavailable(err)) replicaAway(err);
        else if (!RECOVERY_CONFLICT.has(sqlState(err) ?? '')) throw err;
        return read(primary.db);
      }
    },
    async wroteCookie(secure) {
      const { rows } = await primary.pool.query<{ lsn: string }>({
        name: 'primary_wal_position',
        text: 'select pg_current_wal_insert_lsn()::text as lsn',
      });
      const lsn = rows[0]?.lsn;
      if (!lsn) return undefined;
      return [
        `${WROTE_COOKIE}=${encodeURIComponent(lsn)}`,
        `Max-Age=${WROTE_COOKIE_SECONDS}`,
        'Path=/',
        'HttpOnly',
        'SameSite=Lax',
        ...(secure ? ['Secure'] : []),
      ].join('; ');
    },
  };
}
