import { and, desc, eq, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias } from 'drizzle-orm/pg-core';
import type { ExtraKind } from '../../../contracts/constants';
import { exactIsoText, inIds, isoText, runStatement, type Tx } from '../../db/client';
import { authUser } from '../../db/schema/auth.schema';
import { extras } from '../../db/schema/extras.schema';
import {
  bestPractices,
  extraDaySumsLive,
  extraDayValueSumsLive,
  extraDayWordSumsLive,
  extraThanks,
} from '../../db/schema/learning.schema';
import { members, teamMembers } from '../../db/schema/org.schema';
import type { Keyset } from '../../lib/cursor';
import { searchLanguageOf } from '../../lib/text-search';

// A read model: what the learning module reads of the extras module's table, and of the day sums the
// database keeps of it, to show stories, figures and what works. Learning never writes an extra (keeping
// one out of the feed goes through the extras service); it reads them here, in one place, because its
// summaries join the extras with its own tables (thanks, best practices) in one query.
// Tables and columns are named through the schema objects, so a rename fails to compile; raw SQL
// interpolates aliased tables from `alias(table, 'x')`: `${e.id}` renders "e"."id".

/** The aliases the raw SQL uses: `e` an extra, `bp` its best practice, `t` a thanks. */
const e = alias(extras, 'e');
const bp = alias(bestPractices, 'bp');
const t = alias(extraThanks, 't');

/**
 * The one rule of what the team feed may show, used by everything built on the feed (stories, best
 * practices, the weekly pick, similar occasions): not deleted, not hidden by a manager, and the author
 * did not keep it out.
 */
const inFeed = sql`${e.deletedAt} is null and ${e.hiddenAt} is null and ${e.inFeed}`;

/** A story's row; its times (occurred_at, bp_at) as ISO text, as the API answers them. */
export interface StoryRow {
  id: string;
  member_id: string;
  team_ids: string[];
  occurred_at: string;
  occasion: string;
  action: string;
  kind: ExtraKind;
  value_ids: string[];
  reaction_text: string | null;
  reaction_score: number | null;
  thanks: number;
  thanked_by_me: boolean;
  bp_why: string | null;
  bp_by: string | null;
  bp_at: string | null;
  /** The names of who logged it and who put it forward (null when the membership is gone). */
  author_name: string | null;
  bp_by_name: string | null;
  /** The moment the list is ordered by, to the microsecond: where its next page starts (lib/cursor). */
  cursor_at: string;
}

/** The name of the member whose id is `column`, as a subquery of the story's row. */
function nameOf(column: AnyPgColumn) {
  const m = alias(members, 'm');
  const u = alias(authUser, 'u');
  return sql`(select ${u.name} from ${members} ${m} join ${authUser} ${u} on ${u.id} = ${m.userId} where ${m.orgId} = ${e.orgId} and ${m.id} = ${column})`;
}

const storyColumns = (me: SQLWrapper) => sql`
  ${e.id}, ${e.memberId}, ${e.teamIds}, ${isoText(e.occurredAt)} as occurred_at, ${e.occasion}, ${e.action}, ${e.kind}, ${e.valueIds}, ${e.reactionText}, ${e.reactionScore},
  (select count(*) from ${extraThanks} ${t} where ${t.orgId} = ${e.orgId} and ${t.extraId} = ${e.id})::int as thanks,
  exists (select 1 from ${extraThanks} ${t} where ${t.orgId} = ${e.orgId} and ${t.extraId} = ${e.id} and ${t.memberId} = ${me}) as thanked_by_me,
  ${bp.why} as bp_why, ${bp.promotedBy} as bp_by, ${isoText(bp.promotedAt)} as bp_at,
  ${nameOf(e.memberId)} as author_name, ${nameOf(bp.promotedBy)} as bp_by_name`;

/** Which stories to show, besides the feed's rule: each given field narrows them. */
export interface StoryFilter {
  /** Logged in this team. */
  teamId?: string;
  /** Told with this value. */
  valueId?: string;
  kind?: ExtraKind;
  /** Words of the occasion, in the organisation's language: every word must match (stemmed). */
  q?: string;
  ids?: string[];
}

