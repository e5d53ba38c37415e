import { useState } from 'react';
import { isApiError, newIdempotencyKey } from './api-client';

/**
 * How a save ended, as far as its Idempotency-Key goes:
 * - `done`: the server has it (or the outbox on this phone keeps it, key and all): the next save is a new thing;
 * - `refused`: the server stored nothing, so a corrected try may reuse the key (a retry after a lost answer stays one);
 * - `keyReused`: the server already saved something else under this key (an earlier try did arrive): a new key.
 */
export type SubmitOutcome = 'done' | 'refused' | 'keyReused';

/** The outcome of a save that failed with `error`. */
export function outcomeOfError(error: unknown): SubmitOutcome {
  return isApiError(error) && error.code === 'idempotency_key_reused' ? 'keyReused' : 'refused';
}

/** The key for the next save after one that ended with `outcome`. */
export function keyAfter(key: string, outcome: SubmitOutcome, fresh: () => string = newIdempotencyKey): string {
  return outcome === 'refused' ? key : fresh();
}

/**
 * One Idempotency-Key per thing a form creates: the same key for every try of the same save (a retry
 * after a lost answer is saved once), a new one once it was saved or when the server says the key was
 * used for something else. `settle` is told how each save ended.
 */
export function useIdempotentSubmit() {
  const [key, setKey] = useState(newIdempotencyKey);
  const settle = (outcome: SubmitOutcome) => setKey((current) => keyAfter(current, outcome));
  return { key, settle, settleError: (error: unknown) => settle(outcomeOfError(error)) };
}
