import type { Db } from '../../db/client';
import { notFound } from '../../lib/app-error';
import type { TenantContext } from '../../lib/request-context';
import { dropCustomerRef, dropOldCustomerRefs } from '../extras/customer-refs.service';
import { recordAudit } from '../org/org.service';
import { lockCustomer, pseudonymiseCustomer, pseudonymiseIdleCustomers } from '../promises/customer-retention.service';
import { eraseContactsOfPromises } from '../voice/contact-retention.service';

// Customers' names are kept only while they serve: a customer can be forgotten by hand (they asked),
// and the hourly sweep pseudonymises customers and drops extras' customer references once the
// organisation's retention (organizations.customer_keep_days) has passed since their last use.
// Pseudonymised means: the name becomes a code such as "Klant 7F3A2C", the contact person goes;
// the promises stay, so the chain and the figures stay true. Each module changes its own tables:
// promises the customer, extras the references, voice the contact details.

/**
 * Forgets one customer now: their name and contact person in every promise, the same name as an
 * extra's customer reference, the contact details left with reactions to their promises, and the
 * addresses their promises' reactions were asked at by e-mail.
 */
export async function forgetCustomer(db: Db, tenant: TenantContext, customerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const customer = await lockCustomer(tx, tenant.orgId, customerId);
    if (!customer) throw notFound();
    if (customer.pseudonymised) return;
    const { oldName, promiseIds } = await pseudonymiseCustomer(tx, tenant.orgId, customerId, new Date());
    await dropCustomerRef(tx, tenant.orgId, oldName);
    await eraseContactsOfPromises(tx, tenant.orgId, promiseIds);
    // The audit says that it happened, never the name.
    await recordAudit(tx, tenant, 'customer.forgotten', 'customer', customerId);
  });
}

/**
 * The sweep, over every organisation: pseudonymises customers without an open promise and without a
 * promise due, delivered or changed within the retention, and drops extras' customer references older
 * than it. Returns how many of each.
 */
export async function pseudonymiseOldCustomers(
  db: Db,
  now = new Date(),
): Promise<{ customers: number; extraRefs: number }> {
  const customers = await pseudonymiseIdleCustomers(db, now);
  const extraRefs = await dropOldCustomerRefs(db, now);
  return { customers, extraRefs };
}
