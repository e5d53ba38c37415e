import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { alias } from 'drizzle-orm/pg-core';
import { teamMembers, teams } from '../../db/schema/org.schema';

// A piece of SQL for the statements that build who is asking on every request (a session, an API key):
// they fetch the person's teams in the same round trip as the rest, so the piece goes into their
// statement rather than being a query of its own.

const tm = alias(teamMembers, 'tm');
const t = alias(teams, 't');

/** The ids of a member's teams that are not archived, as an array; `managed` keeps only those they manage. */
export function memberTeamIds(orgId: AnyPgColumn | SQL, memberId: AnyPgColumn | SQL, managed: boolean): SQL {
  return sql`array(select ${tm.teamId} from ${teamMembers} ${tm} join ${teams} ${t} on ${t.orgId} = ${tm.orgId} and ${t.id} = ${tm.teamId}
                    where ${tm.orgId} = ${orgId} and ${tm.memberId} = ${memberId} and ${t.archivedAt} is null${managed ? sql` and ${tm.isManager}` : sql``})`;
}
