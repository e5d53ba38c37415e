import type { Db } from '../../db/client';
import { AppError } from '../../lib/app-error';
import { hitThrottleFor, takeBackHit } from '../../lib/throttle';

/**
 * Counts one try against each limit at once (one atomic statement each, so parallel guesses count
 * too), or refuses with 429 and Retry-After when any is past its maximum. The caller gives the counts
 * back (`release`) when the try turns out right, so only wrong codes and PINs are counted, as with passwords.
 */
export async function holdTries(db: Db, holds: { key: string; max: number }[], windowSeconds: number) {
  let refusedUntil = 0;
  for (const hold of holds) {
    const { hits, resetsAt } = await hitThrottleFor(db, hold.key, windowSeconds);
    if (hits > hold.max) refusedUntil = Math.max(refusedUntil, resetsAt.getTime());
  }
  const release = async () => {
    for (const hold of holds) await takeBackHit(db, hold.key);
  };
  if (refusedUntil) {
    await release();
    const retryAfter = String(Math.max(1, Math.ceil((refusedUntil - Date.now()) / 1000)));
    throw new AppError('too_many_requests', 429, { headers: { 'retry-after': retryAfter } });
  }
  return { release };
}
