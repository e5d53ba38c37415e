import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { members } from '../../db/schema/org.schema';
import type { TenantContext } from '../../plugins/access.plugin';

// The weekly digest e-mail: on for everyone unless they turn it off.

export async function findPreference(db: Db, tenant: TenantContext) {
  const [row] = await db
    .select({ optOut: members.digestOptOut })
    .from(members)
    .where(and(eq(members.orgId, tenant.orgId), eq(members.id, tenant.memberId)));
  return { digest: !row?.optOut };
}

export async function putPreference(db: Db, tenant: TenantContext, digest: boolean) {
  await db
    .update(members)
    .set({ digestOptOut: !digest })
    .where(and(eq(members.orgId, tenant.orgId), eq(members.id, tenant.memberId)));
  return { digest };
}
