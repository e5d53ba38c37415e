import type { Db, Tx } from '../../db/client';
import * as repo from './extras.repo';

// An extra's customer reference (a name typed with it) is kept only while it serves: privacy's
// retention (privacy/retention.ts) drops it when the customer is forgotten, or once it is old.

/** Drops the customer reference of every extra that names this customer (case aside). */
export async function dropCustomerRef(tx: Tx, orgId: string, name: string): Promise<void> {
  await repo.clearCustomerRefsNamed(tx, orgId, name);
}

/**
 * The sweep, over every organisation: drops the customer references of extras that happened before the
 * organisation's retention (organizations.customer_keep_days). Answers how many.
 */
export async function dropOldCustomerRefs(db: Db, now: Date): Promise<number> {
  return repo.clearOldCustomerRefs(db, now);
}
