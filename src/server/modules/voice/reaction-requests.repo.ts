import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bareColumn, type Db, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { members, organizations } from '../../db/schema/org.schema';
import { customerReactions, reactionRequests } from '../../db/schema/voice.schema';
import { q, r } from './voice.repo';

// The voice module's SQL for reaction requests sent by e-mail (see voice.repo.ts for how the SQL names
// tables and aliases).

type RequestValues = Omit<typeof reactionRequests.$inferInsert, 'orgId' | 'id'>;

/** The request about an extra or a promise, with who recorded consent and whether the customer reacted. */
export async function selectRequest(db: Db, orgId: string, subject: 'extra' | 'promise', id: string) {
  const m = alias(members, 'm');
  const su = alias(authUser, 'su');
  const target = subject === 'extra' ? q.extraId : q.promiseId;
  const { rows } = await db.execute<{
    id: string;
    created_at: Date;
    language: string;
    consent_at: Date;
    sent_by_name: string | null;
    consent_by_name: string | null;
    reacted: boolean;
  }>(sql`
    select ${q.id}, ${q.createdAt}, ${q.language}, ${q.consentAt}, ${su.name} as sent_by_name, ${su.name} as consent_by_name,
           exists (select 1 from ${customerReactions} ${r} where ${r.orgId} = ${q.orgId} and ${r.linkId} = ${q.linkId}) as reacted
      from ${reactionRequests} ${q}
      left join ${members} ${m} on ${m.orgId} = ${q.orgId} and ${m.id} = ${q.consentBy}
      left join ${authUser} ${su} on ${su.id} = ${m.userId}
     where ${q.orgId} = ${orgId} and ${target} = ${id}`);
  return rows[0];
}

/** Writes a request; undefined when the subject already has one. */
export async function insertRequest(tx: Tx, orgId: string, values: RequestValues) {
  const [row] = await tx
    .insert(reactionRequests)
    .values({ orgId, ...values })
    .onConflictDoNothing()
    .returning({ id: reactionRequests.id });
  return row;
}

export async function deleteRequest(db: Db, orgId: string, requestId: string) {
  await db.delete(reactionRequests).where(and(eq(reactionRequests.orgId, orgId), eq(reactionRequests.id, requestId)));
}

/** Erases the addresses of requests older than their organisation keeps contact details. Returns how many. */
export async function eraseOldRequestEmails(db: Db, now: Date): Promise<number> {
  const result = await db.execute(sql`
    update ${reactionRequests} ${q}
       set ${bareColumn(q.email)} = null
      from ${organizations}
     where ${organizations.id} = ${q.orgId}
       and ${q.email} is not null
       and ${q.createdAt} < ${now.toISOString()}::timestamptz - make_interval(days => ${organizations.contactKeepDays})`);
  return result.rowCount ?? 0;
}
