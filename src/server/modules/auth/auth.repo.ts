import type { Pool } from 'pg';
import type { Role } from '../../../contracts/constants';

export type SessionContextRow = {
  session_id: string;
  token: string;
  user_id: string;
  name: string;
  email: string;
  language: string | null;
  active_org_id: string | null;
  sso_org_id: string | null;
  member_id: string | null;
  roles: Role[] | null;
  default_language: string | null;
  time_zone: string | null;
  team_ids: string[] | null;
  managed_team_ids: string[] | null;
};

/**
 * Everything the access check needs, in one round trip: the live session, its person, their active
 * membership in the session's organisation (none when deactivated or gone) with its teams, and the
 * organisation's time zone. A session made by an organisation's identity provider works in that organisation only. It reads org tables on purpose: this runs on every request.
 */
const SESSION_CONTEXT_SQL = `
    select s.id as session_id, s.token, u.id as user_id, u.name, u.email, u.language, s.active_org_id, s.sso_org_id,
           m.id as member_id, m.roles, o.default_language, o.time_zone,
           array(select tm.team_id from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
                  where tm.org_id = m.org_id and tm.member_id = m.id and t.archived_at is null) as team_ids,
           array(select tm.team_id from team_members tm join teams t on t.org_id = tm.org_id and t.id = tm.team_id
                  where tm.org_id = m.org_id and tm.member_id = m.id and t.archived_at is null and tm.is_manager) as managed_team_ids
      from auth_session s
      join auth_user u on u.id = s.user_id
      left join members m on m.org_id = s.active_org_id and m.user_id = s.user_id and m.status = 'active'
                         and (s.sso_org_id is null or s.sso_org_id = s.active_org_id)
      left join organizations o on o.id = m.org_id
     where s.token = $1 and s.expires_at > now()`;

export async function selectSessionContext(pool: Pool, token: string): Promise<SessionContextRow | undefined> {
  // A named statement: PostgreSQL plans it once per connection. This runs on every request.
  const { rows } = await pool.query<SessionContextRow>({
    name: 'session-context',
    text: SESSION_CONTEXT_SQL,
    values: [token],
  });
  return rows[0];
}
