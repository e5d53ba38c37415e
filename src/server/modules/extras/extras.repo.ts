import { and, arrayOverlaps, asc, desc, eq, isNull, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type { ExtraKind } from '../../../contracts/constants';
import type { Extra } from '../../../contracts/extras.contract';
import type { WebhookEvent } from '../../../contracts/integrations.contract';
import {
  placeholder as $,
  bareColumn,
  type Db,
  exactIsoText,
  isoText,
  queryNamed,
  runStatement,
  statementText,
  type Tx,
} from '../../db/client';
import { authSession, authUser } from '../../db/schema/auth.schema';
import { extraReactions, extras, mandates } from '../../db/schema/extras.schema';
import { members, organizations } from '../../db/schema/org.schema';
import { idempotencyKeys } from '../../db/schema/platform.schema';
import { searchLanguageFrom, searchLanguageOf } from '../../lib/text-search';
import { emitEventSql } from '../integrations/webhooks.emit';
import { activeValueIds } from './values.read-model';

// The extras module's SQL. Tables and columns are named through the schema objects, so a rename fails to
// compile (also in the free extra's statement, whose text is made from them once); raw SQL interpolates
// aliased tables from `alias(table, 'x')` (`${x.id}` renders "x"."id").
// One file on purpose (over 400 lines): the module's one repo (docs/ARCHITECTURE.md), which the mandates,
// logging, lists and customer-reference services share.

// ---------- mandates ----------

export async function selectMandates(tx: Tx, orgId: string) {
  return tx
    .select()
    .from(mandates)
    .where(eq(mandates.orgId, orgId))
    .orderBy(asc(mandates.scopeType), asc(mandates.scopeKey));
}

export async function upsertMandate(tx: Tx, orgId: string, values: Omit<typeof mandates.$inferInsert, 'orgId' | 'id'>) {
  const [row] = await tx
    .insert(mandates)
    .values({ orgId, ...values })
    .onConflictDoUpdate({
      target: [mandates.orgId, mandates.scopeType, mandates.scopeKey],
      set: { ...values, updatedAt: new Date() },
    })
    .returning();
  return row!;
}

export async function deleteMandate(tx: Tx, orgId: string, mandateId: string) {
  const rows = await tx
    .delete(mandates)
    .where(and(eq(mandates.orgId, orgId), eq(mandates.id, mandateId)))
    .returning({ id: mandates.id });
  return rows.length > 0;
}

// ---------- periods and usage ----------

type MandateRow = typeof mandates.$inferSelect;

interface MandateJson {
  org_id: string;
  id: string;
  scope_type: MandateRow['scopeType'];
  scope_key: string;
  period: MandateRow['period'];
  budget_cents: number;
  max_per_extra_cents: number;
  allowed_kinds: ExtraKind[];
  updated_by: string | null;
  updated_at: string;
}

export interface PeriodUsage {
  start: Date;
  end: Date;
  usedCents: number;
}

/**
 * In one round trip: every mandate that could apply to this member (theirs, their teams', their roles'),
 * and the week (Monday to Monday) and the month around `at` in the organisation's time zone with what
 * the member gave in each (deleted extras left out, and optionally the one being edited). PostgreSQL
 * does the calendar, so daylight-saving changes are handled: a week can be 167 or 169 hours long.
 */
export async function selectMandateSituation(
  tx: Tx,
  who: { orgId: string; memberId: string; teamIds: string[]; roles: string[]; timeZone: string },
  at: Date,
  exceptExtraId?: string,
) {
  const local = sql`(${at.toISOString()}::timestamptz at time zone ${who.timeZone})`;
  const m = alias(mandates, 'm');
  const e = alias(extras, 'e');
  // What the member gave in the period of the CTE `period` (w: the week, mo: the month).
  const used = (period: 'w' | 'mo') =>
    sql`(select coalesce(sum(${e.costCents}), 0)::int from ${extras} ${e}
      where ${e.orgId} = p.org_id and ${e.memberId} = p.member_id and ${e.deletedAt} is null
        and ${e.occurredAt} >= ${sql.raw(period)}.s and ${e.occurredAt} < ${sql.raw(period)}.e
        and (p.except_id is null or ${e.id} <> p.except_id))`;
  const { rows } = await tx.execute<{
    candidates: MandateJson[];
    week_start: string;
    week_end: string;
    week_used: number;
    month_start: string;
    month_end: string;
    month_used: number;
  }>(sql`
    with p as (select ${who.orgId}::uuid as org_id, ${who.memberId}::uuid as member_id, ${exceptExtraId ?? null}::uuid as except_id),
         w as (select (date_trunc('week', ${local}) at time zone ${who.timeZone}) as s,
                      ((date_trunc('week', ${local}) + interval '1 week') at time zone ${who.timeZone}) as e),
         mo as (select (date_trunc('month', ${local}) at time zone ${who.timeZone}) as s,
                       ((date_trunc('month', ${local}) + interval '1 month') at time zone ${who.timeZone}) as e)
    select (select coalesce(json_agg(${m}), '[]'::json) from ${mandates} ${m}
             where ${m.orgId} = p.org_id
               and ((${m.scopeType} = 'member' and ${m.scopeKey} = p.member_id::text)
                 or (${m.scopeType} = 'team' and ${m.scopeKey} = any(${sql.param(who.teamIds)}::text[]))
                 or (${m.scopeType} = 'role' and ${m.scopeKey} = any(${sql.param(who.roles)}::text[])))) as candidates,
           w.s as week_start, w.e as week_end, ${used('w')} as week_used,
           mo.s as month_start, mo.e as month_end, ${used('mo')} as month_used
      from p, w, mo`);
  const row = rows[0]!;
  const candidates: MandateRow[] = row.candidates.map((m) => ({
    orgId: m.org_id,
    id: m.id,
    scopeType: m.scope_type,
    scopeKey: m.scope_key,
    period: m.period,
    budgetCents: m.budget_cents,
    maxPerExtraCents: m.max_per_extra_cents,
    allowedKinds: m.allowed_kinds,
    updatedBy: m.updated_by,
    updatedAt: new Date(m.updated_at),
  }));
  const usage = (start: string, end: string, cents: number): PeriodUsage => ({
    start: new Date(start),
    end: new Date(end),
    usedCents: Number(cents),
  });
  return {
    candidates,
    week: usage(row.week_start, row.week_end, row.week_used),
    month: usage(row.month_start, row.month_end, row.month_used),
  };
}

/** Serialises writes that spend one member's budget, so two extras at once cannot both pass the check. */
export async function lockMemberBudget(tx: Tx, orgId: string, memberId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budget:${orgId}:${memberId}`}, 0))`);
}

