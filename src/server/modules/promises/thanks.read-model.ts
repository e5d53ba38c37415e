import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { teamMembers } from '../../db/schema/org.schema';
import { colleagueThanks } from '../../db/schema/thanks.schema';

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
  const t = alias(colleagueThanks, 't');
  const tm = alias(teamMembers, 'tm');
  const { rows } = await db.execute<{ giver: string; receiver: string; thanks: number }>(sql`
    select p.giver, p.receiver, count(${t.id})::int as thanks
      from unnest(${sql.param(arrows.map((a) => a.giver))}::uuid[], ${sql.param(arrows.map((a) => a.receiver))}::uuid[]) as p(giver, receiver)
      join ${colleagueThanks} ${t}
        on ${t.orgId} = ${scope.orgId}
       and (${t.createdAt} at time zone ${scope.timeZone})::date between ${scope.from}::date and ${scope.to}::date
       and (${t.toTeamId} = p.giver
            or exists (select 1 from ${teamMembers} ${tm}
                        where ${tm.orgId} = ${t.orgId} and ${tm.teamId} = p.giver and ${tm.memberId} = ${t.toMemberId}))
       and (${t.fromTeamId} = p.receiver
            or exists (select 1 from ${teamMembers} ${tm}
                        where ${tm.orgId} = ${t.orgId} and ${tm.teamId} = p.receiver and ${tm.memberId} = ${t.fromMemberId}))
     group by 1, 2`);
  return new Map(rows.map((r) => [arrowKey(r.giver, r.receiver), r.thanks]));
}

export const arrowKey = (giver: string, receiver: string) => `${giver}>${receiver}`;
