import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';

// A read model: what voice reads of the extras, promises and offerings a customer reacts to (the
// reaction's subject): who acted and for which team, what it was about. Read only (storing a reaction
// locks the extra, as the extras service then sets its reaction in the same transaction); when the
// extras, promises or values modules change their tables, this is the one file of voice to look at.

/**
 * The joins that name a reaction's (alias r) team (tm), extra (e), promise (p) and touchpoint (tp), for
 * `reactionColumns` in voice.repo.ts.
 */
export const reactionJoins = sql`
  left join teams tm on tm.org_id = r.org_id and tm.id = r.team_id
  left join extras e on e.org_id = r.org_id and e.id = r.extra_id
  left join promises p on p.org_id = r.org_id and p.id = r.promise_id
  left join touchpoints tp on tp.org_id = r.org_id and tp.id = r.touchpoint_id`;

/** An extra's author and teams; not a deleted one unless `deleted` is asked, locked with `forUpdate`. */
export async function extraSubject(
  db: Tx,
  orgId: string,
  extraId: string,
  options: { forUpdate?: boolean; deleted?: boolean } = {},
): Promise<{ member_id: string; team_ids: string[] } | undefined> {
  const { rows } = await db.execute<{ member_id: string; team_ids: string[] }>(sql`
    select member_id, team_ids from extras where org_id = ${orgId} and id = ${extraId}
    ${options.deleted ? sql`` : sql`and deleted_at is null`} ${options.forUpdate ? sql`for update` : sql``}`);
  return rows[0];
}

/** A promise's maker and delivering team. */
export async function promiseSubject(
  db: Tx,
  orgId: string,
  promiseId: string,
): Promise<{ made_by: string; owner_team_id: string } | undefined> {
  const { rows } = await db.execute<{ made_by: string; owner_team_id: string }>(sql`
    select made_by, owner_team_id from promises where org_id = ${orgId} and id = ${promiseId}`);
  return rows[0];
}

/** The public page's link: its organisation, and what it is about (the touchpoint, promise and offering, or extra's day). */
export async function publicLinkRow(db: Db, token: string) {
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
    select l.id, l.org_id, o.name as org_name, o.default_language, o.time_zone, o.contact_keep_days, t.scale as touchpoint_scale, t.archived_at is not null as touchpoint_archived,
           t.name as touchpoint_name, p.what as promise_what, ofr.name as offering_name,
           (e.occurred_at at time zone o.time_zone)::date::text as extra_day
      from voice_links l
      join organizations o on o.id = l.org_id
      left join touchpoints t on t.org_id = l.org_id and t.id = l.touchpoint_id
      left join promises p on p.org_id = l.org_id and p.id = l.promise_id
      left join offerings ofr on ofr.org_id = p.org_id and ofr.id = p.offering_id
      left join extras e on e.org_id = l.org_id and e.id = l.extra_id
     where l.token = ${token} and l.revoked_at is null`);
  return rows[0];
}

/** An extra (not deleted) or a promise a customer may be asked about by e-mail, with its organisation's name and language. */
export async function requestTargetRow(db: Db, orgId: string, subject: 'extra' | 'promise', id: string) {
  const { rows } = await db.execute<{
    owner_id: string;
    team_ids: string[];
    delivered: boolean;
    what: string | null;
    org_name: string;
    org_language: string;
  }>(
    subject === 'extra'
      ? sql`select e.member_id as owner_id, e.team_ids, true as delivered, null as what, o.name as org_name, o.default_language as org_language
              from extras e join organizations o on o.id = e.org_id
             where e.org_id = ${orgId} and e.id = ${id} and e.deleted_at is null`
      : sql`select p.made_by as owner_id, array[p.owner_team_id] as team_ids, p.delivered_on is not null as delivered, p.what,
                   o.name as org_name, o.default_language as org_language
              from promises p join organizations o on o.id = p.org_id
             where p.org_id = ${orgId} and p.id = ${id}`,
  );
  return rows[0];
}