// ---------- extras ----------

/** The occasion as stemmed words in the organisation's language (Dutch unless it speaks English). */
export function occasionWords(orgId: string | SQL, occasion: string | SQL) {
  return sql`to_tsvector(${searchLanguageOf(orgId)}, ${occasion})`;
}

/** Gives extras written straight to the table (the demo) their occasion words. */
export async function fillOccasionWords(tx: Tx, orgId: string) {
  await tx
    .update(extras)
    .set({ occasionTsv: occasionWords(orgId, sql`${extras.occasion}`) })
    .where(and(eq(extras.orgId, orgId), isNull(extras.occasionTsv)));
}

export type ExtraRow = typeof extras.$inferSelect;
/** An extra's columns without its occasion words (a search index: lists and answers never show it). */
export type ExtraFields = Omit<ExtraRow, 'occasionTsv'>;
/**
 * What an answer shows of an extra (toExtra): its columns without who hid or deleted it, its mandate, its
 * last change and the Idempotency-Key it was logged with. A list reads just these (ListedExtraText).
 */
export type ListedExtra = Omit<
  ExtraFields,
  'orgId' | 'mandateId' | 'hiddenBy' | 'deletedAt' | 'deletedBy' | 'updatedAt' | 'idempotencyKey' | 'requestHash'
>;

