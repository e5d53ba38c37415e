import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '../../../contracts/integrations.contract';
import type { Tx } from '../../db/client';
import { eventDeliveriesSql, insertEventDeliveries } from './integrations.repo';

/**
 * Tells the organisation's webhook addresses that something happened: one row per address that wants
 * the event, written in the caller's transaction (so an event is sent exactly when what it tells was
 * saved). Nothing leaves here: the delivery job sends it (webhooks.delivery.ts). One statement; without
 * addresses it writes nothing. `data` goes to the receiver as it is: ids and the words it needs, no
 * contact details.
 */
export async function emitEvent(db: Tx, orgId: string, event: WebhookEvent, data: Record<string, unknown>) {
  await insertEventDeliveries(db, orgId, { id: randomUUID(), name: event, data });
}

/**
 * The same rows as `emitEvent`, as a part of the caller's own statement (a data-modifying CTE), so a hot
 * path sends no extra round trip for its event: `orgId`, `eventId` and `data` are SQL expressions of
 * that statement (its parameters), and `when` a condition the rows are written under (e.g. that what
 * the event tells was saved by an earlier part of the statement).
 */
export function emitEventSql(event: WebhookEvent, p: { orgId: string; eventId: string; data: string; when: string }) {
  return eventDeliveriesSql(event, p);
}