/** The conditions of each filter, its values named for runStatement. */
const STORY_FILTERS: Record<keyof StoryFilter, ($: ($key: string) => SQLWrapper) => SQL> = {
  teamId: ($) => sql`${e.teamIds} @> array[${$('teamId')}]::uuid[]`,
  valueId: ($) => sql`${e.valueIds} @> array[${$('valueId')}]::uuid[]`,
  kind: ($) => sql`${e.kind} = ${$('kind')}`,
  q: ($) => occasionMatches($('orgId'), $('q')),
  ids: ($) => inIds(e.id, $('ids')),
};

/** Stories in the feed, newest first (or most recently put forward), matching the filter. */
export async function selectStories(
  tx: Tx,
  orgId: string,
  me: string,
  filter: StoryFilter,
  options: { after?: Keyset; limit: number; bestPracticesOnly?: boolean; orderBy?: 'occurred' | 'promoted' },
): Promise<StoryRow[]> {
  const used = (Object.keys(STORY_FILTERS) as (keyof StoryFilter)[]).filter((key) => filter[key]);
  const promoted = options.orderBy === 'promoted';
  const variant = [
    ...used,
    options.after ? 'after' : '',
    options.bestPracticesOnly ? 'best' : '',
    promoted ? 'promoted' : '',
  ];
  // Made into text once for each variant and prepared by name: the team feed is the busiest list there is.
  return runStatement<StoryRow>(
    tx,
    `stories:${variant.join(',')}`,
    ($) => {
      const conditions = [sql`${e.orgId} = ${$('orgId')}`, inFeed, ...used.map((key) => STORY_FILTERS[key]($))];
      const order = promoted ? sql`${bp.promotedAt}` : sql`${e.occurredAt}`;
      if (options.after)
        conditions.push(sql`(${order}, ${e.id}) < (${$('afterAt')}::timestamptz, ${$('afterId')}::uuid)`);
      return sql`
    select ${storyColumns($('me'))}, ${exactIsoText(order)} as cursor_at
      from ${extras} ${e}
      ${options.bestPracticesOnly ? sql`join` : sql`left join`} ${bestPractices} ${bp} on ${bp.orgId} = ${e.orgId} and ${bp.extraId} = ${e.id}
     where ${sql.join(conditions, sql` and `)}
     order by ${order} desc, ${e.id} desc
     limit ${$('limit')}`;
    },
    {
      ...filter,
      orgId,
      me,
      limit: options.limit,
      afterAt: options.after?.at,
      afterId: options.after?.id,
    },
  );
}

export async function selectStoriesByIds(tx: Tx, orgId: string, me: string, ids: string[]): Promise<StoryRow[]> {
  if (ids.length === 0) return [];
  return selectStories(tx, orgId, me, { ids }, { limit: ids.length });
}

/** An extra with what decides who may see and act on it in the feed. */
export async function selectFeedExtra(tx: Tx, orgId: string, extraId: string) {
  const [row] = await tx
    .select({
      id: extras.id,
      memberId: extras.memberId,
      teamIds: extras.teamIds,
      inFeed: extras.inFeed,
      hiddenAt: extras.hiddenAt,
      deletedAt: extras.deletedAt,
    })
    .from(extras)
    .where(and(eq(extras.orgId, orgId), eq(extras.id, extraId)));
  return row;
}

/** A search of the occasion in the organisation's language: every word must match (stemmed). */
function occasionMatches(orgId: SQLWrapper, q: SQLWrapper) {
  return sql`${e.occasionTsv} @@ plainto_tsquery(${searchLanguageOf(orgId)}, ${q})`;
}

/**
 * The week's feed stories of a team with, per story, the share of its occasion words the team had not
 * used in the eight weeks before: how new the occasion is.
 */
