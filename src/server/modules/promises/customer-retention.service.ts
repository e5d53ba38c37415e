import type { Db, Tx } from '../../db/client';
import * as customersRepo from './customers.repo';

// Customers' names are kept only while they serve (privacy/retention.ts decides when): pseudonymised
// means the name becomes a code such as "Klant 7F3A2C" and the contact person goes; the promises stay,
// so the chain and the figures stay true.

/**
 * Locks one customer for forgetting, in the caller's transaction: undefined when there is no such
 * customer, else whether they were pseudonymised already.
 */
export async function lockCustomer(
  tx: Tx,
  orgId: string,
  customerId: string,
): Promise<{ pseudonymised: boolean } | undefined> {
  const row = await customersRepo.lockCustomer(tx, orgId, customerId);
  return row ? { pseudonymised: row.pseudonymised_at !== null } : undefined;
}

/** Pseudonymises one customer now; answers the name they had, and the ids of their promises. */
export async function pseudonymiseCustomer(
  tx: Tx,
  orgId: string,
  customerId: string,
  at: Date,
): Promise<{ oldName: string; promiseIds: string[] }> {
  const oldName = (await customersRepo.pseudonymiseOne(tx, orgId, customerId, at))!.old_name;
  return { oldName, promiseIds: await customersRepo.selectPromiseIdsOf(tx, orgId, customerId) };
}

/**
 * The sweep, over every organisation: pseudonymises customers created before the organisation's
 * retention (organizations.customer_keep_days) without an open promise and without a promise due,
 * delivered or changed within it. Answers how many.
 */
export async function pseudonymiseIdleCustomers(db: Db, now: Date): Promise<number> {
  return customersRepo.pseudonymiseIdle(db, now);
}
