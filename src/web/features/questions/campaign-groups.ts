import type { ResultGroup } from '../../../contracts/questions.contract';

// The groups of a campaign's response, in the order the page lists them. Pure, so it is tested beside it.

const LEVEL_RANK = { top: 0, middle: 1, staff: 2 } as const;
const rank = (group: Pick<ResultGroup, 'level'>) => (group.level ? LEVEL_RANK[group.level] : -1);

/**
 * The organisation first with its levels, then each team (by name) followed by its own levels, so
 * a level within a team stands under that team.
 */
export function orderGroups<G extends Pick<ResultGroup, 'key' | 'kind' | 'teamId' | 'teamName' | 'level'>>(
  groups: readonly G[],
): G[] {
  const byLevel = (a: G, b: G) => rank(a) - rank(b);
  const org = groups.filter((g) => g.kind === 'org');
  const levels = groups.filter((g) => g.kind === 'level').sort(byLevel);
  const teams = groups.filter((g) => g.kind === 'team');
  const teamLevels = groups.filter((g) => g.kind === 'team_level');
  // Teams that only appear through one of their levels still get a place.
  const teamIds = [...new Set([...teams, ...teamLevels].map((g) => g.teamId ?? ''))];
  const nameOf = (teamId: string) => [...teams, ...teamLevels].find((g) => (g.teamId ?? '') === teamId)?.teamName ?? '';
  teamIds.sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.localeCompare(b));
  return [
    ...org,
    ...levels,
    ...teamIds.flatMap((teamId) => [
      ...teams.filter((g) => (g.teamId ?? '') === teamId),
      ...teamLevels.filter((g) => (g.teamId ?? '') === teamId).sort(byLevel),
    ]),
  ];
}

/**
 * The share of a group that answered, as the step the server gives (never an exact count), or null when
 * the group is withheld or nobody was asked.
 */
export function responseShare(
  group: Pick<ResultGroup, 'status' | 'audience' | 'response'>,
): { min: number; max: number } | null {
  if (group.status !== 'shown' || group.audience === null || group.response === null || group.audience <= 0)
    return null;
  return {
    min: Math.min(1, group.response.min / group.audience),
    max: Math.min(1, group.response.max / group.audience),
  };
}
