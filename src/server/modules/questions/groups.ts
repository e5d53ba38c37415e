import type { Role } from '../../../contracts/constants';
import { LEVELS, type Level } from '../../../contracts/questions.contract';
import type { CandidateGroup } from './disclosure';

// The fixed groups results are shown for: the organisation, each level, each team, each team × level.
// Nothing else can be asked for, so no filter can carve out a group the disclosure rule has not seen.

/** top: directors; middle: managers (by role or because they manage a team); staff: everyone else. */
export function levelOf(roles: readonly Role[], managesTeams: boolean): Level {
  if (roles.includes('director')) return 'top';
  if (roles.includes('manager') || managesTeams) return 'middle';
  return 'staff';
}

export interface Placed {
  level: Level;
  /** The teams the person is in and does not manage: a team's result is the view of the people led in it. */
  teamIds: readonly string[];
}

export const groupKeys = {
  org: 'org',
  level: (level: Level) => `level:${level}`,
  team: (teamId: string) => `team:${teamId}`,
  teamLevel: (teamId: string, level: Level) => `team:${teamId}:level:${level}`,
};

export function parseGroupKey(key: string): {
  kind: 'org' | 'level' | 'team' | 'team_level';
  teamId: string | null;
  level: Level | null;
} {
  if (key === 'org') return { kind: 'org', teamId: null, level: null };
  const level = /^level:(\w+)$/.exec(key);
  if (level) return { kind: 'level', teamId: null, level: level[1] as Level };
  const team = /^team:([0-9a-f-]{36})(?::level:(\w+))?$/.exec(key);
  if (team)
    return { kind: team[2] ? 'team_level' : 'team', teamId: team[1]!, level: (team[2] as Level | undefined) ?? null };
  throw new Error(`not a group key: ${key}`);
}

/** Every group a person placed so is in: the organisation, their level, their teams and their level in each. */
export function groupsOf(person: Placed): string[] {
  return [
    groupKeys.org,
    groupKeys.level(person.level),
    ...person.teamIds.flatMap((t) => [groupKeys.team(t), groupKeys.teamLevel(t, person.level)]),
  ];
}

/** One key for a place: the same key, the same groups. */
export const placeKey = (person: Placed) => `${person.level}|${[...person.teamIds].sort().join(',')}`;

/**
 * People alike to every group: same level, same teams (and, with `history`, the same places in the
 * earlier rounds the figures are set beside).
 */
export class Atoms {
  readonly atoms: Placed[] = [];
  private index = new Map<string, number>();

  of(person: Placed, history = ''): number {
    const teamIds = [...person.teamIds].sort();
    const key = `${placeKey(person)}#${history}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.atoms.length;
      this.atoms.push({ level: person.level, teamIds });
      this.index.set(key, i);
    }
    return i;
  }

  /**
   * Every group someone is in, in the order the disclosure rule tries them: the organisation, the
   * levels and the teams from large to small (by `sizes`, usually the people asked), then team × level.
   */
  candidates(sizes: readonly number[]): CandidateGroup[] {
    const byKey = new Map<string, number[]>();
    const add = (key: string, atom: number) => {
      const list = byKey.get(key);
      if (list) list.push(atom);
      else byKey.set(key, [atom]);
    };
    this.atoms.forEach((a, i) => {
      for (const key of groupsOf(a)) add(key, i);
    });
    const size = (atoms: number[]) => atoms.reduce((n, i) => n + (sizes[i] ?? 0), 0);
    const rank = (key: string) => ['org', 'level', 'team', 'team_level'].indexOf(parseGroupKey(key).kind);
    return [...byKey]
      .map(([key, atoms]) => ({ key, atoms, size: size(atoms) }))
      .sort((a, b) => rank(a.key) - rank(b.key) || b.size - a.size || a.key.localeCompare(b.key))
      .map(({ key, atoms }) => ({ key, atoms }));
  }
}

/** Counts per atom from a list of atom indices (one per person). */
export function countPerAtom(atomCount: number, indices: Iterable<number>): number[] {
  const counts = new Array<number>(atomCount).fill(0);
  for (const i of indices) counts[i]!++;
  return counts;
}

export { LEVELS };
