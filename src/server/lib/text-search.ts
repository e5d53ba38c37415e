import { sql } from 'drizzle-orm';

/**
 * The organisation's text-search configuration: Dutch stemming and stop words, or English. Shared by the
 * modules that search or group words of what members wrote (extras, learning).
 */
export function searchLanguageOf(orgId: string) {
  return sql`(select case o.default_language when 'en' then 'english' else 'dutch' end from organizations o where o.id = ${orgId})::regconfig`;
}
