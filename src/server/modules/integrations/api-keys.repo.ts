import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type { Role } from '../../../contracts/constants';
import { placeholder as $, bareColumn, statementText } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { apiKeys } from '../../db/schema/integrations.schema';
import { auditLog, members, organizations } from '../../db/schema/org.schema';
import { memberTeamIds } from '../org/member-teams.fragment';

// The SQL of an API key's use (api-keys.access.ts): named statements on the pool, planned once per
// connection, made once from the schema objects. They run before any tenant exists, on every call.

/** Who a live key acts as, with the statement's own column names. */
export interface ApiKeyContext {
  key_id: string;
  org_id: string;
  role: Role;
  member_id: string;
  user_id: string;
  name: string;
  email: string;
  default_language: string;
  time_zone: string;
  team_ids: string[];
  managed_team_ids: string[];
}

const USE_KEY_SQL = (() => {
  const k = alias(apiKeys, 'k');
  const m = alias(members, 'm');
  const o = alias(organizations, 'o');
  const u = alias(authUser, 'u');
  return statementText(sql`
  with used as (
    update ${apiKeys} ${k} set ${bareColumn(apiKeys.lastUsedAt)} = now(), ${bareColumn(apiKeys.uses)} = ${k.uses} + 1
      from ${members} ${m}, ${organizations} ${o}
     where ${k.tokenHash} = ${$(1)} and ${k.revokedAt} is null and ${k.expiresAt} > now()
       and ${m.orgId} = ${k.orgId} and ${m.id} = ${k.createdBy} and ${m.status} = 'active'
       and ${o.id} = ${k.orgId}
    returning ${k.id} as key_id, ${k.orgId} as org_id, ${k.role} as role, ${m.id} as member_id, ${m.userId} as user_id,
              ${o.defaultLanguage} as default_language, ${o.timeZone} as time_zone
  )
  select used.*, ${u.name} as name, ${u.email} as email,
         ${memberTeamIds(sql`used.org_id`, sql`used.member_id`, false)} as team_ids,
         ${memberTeamIds(sql`used.org_id`, sql`used.member_id`, true)} as managed_team_ids
    from used join ${authUser} ${u} on ${u.id} = used.user_id`);
})();

/** The columns of an audit entry, in the order the statements below give them. */
const AUDIT_COLUMNS = sql.join(
  [
    auditLog.orgId,
    auditLog.actorMemberId,
    auditLog.action,
    auditLog.subjectType,
    auditLog.subjectId,
    auditLog.data,
  ].map((column) => bareColumn(column)),
  sql`, `,
);

/** A read is audited once a day per key: the day is marked on the key and the entry written in one statement. */
const AUDIT_FIRST_READ_SQL = statementText(sql`
  with marked as (
    update ${apiKeys} set ${bareColumn(apiKeys.auditedOn)} = (now() at time zone ${$(5)})::date
     where ${apiKeys.orgId} = ${$(1)} and ${apiKeys.id} = ${$(3)} and ${apiKeys.auditedOn} is distinct from (now() at time zone ${$(5)})::date
    returning ${apiKeys.orgId} as org_id, ${apiKeys.id} as id
  )
  insert into ${auditLog} (${AUDIT_COLUMNS})
  select org_id, ${$(2)}, 'api_key.used_today', 'api_key', id::text, ${$(4)}::jsonb from marked`);

const AUDIT_WRITE_SQL = statementText(sql`
  insert into ${auditLog} (${AUDIT_COLUMNS}) values (${$(1)}, ${$(2)}, 'api_key.write', 'api_key', ${$(3)}, ${$(4)})`);

/**
 * The key's organisation, role and maker, when it is live (not revoked, not expired, its maker still an
 * active member); counts the use on the way (last used, uses), in one round trip.
 */
export async function countLiveApiKeyUse(pool: Pool, tokenHash: string): Promise<ApiKeyContext | undefined> {
  const { rows } = await pool.query<ApiKeyContext>({ name: 'use-api-key', text: USE_KEY_SQL, values: [tokenHash] });
  return rows[0];
}

/** Audits a read through the key, when it is the key's first of the day in the organisation's time zone. */
export async function auditFirstReadToday(pool: Pool, found: ApiKeyContext, data: string) {
  await pool.query({
    name: 'audit-api-key-read',
    text: AUDIT_FIRST_READ_SQL,
    values: [found.org_id, found.member_id, found.key_id, data, found.time_zone],
  });
}

/** Audits a write through the key. */
export async function auditWrite(pool: Pool, found: ApiKeyContext, data: string) {
  await pool.query({
    name: 'audit-api-key-write',
    text: AUDIT_WRITE_SQL,
    values: [found.org_id, found.member_id, found.key_id, data],
  });
}
