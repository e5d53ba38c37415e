import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { authSession, authThrottle, authVerification } from '../db/schema/auth.schema';
import { idempotencyKeys } from '../db/schema/platform.schema';

// Rows that only matter for a while: expired sessions and links, old sign-in throttle windows, and
// the stored answers to idempotent writes. Swept by a background job, so the tables stay small.

/** How long the answer to a write with an Idempotency-Key is kept: a retry later than this is a new write. */
export const IDEMPOTENCY_KEEP_HOURS = 48;
/** Expired sessions, reset links and invitations' verification rows are kept a day past their end. */
export const EXPIRED_KEEP_HOURS = 24;
/** Throttle windows are minutes long; a day-old window holds nothing that counts. */
export const THROTTLE_KEEP_HOURS = 24;

export async function sweepExpired(
  db: Db,
  now = new Date(),
): Promise<Record<'sessions' | 'verifications' | 'throttles' | 'idempotencyKeys', number>> {
  const at = now.toISOString();
  const hoursAgo = (hours: number) => sql`${at}::timestamptz - make_interval(hours => ${hours})`;
  const sessions = await db.delete(authSession).where(lt(authSession.expiresAt, hoursAgo(EXPIRED_KEEP_HOURS)));
  const verifications = await db
    .delete(authVerification)
    .where(lt(authVerification.expiresAt, hoursAgo(EXPIRED_KEEP_HOURS)));
  const throttles = await db.delete(authThrottle).where(lt(authThrottle.windowStart, hoursAgo(THROTTLE_KEEP_HOURS)));
  const keys = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, hoursAgo(IDEMPOTENCY_KEEP_HOURS)));
  return {
    sessions: sessions.rowCount ?? 0,
    verifications: verifications.rowCount ?? 0,
    throttles: throttles.rowCount ?? 0,
    idempotencyKeys: keys.rowCount ?? 0,
  };
}

/**
 * Folds the deltas the extras' trigger appends (extra_day_deltas, migration day_sum_delta_triggers) into
 * the day sums. The readers add the deltas not yet folded, so this changes no figure; it keeps the
 * deltas table small. Returns how many deltas were folded.
 */
export async function foldDayDeltas(db: Db): Promise<number> {
  const { rows } = await db.execute<{ folded: number }>(sql`select klantwerk_fold_day_deltas() as folded`);
  return Number(rows[0]?.folded ?? 0);
}

/**
 * Folds the deltas (above), then the day sums' slot rows (one per database connection that logged on that day, migration 0021)
 * of the days before yesterday, in every time zone, into one row each: what the readers sum stays the
 * same, the tables stay small. Returns how many slot rows were folded.
 */
export async function foldDaySums(db: Db, now = new Date()): Promise<number> {
  const { rows } = await db.execute<{ folded: number }>(
    sql`select klantwerk_fold_day_sums((${now.toISOString()}::timestamptz at time zone 'UTC')::date - 2) as folded`,
  );
  return Number(rows[0]?.folded ?? 0);
}