export async function insertExtra(
  tx: Tx,
  orgId: string,
  values: Omit<typeof extras.$inferInsert, 'orgId' | 'id' | 'occasionTsv'>,
): Promise<ExtraRow | undefined> {
  // Undefined when its Idempotency-Key is already on another extra of the member.
  const [row] = await tx
    .insert(extras)
    .values({ orgId, ...values, occasionTsv: occasionWords(orgId, values.occasion) })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** The member's extra logged with this Idempotency-Key, if any. */
export async function selectExtraByKey(db: Db, orgId: string, memberId: string, key: string) {
  const [row] = await db
    .select()
    .from(extras)
    .where(and(eq(extras.orgId, orgId), eq(extras.memberId, memberId), eq(extras.idempotencyKey, key)));
  return row;
}

/**
 * What the quick path for a free extra relies on of an organisation, with the organizations.config_version
 * it was read at (one statement, so one snapshot): every mandate (as mandates.service's pickMandate needs
 * them) and the ids of the core values that are not retired.
 */
export interface OrgRules {
  configVersion: number;
  mandates: Pick<MandateRow, 'id' | 'scopeType' | 'scopeKey' | 'budgetCents' | 'maxPerExtraCents' | 'allowedKinds'>[];
  activeValueIds: Set<string>;
}

const ORG_RULES = {
  name: 'free-extra-org-rules',
  text: (() => {
    const o = alias(organizations, 'o');
    const m = alias(mandates, 'm');
    return statementText(sql`
    select ${o.configVersion}::float8 as config_version,
           coalesce((select json_agg(json_build_object('id', ${m.id}, 'scopeType', ${m.scopeType}, 'scopeKey', ${m.scopeKey},
                                                       'budgetCents', ${m.budgetCents}, 'maxPerExtraCents', ${m.maxPerExtraCents},
                                                       'allowedKinds', ${m.allowedKinds}) order by ${m.scopeType}, ${m.scopeKey})
                       from ${mandates} ${m} where ${m.orgId} = ${$(1, 'uuid')}), '[]') as mandates,
           ${activeValueIds($(1, 'uuid'))} as value_ids
      from ${organizations} ${o}
     where ${o.id} = ${$(1, 'uuid')}`);
  })(),
};

/** An organisation's rules for the quick path (undefined when there is no such organisation). */
export async function selectOrgRules(db: Db, orgId: string): Promise<OrgRules | undefined> {
  const [row] = await queryNamed<{ config_version: number; mandates: OrgRules['mandates']; value_ids: string[] }>(
    db,
    ORG_RULES,
    [orgId],
  );
  return row && { configVersion: row.config_version, mandates: row.mandates, activeValueIds: new Set(row.value_ids) };
}

/** What logging an extra that costs nothing needs, in the order of the statement's parameters. */
export interface FreeExtra {
  orgId: string;
  memberId: string;
  teamIds: string[];
  /** The mandate that applies to the member (as pickMandate chose it from OrgRules), if any. */
  mandateId: string | null;
  id: string;
  occurredAt: Date;
  occasion: string;
  action: string;
  kind: ExtraKind;
  minutes: number;
  valueIds: string[];
  customerRef: string | null;
  reactionText: string | null;
  reactionScore: number | null;
  inFeed: boolean;
  createdAt: Date;
  /** The organisation's config_version the mandate, the values and the member's teams and roles were read at. */
  configVersion: number;
  /** A session the statement verifies itself (the access check took it from memory), if any. */
  session: { token: string; userId: string } | null;
  /** The webhook event 'extra.logged' written with it: its id and what it tells. */
  event: { id: string; data: string };
}

// One statement, prepared once per connection, lean on purpose (PostgreSQL initialises every node of its
// plan on each run): the app chose the mandate and checked the values and the kind from OrgRules; the
// statement reads the organisation's row only, and writes the extra with its Idempotency-Key (only if that
// key was free; its reaction stays on its row, see selectReactions) and the webhook event 'extra.logged' for the
// organisation's addresses that want it (none written when the extra was not) only when
//  - `current`: the organisation's config_version is still the one the app read its rules (and the
//    session's teams and roles) at: the triggers of migration 0040 raise it at every change of those;
//  - `live`: the session, when one is given ($18, the access check took it from memory), is still live,
//    of this person, in this organisation (and, made by an identity provider, of this one).
// The day-sum trigger counts it. Free extras spend no budget, so no lock and no usage sums are needed.
// One statement is atomic by itself: no BEGIN and COMMIT round trips.
// `quiet`: without the look-up of webhook addresses, for an organisation that had none for 'extra.logged'
// when this process last looked; it writes nothing when organizations.webhook_events (kept by a trigger,
// migration 0035) says it now has one, and answers `hooked` so that the caller asks again with it.
const freeExtraSql = (keyed: boolean, quiet: boolean) => {
  const o = alias(organizations, 'o');
  const s = alias(authSession, 's');
  const col = bareColumn;
  const event: WebhookEvent = 'extra.logged';
  // The event's id and data follow the key and the request's hash.
  const eventId = keyed ? 22 : 20;
  const i = alias(idempotencyKeys, 'i');
  // Keyed: the key goes on the extra's row, whose unique index (org, member, key) lets one request at a
  // time have it; a key stored before (by the full path, or before migration 0037) also counts.
  const keyColumns = keyed ? sql`, ${col(extras.idempotencyKey)}, ${col(extras.requestHash)}` : sql``;
  const keyValues = keyed ? sql`, ${$(20, 'text')}, ${$(21, 'text')}` : sql``;
  const keyFree = keyed
    ? sql` and not exists (select 1 from ${idempotencyKeys} ${i} where ${i.orgId} = ${$(1, 'uuid')} and ${i.memberId} = ${$(2, 'uuid')} and ${i.key} = ${$(20, 'text')})
           on conflict (${col(extras.orgId)}, ${col(extras.memberId)}, ${col(extras.idempotencyKey)}) where ${col(extras.idempotencyKey)} is not null do nothing`
    : sql``;
  const webhook = quiet
    ? sql``
    : sql`, w as (${sql.raw(emitEventSql(event, { orgId: '$1::uuid', eventId: `$${eventId}`, data: `$${eventId + 1}`, when: 'exists (select 1 from e)' }))})`;
  return statementText(sql`
  with g as (
         select ${o.configVersion} = ${$(17, 'bigint')} as current,
                (${$(18, 'text')} is null
                 or exists (select 1 from ${authSession} ${s}
                             where ${s.token} = ${$(18, 'text')} and ${s.expiresAt} > now() and ${s.userId} = ${$(19, 'text')}
                               and ${s.activeOrgId} = ${$(1, 'uuid')} and (${s.ssoOrgId} is null or ${s.ssoOrgId} = ${$(1, 'uuid')}))) as live,
                ${sql.raw(`'${event}'`)} = any(${o.webhookEvents}) as hooked,
                ${searchLanguageFrom(o.defaultLanguage)} as words
           from ${organizations} ${o} where ${o.id} = ${$(1, 'uuid')}),
       e as (insert into ${extras} (${col(extras.orgId)}, ${col(extras.id)}, ${col(extras.memberId)}, ${col(extras.teamIds)}, ${col(extras.occurredAt)}, ${col(extras.occasion)}, ${col(extras.action)}, ${col(extras.kind)}, ${col(extras.costCents)}, ${col(extras.minutes)}, ${col(extras.valueIds)},
                                 ${col(extras.customerRef)}, ${col(extras.reactionText)}, ${col(extras.reactionScore)}, ${col(extras.inFeed)}, ${col(extras.mandateId)}, ${col(extras.occasionTsv)}, ${col(extras.createdAt)}, ${col(extras.updatedAt)}${keyColumns})
             select ${$(1, 'uuid')}, ${$(5, 'uuid')}, ${$(2, 'uuid')}, ${$(3, 'uuid[]')}, ${$(6, 'timestamptz')}, ${$(7, 'text')}, ${$(8, 'text')}, ${$(9, 'text')}, 0, ${$(10, 'int')}, ${$(11, 'uuid[]')},
                    ${$(12, 'text')}, ${$(13, 'text')}, ${$(14, 'smallint')}, ${$(15, 'boolean')}, ${$(4, 'uuid')},
                    to_tsvector(g.words, ${$(7, 'text')}),
                    ${$(16, 'timestamptz')}, ${$(16, 'timestamptz')}${keyValues}
               from g where g.current and g.live${quiet ? sql` and not g.hooked` : sql``}${keyFree}
             returning ${bareColumn(extras.id)})${webhook}
  select g.current, g.live, g.hooked, (select count(*) from e)::int as saved from g`);
};
const FREE_EXTRA = {
  keyed: freeExtraSql(true, false),
  plain: freeExtraSql(false, false),
  quietKeyed: freeExtraSql(true, true),
  quietPlain: freeExtraSql(false, true),
};

/**
 * Per organisation, whether it had a webhook address for 'extra.logged' when this process last logged
 * one of its extras (unknown at first: then the statement looks the addresses up). One boolean per
 * organisation this process has seen.
 */
const extraLoggedHooked = new Map<string, boolean>();

/**
 * Logs an extra that costs nothing in one round trip, the caller having checked it against OrgRules:
 * 'session' when the session given is no longer live there, 'version' when the organisation's
 * config_version moved on (nothing written either way); else `saved` false when the Idempotency-Key was
 * already taken (see selectExtraByKey).
 */
export async function insertFreeExtra(
  db: Db,
  x: FreeExtra,
  stored?: { key: string; requestHash: string },
): Promise<'session' | 'version' | { saved: boolean }> {
  const values: unknown[] = [
    x.orgId,
    x.memberId,
    x.teamIds,
    x.mandateId,
    x.id,
    x.occurredAt,
    x.occasion,
    x.action,
    x.kind,
    x.minutes,
    x.valueIds,
    x.customerRef,
    x.reactionText,
    x.reactionScore,
    x.inFeed,
    x.createdAt,
    x.configVersion,
    x.session?.token ?? null,
    x.session?.userId ?? null,
    ...(stored ? [stored.key, stored.requestHash] : []),
  ];
  const quiet = extraLoggedHooked.get(x.orgId) === false;
  // Straight on the pool, by name: PostgreSQL plans it once per connection (drizzle() gives the pool as $client).
  const { rows } = await (db as Db & { $client: Pool }).$client.query<{
    current: boolean;
    live: boolean;
    hooked: boolean;
    saved: number;
  }>(
    quiet
      ? stored
        ? { name: 'log-free-extra-keyed-quiet', text: FREE_EXTRA.quietKeyed, values }
        : { name: 'log-free-extra-quiet', text: FREE_EXTRA.quietPlain, values }
      : stored
        ? { name: 'log-free-extra-keyed', text: FREE_EXTRA.keyed, values: [...values, x.event.id, x.event.data] }
        : { name: 'log-free-extra', text: FREE_EXTRA.plain, values: [...values, x.event.id, x.event.data] },
  );
  const row = rows[0];
  if (!row) return 'version'; // no such organisation (any more)
  if (!row.live) return 'session';
  if (!row.current) return 'version';
  extraLoggedHooked.set(x.orgId, row.hooked);
  // An address for the event came since this process last looked: nothing was written; again, with it.
  if (quiet && row.hooked) return insertFreeExtra(db, x, stored);
  return { saved: row.saved > 0 };
}

export async function selectExtra(tx: Tx, orgId: string, extraId: string) {
  const [row] = await tx
    .select()
    .from(extras)
    .where(and(eq(extras.orgId, orgId), eq(extras.id, extraId), isNull(extras.deletedAt)));
  return row;
}

export async function updateExtraRow(
  tx: Tx,
  orgId: string,
  extraId: string,
  values: Partial<Omit<typeof extras.$inferInsert, 'occasionTsv'>>,
) {
  const [row] = await tx
    .update(extras)
    .set({
      ...values,
      ...(values.occasion !== undefined ? { occasionTsv: occasionWords(orgId, values.occasion) } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(extras.orgId, orgId), eq(extras.id, extraId)))
    .returning();
  return row;
}

export interface ExtraFilter {
  memberId?: string;
  /** Extras logged in any of these teams. */
  anyTeamIds?: string[];
  from?: Date;
  to?: Date;
  valueId?: string;
  kind?: ExtraKind;
  /** Where the previous page ended (lib/cursor): its occurred_at to the microsecond, and its id. */
  after?: { occurredAt: string; id: string };
}

// The filters a list can take, their values as `param('key')` (runStatement): each one present makes a variant of the statement.
const FILTERS: Record<keyof ExtraFilter, (param: (key: string) => SQLWrapper) => SQL> = {
  memberId: (param) => eq(extras.memberId, param('memberId')),
  anyTeamIds: (param) => sql`${extras.teamIds} && ${param('anyTeamIds')}::uuid[]`,
  from: (param) => sql`${extras.occurredAt} >= ${param('from')}::timestamptz`,
  to: (param) => sql`${extras.occurredAt} < ${param('to')}::timestamptz`,
  valueId: (param) => sql`${extras.valueIds} @> ${param('valueIds')}::uuid[]`,
  kind: (param) => eq(extras.kind, param('kind')),
  after: (param) =>
    sql`(${extras.occurredAt}, ${extras.id}) < (${param('afterAt')}::timestamptz, ${param('afterId')}::uuid)`,
};

/** How long after logging its author may still change or delete an extra. */
export const EDIT_WINDOW_HOURS = 24;

/**
 * What a list shows of an extra: the answer's fields (times as ISO text) but for those made of several
 * columns (toExtra makes the same of an extra's row).
 */
export type ListedExtraText = Omit<Extra, 'member' | 'hidden'> & {
  memberId: string;
  /** The author's name (null when the membership is gone). */
  memberName: string | null;
  hiddenReason: string | null;
  hiddenAt: string | null;
  /** occurred_at to the microsecond: where the next page starts (lib/cursor). */
  cursorAt: string;
};

/** The columns of ListedExtraText, each named as its key. */
const listedColumns = sql.join(
  Object.entries({
    id: extras.id,
    memberId: extras.memberId,
    memberName: authUser.name,
    teamIds: extras.teamIds,
    occurredAt: isoText(extras.occurredAt),
    occasion: extras.occasion,
    action: extras.action,
    kind: extras.kind,
    costCents: extras.costCents,
    minutes: extras.minutes,
    valueIds: extras.valueIds,
    customerRef: extras.customerRef,
    reactionText: extras.reactionText,
    reactionScore: extras.reactionScore,
    aboveMandate: extras.aboveMandate,
    aboveMandateReason: extras.aboveMandateReason,
    inFeed: extras.inFeed,
    hiddenReason: extras.hiddenReason,
    hiddenAt: isoText(extras.hiddenAt),
    editableUntil: isoText(sql`${extras.createdAt} + interval '${sql.raw(String(EDIT_WINDOW_HOURS))} hours'`),
    createdAt: isoText(extras.createdAt),
    cursorAt: exactIsoText(extras.occurredAt),
  } satisfies Record<keyof ListedExtraText, SQLWrapper>).map(
    ([key, column]) => sql`${column} as ${sql.identifier(key)}`,
  ),
  sql`, `,
);

/**
 * A page of extras, newest first, each with the name of who logged it. Made into text once for each
 * combination of filters and prepared by name (runStatement); its rows come as pg gives them, times as
 * ISO text: a list of 50 no longer makes 150 Dates to write them back as text.
 */
export async function selectExtras(
  tx: Tx,
  orgId: string,
  filter: ExtraFilter,
  limit: number,
): Promise<ListedExtraText[]> {
  const used = (Object.keys(FILTERS) as (keyof ExtraFilter)[]).filter((key) => filter[key]);
  const values: Record<string, unknown> = {
    orgId,
    limit,
    memberId: filter.memberId,
    anyTeamIds: filter.anyTeamIds,
    from: filter.from?.toISOString(),
    to: filter.to?.toISOString(),
    valueIds: filter.valueId === undefined ? undefined : [filter.valueId],
    kind: filter.kind,
    afterAt: filter.after?.occurredAt,
    afterId: filter.after?.id,
  };
  return runStatement<ListedExtraText>(
    tx,
    `extras-list:${used.join(',')}`,
    (param) => sql`
    select ${listedColumns}
      from ${extras}
      left join ${members} on ${members.orgId} = ${extras.orgId} and ${members.id} = ${extras.memberId}
      left join ${authUser} on ${authUser.id} = ${members.userId}
     where ${and(eq(extras.orgId, param('orgId')), isNull(extras.deletedAt), ...used.map((key) => FILTERS[key](param)))}
     order by ${extras.occurredAt} desc, ${extras.id} desc
     limit ${param('limit')}`,
    values,
  );
}

/** Recent occasions and actions of a member and their teams, newest first, for suggestions. */
export async function selectRecentTexts(tx: Tx, orgId: string, memberId: string, teamIds: string[], limit: number) {
  return tx
    .select({ occasion: extras.occasion, action: extras.action })
    .from(extras)
    .where(
      and(
        eq(extras.orgId, orgId),
        isNull(extras.deletedAt),
        isNull(extras.hiddenAt),
        // One's own, and the team's that the feed shows: an extra kept out of the feed is not suggested to colleagues.
        or(
          eq(extras.memberId, memberId),
          teamIds.length ? and(arrayOverlaps(extras.teamIds, teamIds), eq(extras.inFeed, true)) : undefined,
        ),
      ),
    )
    .orderBy(desc(extras.createdAt))
    .limit(limit);
}

export async function setInFeed(tx: Tx, orgId: string, extraId: string, value: boolean) {
  await tx
    .update(extras)
    .set({ inFeed: value, updatedAt: new Date() })
    .where(and(eq(extras.orgId, orgId), eq(extras.id, extraId)));
}

export async function insertReaction(
  tx: Tx,
  orgId: string,
  values: {
    extraId: string;
    reactionText: string | null;
    reactionScore: number | null;
    changedBy: string;
    source?: 'member' | 'customer';
  },
) {
  await tx.insert(extraReactions).values({ orgId, ...values });
}

/** The words of every earlier reaction go with a deleted extra. */
export async function deleteReactionHistory(tx: Tx, orgId: string, extraId: string) {
  await tx.delete(extraReactions).where(and(eq(extraReactions.orgId, orgId), eq(extraReactions.extraId, extraId)));
}

/**
 * The reaction history of an extra, oldest first. The reaction given when the extra was logged is not a
 * row of its own until it is first changed (migration 0033 writes it then): until that moment the extra's
 * own columns hold it, and it is answered from there, by the author at the moment of logging.
 */
export async function selectReactions(tx: Tx, orgId: string, extra: ExtraFields) {
  const rows = await tx
    .select()
    .from(extraReactions)
    .where(and(eq(extraReactions.orgId, orgId), eq(extraReactions.extraId, extra.id)))
    .orderBy(asc(extraReactions.changedAt));
  if (rows.length > 0 || (extra.reactionText === null && extra.reactionScore === null)) return rows;
  const first: typeof extraReactions.$inferSelect = {
    orgId,
    id: extra.id,
    extraId: extra.id,
    reactionText: extra.reactionText,
    reactionScore: extra.reactionScore,
    changedBy: extra.memberId,
    changedAt: extra.createdAt,
    source: 'member',
  };
  return [first];
}

// ---------- customer references ----------

/** Drops the customer reference of every extra that names this customer (case aside). */
export async function clearCustomerRefsNamed(tx: Tx, orgId: string, name: string) {
  await tx
    .update(extras)
    .set({ customerRef: null })
    .where(and(eq(extras.orgId, orgId), sql`lower(${extras.customerRef}) = lower(${name})`));
}

/**
 * Over every organisation, drops the customer references of extras that happened before the
 * organisation's retention (organizations.customer_keep_days). Answers how many.
 */
export async function clearOldCustomerRefs(db: Db, now: Date): Promise<number> {
  const e = alias(extras, 'e');
  const o = alias(organizations, 'o');
  const refs = await db.execute(sql`
    update ${extras} ${e} set ${bareColumn(e.customerRef)} = null
      from ${organizations} ${o}
     where ${o.id} = ${e.orgId} and ${e.customerRef} is not null
       and ${e.occurredAt} < ${now.toISOString()}::timestamptz - make_interval(days => ${o.customerKeepDays})`);
  return refs.rowCount ?? 0;
}