export async function selectWeekCandidates(tx: Tx, orgId: string, teamId: string, start: Date, end: Date) {
  const p = alias(extras, 'p');
  const { rows } = await tx.execute<{ id: string; reaction_score: number | null; novelty: number }>(sql`
    with earlier as (
      select distinct w as word
        from ${extras} ${p}, unnest(tsvector_to_array(${p.occasionTsv})) w
       where ${p.orgId} = ${orgId} and ${p.teamIds} @> array[${teamId}]::uuid[] and ${p.deletedAt} is null
         and ${p.occurredAt} >= ${start.toISOString()}::timestamptz - interval '8 weeks' and ${p.occurredAt} < ${start.toISOString()}::timestamptz)
    select ${e.id}, ${e.reactionScore},
           coalesce((select avg(case when w in (select word from earlier) then 0 else 1 end)
                       from unnest(tsvector_to_array(${e.occasionTsv})) w), 1)::float8 as novelty
      from ${extras} ${e}
     where ${e.orgId} = ${orgId} and ${e.teamIds} @> array[${teamId}]::uuid[] and ${inFeed}
       and ${e.occurredAt} >= ${start.toISOString()}::timestamptz and ${e.occurredAt} < ${end.toISOString()}::timestamptz`);
  return rows;
}

// ---------- conversation: a team's figures and stories ----------

export interface FigureRow {
  member_id: string;
  roles: string[];
  team_ids: string[];
  extras: number;
  cost_cents: number;
  minutes: number;
  reactions: number;
  average_reaction: number | null;
}

/** Per member of the team: what they logged in [from, to). Members without extras are included. */
export async function selectTeamFigures(tx: Tx, orgId: string, teamId: string, from: Date, to: Date) {
  const tm = alias(teamMembers, 'tm');
  const t2 = alias(teamMembers, 't2');
  const m = alias(members, 'm');
  const { rows } = await tx.execute<FigureRow & Record<string, unknown>>(sql`
    select ${tm.memberId}, ${m.roles},
           (select array_agg(${t2.teamId}) from ${teamMembers} ${t2} where ${t2.orgId} = ${tm.orgId} and ${t2.memberId} = ${tm.memberId}) as team_ids,
           count(${e.id})::int as extras,
           coalesce(sum(${e.costCents}), 0)::int as cost_cents,
           coalesce(sum(${e.minutes}), 0)::int as minutes,
           count(${e.reactionScore})::int as reactions,
           avg(${e.reactionScore})::float8 as average_reaction
      from ${teamMembers} ${tm}
      join ${members} ${m} on ${m.orgId} = ${tm.orgId} and ${m.id} = ${tm.memberId} and ${m.status} = 'active'
      left join ${extras} ${e} on ${e.orgId} = ${tm.orgId} and ${e.memberId} = ${tm.memberId} and ${e.deletedAt} is null
                        and ${e.teamIds} @> array[${teamId}]::uuid[]
                        and ${e.occurredAt} >= ${from.toISOString()}::timestamptz and ${e.occurredAt} < ${to.toISOString()}::timestamptz
     where ${tm.orgId} = ${orgId} and ${tm.teamId} = ${teamId} and not ${tm.isManager}
     group by ${tm.orgId}, ${tm.memberId}, ${m.roles}`);
  return rows;
}

