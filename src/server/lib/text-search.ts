import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { organizations } from '../db/schema/org.schema';

const o = alias(organizations, 'o');

/**
 * The organisation's text-search configuration: Dutch stemming and stop words, or English. Shared by the
 * modules that search or group words of what members wrote (extras, learning).
 */
export function searchLanguageOf(orgId: string | SQL | SQLWrapper) {
  return sql`(select ${searchLanguageFrom(o.defaultLanguage)} from ${organizations} ${o} where ${o.id} = ${orgId})`;
}

/** The same, from an organisation's default_language a statement already reads. */
export function searchLanguageFrom(defaultLanguage: SQLWrapper) {
  return sql`(case ${defaultLanguage} when 'en' then 'english' else 'dutch' end)::regconfig`;
}
