import { eq, like, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { authThrottle } from '../db/schema/auth.schema';

// Counting tries in a window, shared by every module that must slow down guessing: sign-in (auth), the
// customer's reaction page (voice), sign-in codes and counter PINs (workforce). The table lives with
// auth's, where it began.

/**
 * Counts one hit for `key` in a fixed window and returns the count so far and when the window ends.
 * One atomic statement, so concurrent requests on several app processes count correctly.
 */
export async function hitThrottle(
  tx: Tx,
  key: string,
  windowMinutes: number,
): Promise<{ hits: number; resetsAt: Date }> {
  return hitThrottleFor(tx, key, windowMinutes * 60);
}

/** hitThrottle with the window in seconds. */
export async function hitThrottleFor(
  tx: Tx,
  key: string,
  windowSeconds: number,
): Promise<{ hits: number; resetsAt: Date }> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await tx
    .insert(authThrottle)
    .values({ key, windowStart: sql`now()`, hits: 1 })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        hits: sql`case when ${authThrottle.windowStart} < now() - ${window} then 1 else ${authThrottle.hits} + 1 end`,
        windowStart: sql`case when ${authThrottle.windowStart} < now() - ${window} then now() else ${authThrottle.windowStart} end`,
      },
    })
    .returning({ hits: authThrottle.hits, resetsAt: sql<Date>`${authThrottle.windowStart} + ${window}` });
  return { hits: row!.hits, resetsAt: new Date(row!.resetsAt) };
}

/** Takes back one hit counted for an attempt that turned out not to count (a right password). */
export async function takeBackHit(tx: Tx, key: string): Promise<void> {
  await tx
    .update(authThrottle)
    .set({ hits: sql`greatest(${authThrottle.hits} - 1, 0)` })
    .where(eq(authThrottle.key, key));
}

/** Forgets the keys given, and every key that starts with one of the prefixes. */
export async function clearThrottles(tx: Tx, keys: string[], prefixes: string[] = []): Promise<void> {
  const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const conditions = [
    ...keys.map((key) => eq(authThrottle.key, key)),
    ...prefixes.map((prefix) => like(authThrottle.key, `${escapeLike(prefix)}%`)),
  ];
  if (conditions.length) await tx.delete(authThrottle).where(or(...conditions));
}