export async function selectTeamStories(tx: Tx, orgId: string, teamId: string, from: Date, to: Date, limit: number) {
  return tx
    .select({
      id: extras.id,
      memberId: extras.memberId,
      occurredAt: extras.occurredAt,
      occasion: extras.occasion,
      action: extras.action,
      kind: extras.kind,
      costCents: extras.costCents,
      reactionText: extras.reactionText,
      reactionScore: extras.reactionScore,
    })
    .from(extras)
    .where(
      and(
        eq(extras.orgId, orgId),
        sql`${extras.teamIds} @> array[${teamId}]::uuid[]`,
        isNull(extras.deletedAt),
        sql`${extras.occurredAt} >= ${from.toISOString()}::timestamptz and ${extras.occurredAt} < ${to.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(extras.occurredAt))
    .limit(limit);
}

// ---------- similar occasions ----------

export async function selectSimilar(
  tx: Tx,
  orgId: string,
  me: string,
  teamIds: string[],
  occasion: string,
  limit: number,
) {
  const { rows } = await tx.execute<{
    id: string;
    member_id: string;
    occasion: string;
    action: string;
    kind: ExtraKind;
    reaction_text: string | null;
    reaction_score: number | null;
    best_practice: boolean;
  }>(sql`
    with q as (
      select to_tsquery('simple', coalesce(string_agg(quote_literal(w), ' | '), '')) as query
        from unnest(tsvector_to_array(to_tsvector(${searchLanguageOf(orgId)}, ${occasion}))) w),
    found as (
      select distinct on (lower(${e.action})) ${e.id}, ${e.memberId}, ${e.occasion}, ${e.action}, ${e.kind}, ${e.reactionText}, ${e.reactionScore},
             ${bp.extraId} is not null as best_practice, ts_rank(${e.occasionTsv}, q.query) as rank, ${e.occurredAt}
        from ${extras} ${e}
        cross join q
        left join ${bestPractices} ${bp} on ${bp.orgId} = ${e.orgId} and ${bp.extraId} = ${e.id}
       where ${e.orgId} = ${orgId} and ${inFeed} and ${e.memberId} <> ${me}
         and ${e.occasionTsv} @@ q.query
         and (${e.teamIds} && ${sql.param(teamIds)}::uuid[] or ${bp.extraId} is not null)
       order by lower(${e.action}), ${bp.extraId} is not null desc, ${e.reactionScore} desc nulls last, ${e.occurredAt} desc)
    select * from found
     order by rank desc, best_practice desc, reaction_score desc nulls last, occurred_at desc
     limit ${limit}`);
  return rows;
}

// ---------- what works ----------

export type GroupSums = {
  key: string | null;
  extras: number;
  n: number;
  sum: number;
  sum_sq: number;
  positives: number;
};

/** A period: an organisation-wide one reads the day sums (local days), a team's one the extras. */
export interface WorksScope {
  orgId: string;
  teamId: string | null;
  /** Local dates, both included (for the day sums). */
  fromDay: string;
  toDay: string;
  /** The same period as moments (for the extras). */
  from: Date;
  to: Date;
}

const liveSums = sql`count(*)::int as extras, count(${e.reactionScore})::int as n, coalesce(sum(${e.reactionScore}), 0)::int as sum,
  coalesce(sum(${e.reactionScore} * ${e.reactionScore}), 0)::int as sum_sq, count(*) filter (where ${e.reactionScore} >= 4)::int as positives`;
/** One of the day sums the database keeps of the extras, as read: folded rows plus pending deltas (migration 0027). */
type DaySums = typeof extraDaySumsLive | typeof extraDayValueSumsLive | typeof extraDayWordSumsLive;
const daySums = (d: DaySums) =>
  sql`sum(${d.extras})::int as extras, sum(${d.n})::int as n, sum(${d.sum})::int as sum, sum(${d.sumSq})::int as sum_sq, sum(${d.positives})::int as positives`;

function teamExtras(s: WorksScope) {
  return sql`${e.orgId} = ${s.orgId} and ${e.deletedAt} is null and ${e.teamIds} @> array[${s.teamId}]::uuid[]
    and ${e.occurredAt} >= ${s.from.toISOString()}::timestamptz and ${e.occurredAt} < ${s.to.toISOString()}::timestamptz`;
}
const days = (d: DaySums, s: WorksScope) =>
  sql`${d.orgId} = ${s.orgId} and ${d.day} between ${s.fromDay}::date and ${s.toDay}::date`;

/** Sums per kind, per cost band (0, up to 5, 5-20, above 20 euro) and over all, in one pass. */
export async function selectKindAndBandSums(tx: Tx, s: WorksScope) {
  const d = extraDaySumsLive;
  const band = sql`klantwerk_cost_band(${e.costCents})`;
  const { rows } = await tx.execute<GroupSums & { kind: string | null; band: string | null; grouping: number }>(
    s.teamId
      ? sql`select ${e.kind}, ${band} as band, grouping(${e.kind}, ${band})::int as grouping, ${liveSums}
              from ${extras} ${e} where ${teamExtras(s)}
             group by grouping sets ((${e.kind}), (${band}), ())`
      : sql`select ${d.kind} as kind, ${d.band} as band, grouping(${d.kind}, ${d.band})::int as grouping, ${daySums(d)}
              from ${d} where ${days(d, s)}
             group by grouping sets ((${d.kind}), (${d.band}), ())`,
  );
  return rows;
}

export async function selectValueSums(tx: Tx, s: WorksScope) {
  const v = extraDayValueSumsLive;
  const { rows } = await tx.execute<GroupSums>(
    s.teamId
      ? sql`select v as key, ${liveSums} from ${extras} ${e}, unnest(${e.valueIds}) v where ${teamExtras(s)} group by v`
      : sql`select ${v.valueId} as key, ${daySums(v)} from ${v} where ${days(v, s)} group by ${v.valueId}`,
  );
  return rows;
}

/** Sums per stemmed occasion word that at least `minimum` extras of the period share. */
export async function selectWordSums(tx: Tx, s: WorksScope, minimum: number) {
  const w = extraDayWordSumsLive;
  const { rows } = await tx.execute<GroupSums>(
    s.teamId
      ? sql`select w as key, ${liveSums} from ${extras} ${e}, unnest(tsvector_to_array(${e.occasionTsv})) w
             where ${teamExtras(s)} group by w having count(*) >= ${minimum}`
      : sql`select ${w.word} as key, ${daySums(w)} from ${w} where ${days(w, s)}
             group by ${w.word} having sum(${w.extras}) >= ${minimum}`,
  );
  return rows;
}

/** Up to three different occasions of the period holding each word, of extras the feed shows (their text is shown to all). */
export async function selectWordExamples(tx: Tx, s: WorksScope, words: string[]) {
  if (words.length === 0) return new Map<string, string[]>();
  if (s.teamId) {
    // A team's period holds few extras: one pass over them.
    const { rows } = await tx.execute<{ word: string; examples: string[] }>(sql`
      select w as word, (array_agg(distinct ${e.occasion}))[1:3] as examples
        from ${extras} ${e}, unnest(tsvector_to_array(${e.occasionTsv})) w
       where ${teamExtras(s)} and ${inFeed} and w = any(${sql.param(words)}::text[])
       group by w`);
    return new Map(rows.map((r) => [r.word, r.examples]));
  }
  // Over the organisation, walk its extras newest first along the (org, occurred_at) index: a theme
  // word is common, so this stops early.
  const { rows } = await tx.execute<{ word: string; examples: string[] | null }>(sql`
    select w as word,
           (select array_agg(x.occasion) from (
              select distinct y.occasion from (
                select ${e.occasion} from ${extras} ${e}
                 where ${e.orgId} = ${s.orgId} and ${inFeed}
                   and ${e.occurredAt} >= ${s.from.toISOString()}::timestamptz and ${e.occurredAt} < ${s.to.toISOString()}::timestamptz
                   and tsvector_to_array(${e.occasionTsv}) @> array[w]
                 order by ${e.occurredAt} desc limit 50) y
              limit 3) x) as examples
      from unnest(${sql.param(words)}::text[]) w`);
  return new Map(rows.map((r) => [r.word, r.examples ?? []]));
}

// ---------- the weekly digest ----------

/** A member's own week: their extras and the thanks colleagues gave them. */
export async function selectMyWeek(tx: Tx, orgId: string, memberId: string, from: Date, to: Date) {
  const { rows: extrasOfWeek } = await tx.execute<{ occasion: string; reaction_score: number | null }>(sql`
    select ${e.occasion}, ${e.reactionScore} from ${extras} ${e}
     where ${e.orgId} = ${orgId} and ${e.memberId} = ${memberId} and ${e.deletedAt} is null
       and ${e.occurredAt} >= ${from.toISOString()}::timestamptz and ${e.occurredAt} < ${to.toISOString()}::timestamptz
     order by ${e.occurredAt}`);
  const { rows: thanks } = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from ${extraThanks} ${t} join ${extras} ${e} on ${e.orgId} = ${t.orgId} and ${e.id} = ${t.extraId}
     where ${t.orgId} = ${orgId} and ${e.memberId} = ${memberId} and ${t.createdAt} >= ${from.toISOString()}::timestamptz and ${t.createdAt} < ${to.toISOString()}::timestamptz`);
  return { extras: extrasOfWeek, thanks: thanks[0]?.n ?? 0 };
}
