import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/**
 * A customer is forgotten (privacy/retention.ts): the contact details left with reactions to these
 * promises go, and so do the addresses their reactions were asked at by e-mail (reaction-requests.service.ts);
 * the reactions and the requests stay.
 */
export async function eraseContactsOfPromises(tx: Tx, orgId: string, promiseIds: string[]): Promise<void> {
  const ids = sql`${sql.param(promiseIds)}::uuid[]`;
  await tx.execute(sql`
    update customer_reactions set contact_name = null, contact_email = null, contact_phone = null
     where org_id = ${orgId} and promise_id = any(${ids})`);
  await tx.execute(sql`
    update reaction_requests set email = null
     where org_id = ${orgId} and promise_id = any(${ids})`);
}
