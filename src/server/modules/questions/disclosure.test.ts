import { describe, expect, it } from 'vitest';
import { ExactSpan, subsets } from '../../../../test/helpers/linear-attack';
import { type CandidateGroup, decideGroups } from './disclosure';

// The rule that no combination of shown groups singles out fewer than k respondents, checked against
// an exact attacker that tries every small set of atoms.

const group = (key: string, ...atoms: number[]): CandidateGroup => ({ key, atoms });

/**
 * Every set of atoms with 1..k-1 respondents whose total follows from the shown groups. The attacker
 * is taken to know how many answered in each atom, so atoms nobody answered in drop out.
 */
function revealed(counts: number[], groups: CandidateGroup[], shown: Set<string>, k: number) {
  const atoms = counts.flatMap((c, i) => (c > 0 ? [i] : []));
  const span = new ExactSpan();
  for (const g of groups) if (shown.has(g.key)) span.add(atoms.map((i) => (g.atoms.includes(i) ? 1 : 0)));
  const found: number[][] = [];
  for (const set of subsets(atoms.length, atoms.length)) {
    const size = set.reduce((n, j) => n + counts[atoms[j]!]!, 0);
    if (size >= k) continue;
    if (span.holds(atoms.map((_, j) => (set.includes(j) ? 1 : 0)))) found.push(set.map((j) => atoms[j]!));
  }
  return found;
}

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('which groups are shown', () => {
  it('withholds a team without one level when the level left out is below the threshold (the issue’s 12 − 8 = 4)', () => {
    // Atoms: 0 the team's staff (8), 1 the team's middle managers (4), 2 other staff (30), 3 other middle managers (6).
    const counts = [8, 4, 30, 6];
    const groups = [
      group('org', 0, 1, 2, 3),
      group('level:staff', 0, 2),
      group('level:middle', 1, 3),
      group('team', 0, 1),
      group('team:staff', 0),
      group('team:middle', 1),
    ];
    const d = decideGroups(counts, groups, 5);
    expect(d.get('org')).toBe('shown');
    expect(d.get('level:staff')).toBe('shown');
    expect(d.get('level:middle')).toBe('shown');
    expect(d.get('team')).toBe('shown');
    // team − team:staff would be the team's 4 middle managers.
    expect(d.get('team:staff')).toBe('difference');
    expect(d.get('team:middle')).toBe('too_few');
    expect(revealed(counts, groups, new Set([...d].filter(([, v]) => v === 'shown').map(([key]) => key)), 5)).toEqual([]);
  });

  it('withholds a level when the organisation minus it is a handful', () => {
    // 38 staff and 4 middle managers: the organisation and the staff would give the managers' answers.
    const d = decideGroups([38, 4], [group('org', 0, 1), group('level:staff', 0), group('level:middle', 1)], 5);
    expect([d.get('org'), d.get('level:staff'), d.get('level:middle')]).toEqual(['shown', 'difference', 'too_few']);
  });

  it('shows a team and the same team of one level when they are the same people', () => {
    const d = decideGroups([12, 0, 20], [group('org', 0, 1, 2), group('team', 0, 1), group('team:staff', 0), group('team:middle', 1)], 5);
    expect([d.get('org'), d.get('team'), d.get('team:staff'), d.get('team:middle')]).toEqual(['shown', 'shown', 'shown', 'too_few']);
  });

  it('withholds the organisation minus all teams when few people are in no team', () => {
    // Two teams of 6 and 7, and 2 people in no team: org − a − b = those 2.
    const d = decideGroups([6, 7, 2], [group('org', 0, 1, 2), group('a', 0), group('b', 1)], 5);
    expect(d.get('org')).toBe('shown');
    expect(d.get('a')).toBe('shown');
    expect(d.get('b')).toBe('difference');
  });

  it('catches sums over overlapping teams, not only plain differences', () => {
    // Atoms: 0 only in A (5), 1 in A and B (1), 2 only in B (5), 3 in C with 1 (5)... A + B − (A∪B) would need A∪B;
    // here A = {0,1}, B = {1,2}, AB = {0,1,2}: A + B − AB = atom 1 (1 person).
    const counts = [5, 1, 5];
    const groups = [group('AB', 0, 1, 2), group('A', 0, 1), group('B', 1, 2)];
    const d = decideGroups(counts, groups, 5);
    expect(d.get('AB')).toBe('shown');
    expect(d.get('A')).toBe('shown');
    expect(d.get('B')).toBe('difference');
  });

  it('never lets a random structure reveal a set below the threshold, and shows every group it safely can', () => {
    const random = seeded(7);
    for (let round = 0; round < 300; round++) {
      const k = 3 + Math.floor(random() * 4);
      const atoms = 2 + Math.floor(random() * 6);
      const counts = Array.from({ length: atoms }, () => (random() < 0.15 ? 0 : 1 + Math.floor(random() * 9)));
      const groups = Array.from({ length: 2 + Math.floor(random() * 7) }, (_, g) => {
        const members = Array.from({ length: atoms }, (_, i) => i).filter(() => random() < 0.5);
        return group(`g${g}`, ...(members.length ? members : [0]));
      });
      const d = decideGroups(counts, groups, k);
      const shown = new Set([...d].filter(([, v]) => v === 'shown').map(([key]) => key));
      expect(revealed(counts, groups, shown, k), `round ${round}: ${JSON.stringify({ counts, groups, k })}`).toEqual([]);
      // Each withheld group of k or more would really have revealed a small set, given those shown before it.
      for (const [i, g] of groups.entries()) {
        if (d.get(g.key) !== 'difference') continue;
        const before = new Set(groups.slice(0, i).filter((h) => shown.has(h.key)).map((h) => h.key));
        before.add(g.key);
        expect(revealed(counts, groups, before, k).length, `round ${round}, ${g.key}`).toBeGreaterThan(0);
      }
    }
  });
});
