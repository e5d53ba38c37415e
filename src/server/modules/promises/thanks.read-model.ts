import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

// Read model over the thanks module's colleague_thanks, for the chain: how often a team was thanked by
// the teams it serves. Read only; the thanks module owns the table.

/**
 * Per arrow (giver team → receiving team, the receiver being the giver's internal customer): the thanks
 * in the period (days in the organisation's time zone) to the giving team or one of its members, from
 * the receiving team or one of its members.
 */
export async function countThanksPerArrow(
  db: Db,
  scope: { orgId: string; timeZone: string; from: string; to: string },
  arrows: { giver: string; receiver: string }[],
): Promise<Map<string, number>> {
  if (arrows.length === 0) return new Map();
  const { rows } = await db.execute<{ giver: string; receiver: string; thanks: number }>(sql`
    select p.giver, p.receiver, count(t.id)::int as thanks
      from unnest(${sql.param(arrows.map((a) => a.giver))}::uuid[], ${sql.param(arrows.map((a) => a.receiver))}::uuid[]) as p(giver, receiver)
      join colleague_thanks t
        on t.org_id = ${scope.orgId}
       and (t.created_at at time zone ${scope.timeZone})::date between ${scope.from}::date and ${scope.to}::date
       and (t.to_team_id = p.giver
            or exists (select 1 from team_members tm
                        where tm.org_id = t.org_id and tm.team_id = p.giver and tm.member_id = t.to_member_id))
       and (t.from_team_id = p.receiver
            or exists (select 1 from team_members tm
                        where tm.org_id = t.org_id and tm.team_id = p.receiver and tm.member_id = t.from_member_id))
     group by 1, 2`);
  return new Map(rows.map((r) => [arrowKey(r.giver, r.receiver), r.thanks]));
}

export const arrowKey = (giver: string, receiver: string) => `${giver}>${receiver}`;
