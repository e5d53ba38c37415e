import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { idempotencyKeys } from '../db/schema/platform.schema';
import { AppError } from './app-error';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/** The key from the request header, checked; undefined when the caller sent none. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !KEY_PATTERN.test(key)) {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'headers.idempotency-key', code: 'invalid_format', message: '8-100 letters, digits, - _ . :' }],
    });
  }
  return key;
}

/** Thrown inside the transaction when an earlier request with the same key has already been stored. */
class AlreadyAnswered extends Error {}

/** For a write that finds its key already taken where it keeps it (e.g. on the row it writes): the first answer is given. */
export function alreadyAnswered(): never {
  throw new AlreadyAnswered();
}

/**
 * Runs `write` once per (organisation, member, key), in one transaction that ends by storing the answer
 * under the key. A retry, also one running at the same moment, finds that key taken when it tries to
 * store its own answer (PostgreSQL makes it wait for the first transaction), rolls back what it wrote
 * and returns the first answer instead. A retry whose write fails (say the budget is now used up) also
 * gets the first answer. The same key with a different request is refused.
 */
export async function runIdempotent<T>(
  db: Db,
  scope: {
    orgId: string;
    memberId: string;
    key: string | undefined;
    request: unknown;
    /** Where the first answer is found besides idempotency_keys (default: only there). */
    earlier?: (key: string, requestHash: string) => Promise<IdempotentResult<T> | undefined>;
  },
  write: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (!scope.key) {
    const result = await db.transaction(write);
    return { ...result, replayed: false };
  }
  const key = scope.key;
  const requestHash = requestHashOf(scope.request);
  try {
    return await db.transaction(async (tx) => {
      const result = await write(tx);
      const stored = await tx
        .insert(idempotencyKeys)
        .values({
          orgId: scope.orgId,
          memberId: scope.memberId,
          key,
          requestHash,
          status: result.status,
          response: sql`${JSON.stringify(result.body)}::json`,
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (stored.length === 0) throw new AlreadyAnswered();
      return { ...result, replayed: false };
    });
  } catch (err) {
    if (!(err instanceof AlreadyAnswered) && !(err instanceof AppError)) throw err;
    const earlier = scope.earlier
      ? await scope.earlier(key, requestHash)
      : await earlierAnswer<T>(db, { ...scope, key }, requestHash);
    if (!earlier) throw err;
    return earlier;
  }
}

/** What the request hash of a stored answer is made of. */
export function requestHashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * The answer stored under a key, to give a retry; undefined when there is none. The same key with
 * another request (or one whose answer was never stored) is refused.
 */
export async function earlierAnswer<T>(
  db: Db,
  scope: { orgId: string; memberId: string; key: string },
  requestHash: string,
): Promise<IdempotentResult<T> | undefined> {
  const [earlier] = await db
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.orgId, scope.orgId),
        eq(idempotencyKeys.memberId, scope.memberId),
        eq(idempotencyKeys.key, scope.key),
      ),
    );
  if (!earlier) return undefined;
  if (earlier.requestHash !== requestHash || earlier.status === null) throw new AppError('idempotency_key_reused', 422);
  return { status: earlier.status, body: earlier.response as T, replayed: true };
}
