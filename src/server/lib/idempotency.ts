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

/**
 * Runs `write` once per (organisation, member, key). The key row is inserted first in the same
 * transaction: a concurrent retry with the same key waits on that row, then finds the stored answer
 * and returns it instead of writing again. The same key with a different request is refused.
 */
export async function runIdempotent<T>(
  db: Db,
  scope: { orgId: string; memberId: string; key: string | undefined; request: unknown },
  write: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  if (!scope.key) {
    const result = await db.transaction(write);
    return { ...result, replayed: false };
  }
  const key = scope.key;
  const requestHash = createHash('sha256').update(JSON.stringify(scope.request)).digest('hex');
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ orgId: scope.orgId, memberId: scope.memberId, key, requestHash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [earlier] = await tx
        .select()
        .from(idempotencyKeys)
        .where(
          and(eq(idempotencyKeys.orgId, scope.orgId), eq(idempotencyKeys.memberId, scope.memberId), eq(idempotencyKeys.key, key)),
        );
      if (!earlier || earlier.requestHash !== requestHash || earlier.status === null) {
        throw new AppError('idempotency_key_reused', 422);
      }
      return { status: earlier.status, body: earlier.response as T, replayed: true };
    }
    const result = await write(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status: result.status, response: sql`${JSON.stringify(result.body)}::jsonb` })
      .where(and(eq(idempotencyKeys.orgId, scope.orgId), eq(idempotencyKeys.memberId, scope.memberId), eq(idempotencyKeys.key, key)));
    return { ...result, replayed: false };
  });
}
