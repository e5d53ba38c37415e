import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { WebhookEvent } from '../../../contracts/integrations.contract';
import type { Tx } from '../../db/client';

/**
 * Tells the organisation's webhook addresses that something happened: one row per address that wants
 * the event, written in the caller's transaction (so an event is sent exactly when what it tells was
 * saved). Nothing leaves here: the delivery job sends it (webhooks.delivery.ts). One statement; without
 * addresses it writes nothing. `data` goes to the receiver as it is: ids and the words it needs, no
 * contact details.
 */
export async function emitEvent(db: Tx, orgId: string, event: WebhookEvent, data: Record<string, unknown>) {
  await db.execute(sql`
    insert into webhook_deliveries (org_id, endpoint_id, event_id, event, data)
    select org_id, id, ${randomUUID()}, ${event}, ${JSON.stringify(data)}::jsonb
      from webhook_endpoints
     where org_id = ${orgId} and active and ${event} = any(events)`);
}
