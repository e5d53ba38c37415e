import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { authThrottle } from '../../db/schema/auth.schema';

/**
 * Counts one hit for `key` in a fixed window and returns the count so far and when the window ends.
 * One atomic statement, so concurrent requests on several app processes count correctly.
 */
export async function hitThrottle(tx: Tx, key: string, windowMinutes: number): Promise<{ hits: number; resetsAt: Date }> {
  const window = sql`make_interval(mins => ${windowMinutes})`;
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

export async function clearThrottle(tx: Tx, key: string): Promise<void> {
  await tx.delete(authThrottle).where(eq(authThrottle.key, key));
}
