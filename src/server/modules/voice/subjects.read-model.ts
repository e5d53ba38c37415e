import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client';
import { extras } from '../../db/schema/extras.schema';
import { organizations, teams } from '../../db/schema/org.schema';
import { promises } from '../../db/schema/promises.schema';
import { offerings } from '../../db/schema/values.schema';
import { customerReactions, touchpoints, voiceLinks } from '../../db/schema/voice.schema';

// A read model: what voice reads of the extras, promises and offerings a customer reacts to (the
// reaction's subject): who acted and for which team, what it was about. Read only (storing a reaction
// locks the extra, as the extras service then sets its reaction in the same transaction); when the
// extras, promises or values modules change their tables, this is the one file of voice to look at.
// Tables and columns are named through the schema objects (aliased with `alias(table, 'x')`), so a
// rename fails to compile.

/** A reaction as voice.repo.ts aliases it (`r`): the joins below join on it. */
const r = alias(customerReactions, 'r');
const tm = alias(teams, 'tm');
const e = alias(extras, 'e');
const p = alias(promises, 'p');
const tp = alias(touchpoints, 'tp');

/**
 * The joins that name a reaction's (alias r) team (tm), extra (e), promise (p) and touchpoint (tp), for
 * `reactionColumns` in voice.repo.ts, which takes their columns from `reactionTeamName` and `reactionAbout`.
 */
export const reactionJoins = sql`
  left join ${teams} ${tm} on ${tm.orgId} = ${r.orgId} and ${tm.id} = ${r.teamId}
  left join ${extras} ${e} on ${e.orgId} = ${r.orgId} and ${e.id} = ${r.extraId}
  left join ${promises} ${p} on ${p.orgId} = ${r.orgId} and ${p.id} = ${r.promiseId}
  left join ${touchpoints} ${tp} on ${tp.orgId} = ${r.orgId} and ${tp.id} = ${r.touchpointId}`;

/** With reactionJoins: the name of the reaction's team. */
export const reactionTeamName = sql`${tm.name} as team_name`;
/** With reactionJoins: what the reaction is about (the extra's occasion, the promise, or the touchpoint). */
export const reactionAbout = sql`coalesce(${e.occasion}, ${p.what}, ${tp.name}) as about`;

/** An extra's author and teams; not a deleted one unless `deleted` is asked, locked with `forUpdate`. */
export async function extraSubject(
  db: Tx,
  orgId: string,
  extraId: string,
  options: { forUpdate?: boolean; deleted?: boolean } = {},
): Promise<{ member_id: string; team_ids: string[] } | undefined> {
  const { rows } = await db.execute<{ member_id: string; team_ids: string[] }>(sql`
    select ${extras.memberId}, ${extras.teamIds} from ${extras} where ${extras.orgId} = ${orgId} and ${extras.id} = ${extraId}
    ${options.deleted ? sql`` : sql`and ${extras.deletedAt} is null`} ${options.forUpdate ? sql`for update` : sql``}`);
  return rows[0];
}

/** A promise's maker and delivering team. */
export async function promiseSubject(
  db: Tx,
  orgId: string,
  promiseId: string,
): Promise<{ made_by: string; owner_team_id: string } | undefined> {
  const { rows } = await db.execute<{ made_by: string; owner_team_id: string }>(sql`
    select ${promises.madeBy}, ${promises.ownerTeamId} from ${promises} where ${promises.orgId} = ${orgId} and ${promises.id} = ${promiseId}`);
  return rows[0];
}

/** The public page's link: its organisation, and what it is about (the touchpoint, promise and offering, or extra's day). */
export async function publicLinkRow(db: Db, token: string) {
  const l = alias(voiceLinks, 'l');
  const o = alias(organizations, 'o');
  const t = alias(touchpoints, 't');
  const ofr = alias(offerings, 'ofr');
  const { rows } = await db.execute<{
    id: string;
    org_id: string;
    org_name: string;
    default_language: string;
    time_zone: string;
    contact_keep_days: number;
    touchpoint_scale: string | null;
    touchpoint_archived: boolean;
    touchpoint_name: string | null;
    promise_what: string | null;
    offering_name: string | null;
    extra_day: string | null;
  }>(sql`
    select ${l.id}, ${l.orgId}, ${o.name} as org_name, ${o.defaultLanguage}, ${o.timeZone}, ${o.contactKeepDays}, ${t.scale} as touchpoint_scale, ${t.archivedAt} is not null as touchpoint_archived,
           ${t.name} as touchpoint_name, ${p.what} as promise_what, ${ofr.name} as offering_name,
           (${e.occurredAt} at time zone ${o.timeZone})::date::text as extra_day
      from ${voiceLinks} ${l}
      join ${organizations} ${o} on ${o.id} = ${l.orgId}
      left join ${touchpoints} ${t} on ${t.orgId} = ${l.orgId} and ${t.id} = ${l.touchpointId}
      left join ${promises} ${p} on ${p.orgId} = ${l.orgId} and ${p.id} = ${l.promiseId}
      left join ${offerings} ${ofr} on ${ofr.orgId} = ${p.orgId} and ${ofr.id} = ${p.offeringId}
      left join ${extras} ${e} on ${e.orgId} = ${l.orgId} and ${e.id} = ${l.extraId}
     where ${l.token} = ${token} and ${l.revokedAt} is null`);
  return rows[0];
}

/** An extra (not deleted) or a promise a customer may be asked about by e-mail, with its organisation's name and language. */
export async function requestTargetRow(db: Db, orgId: string, subject: 'extra' | 'promise', id: string) {
  const o = alias(organizations, 'o');
  const { rows } = await db.execute<{
    owner_id: string;
    team_ids: string[];
    delivered: boolean;
    what: string | null;
    org_name: string;
    org_language: string;
  }>(
    subject === 'extra'
      ? sql`select ${e.memberId} as owner_id, ${e.teamIds}, true as delivered, null as what, ${o.name} as org_name, ${o.defaultLanguage} as org_language
              from ${extras} ${e} join ${organizations} ${o} on ${o.id} = ${e.orgId}
             where ${e.orgId} = ${orgId} and ${e.id} = ${id} and ${e.deletedAt} is null`
      : sql`select ${p.madeBy} as owner_id, array[${p.ownerTeamId}] as team_ids, ${p.deliveredOn} is not null as delivered, ${p.what},
                   ${o.name} as org_name, ${o.defaultLanguage} as org_language
              from ${promises} ${p} join ${organizations} ${o} on ${o.id} = ${p.orgId}
             where ${p.orgId} = ${orgId} and ${p.id} = ${id}`,
  );
  return rows[0];
}
