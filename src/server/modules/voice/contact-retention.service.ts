import type { Tx } from '../../db/client';
import { eraseContactsOfPromises as eraseContactsOf } from './reactions.repo';

/**
 * A customer is forgotten (privacy/retention.ts): the contact details left with reactions to these
 * promises go, and so do the addresses their reactions were asked at by e-mail (reaction-requests.service.ts);
 * the reactions and the requests stay.
 */
export async function eraseContactsOfPromises(tx: Tx, orgId: string, promiseIds: string[]): Promise<void> {
  await eraseContactsOf(tx, orgId, promiseIds);
}
