import type { Level } from '../../../contracts/questions.contract';
import type { TenantContext } from '../../lib/request-context';
import { isSteering } from '../../lib/roles';
import { levelOf, parseGroupKey } from './groups';

/** Directors and administrators (lib/roles.ts). */
export const steering = isSteering;

// Who sees which groups' results, and who acts on them.

/**
 * The groups a person may look at. Directors and admins: all. Managers: the organisation, their level,
 * the teams they are in or lead, and the levels within the teams they lead. Members: as the
 * organisation set it — nothing, the organisation's, or also their level, their teams and their own
 * level within them. `belongsOnly` ignores the setting (the actions that came from one's answers).
 */
export function groupVisibility(tenant: TenantContext, setting: string, belongsOnly = false) {
  if (steering(tenant)) return () => true;
  const manages = tenant.managedTeamIds.length > 0 || tenant.roles.includes('manager');
  const level: Level = levelOf(tenant.roles, tenant.managedTeamIds.length > 0);
  const led = new Set(tenant.managedTeamIds);
  const mine = new Set(tenant.teamIds);
  const seesOwn = manages || belongsOnly || setting === 'own_groups';
  const seesOrg = seesOwn || setting === 'organisation';
  return (key: string) => {
    const g = parseGroupKey(key);
    if (g.kind === 'org') return seesOrg;
    if (!seesOwn) return false;
    if (g.kind === 'level') return g.level === level;
    if (g.kind === 'team') return mine.has(g.teamId!) || led.has(g.teamId!);
    return led.has(g.teamId!) || (mine.has(g.teamId!) && g.level === level);
  };
}

/** Directors and admins act on any group; a manager on the teams they lead. */
export function mayActFor(tenant: TenantContext, groupKey: string) {
  if (steering(tenant)) return true;
  const { teamId } = parseGroupKey(groupKey);
  return teamId !== null && tenant.managedTeamIds.includes(teamId);
}
