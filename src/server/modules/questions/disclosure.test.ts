import { describe, expect, it } from 'vitest';
import { ExactSpan, subsets } from '../../../../test/helpers/linear-attack';
import type { Level } from '../../../contracts/questions.contract';
import { type CandidateGroup, decideGroups, decidePeople, type PeopleModel } from './disclosure';
import { type EarlierRound, historyOf, peopleAcrossRounds } from './earlier-rounds';
import { Atoms, countPerAtom, type Placed } from './groups';

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
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
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
    expect(revealed(counts, groups, new Set([...d].filter(([, v]) => v === 'shown').map(([key]) => key)), 5)).toEqual(
      [],
    );
  });

  it('withholds a level when the organisation minus it is a handful', () => {
    // 38 staff and 4 middle managers: the organisation and the staff would give the managers' answers.
    const d = decideGroups([38, 4], [group('org', 0, 1), group('level:staff', 0), group('level:middle', 1)], 5);
    expect([d.get('org'), d.get('level:staff'), d.get('level:middle')]).toEqual(['shown', 'difference', 'too_few']);
  });

  it('shows a team and the same team of one level when they are the same people', () => {
    const d = decideGroups(
      [12, 0, 20],
      [group('org', 0, 1, 2), group('team', 0, 1), group('team:staff', 0), group('team:middle', 1)],
      5,
    );
    expect([d.get('org'), d.get('team'), d.get('team:staff'), d.get('team:middle')]).toEqual([
      'shown',
      'shown',
      'shown',
      'too_few',
    ]);
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
      expect(revealed(counts, groups, shown, k), `round ${round}: ${JSON.stringify({ counts, groups, k })}`).toEqual(
        [],
      );
      // Each withheld group of k or more would really have revealed a small set, given those shown before it.
      for (const [i, g] of groups.entries()) {
        if (d.get(g.key) !== 'difference') continue;
        const before = new Set(
          groups
            .slice(0, i)
            .filter((h) => shown.has(h.key))
            .map((h) => h.key),
        );
        before.add(g.key);
        expect(revealed(counts, groups, before, k).length, `round ${round}, ${g.key}`).toBeGreaterThan(0);
      }
    }
  });
});

/** The sets of 1..k-1 people asked whose total follows from the rows (the people model: no atom drops out). */
function revealedPeople(asked: number[], rows: number[][], k: number) {
  const atoms = asked.flatMap((c, i) => (c > 0 ? [i] : []));
  const span = new ExactSpan();
  for (const row of rows) span.add(atoms.map((i) => (row.includes(i) ? 1 : 0)));
  const found: number[][] = [];
  for (const set of subsets(atoms.length, atoms.length)) {
    const size = set.reduce((n, j) => n + asked[atoms[j]!]!, 0);
    if (size < k && span.holds(atoms.map((_, j) => (set.includes(j) ? 1 : 0)))) found.push(set.map((j) => atoms[j]!));
  }
  return found;
}

/** The rule with the people model: decided once over the people asked, then per question's counts. */
const withPeople = (counts: number[], groups: CandidateGroup[], k: number, people: PeopleModel) =>
  decideGroups(counts, groups, k, decidePeople(groups, k, people));

describe('which groups are shown beside earlier rounds and over the people asked', () => {
  it('withholds the later round when its audience is the earlier one plus one person (the issue’s Receptie and director)', () => {
    // Atoms: 0 the 7 of Receptie, asked in both rounds; 1 the director, asked only in the later round.
    const d = withPeople([7, 1], [group('org', 0, 1)], 5, { asked: [7, 1], before: [[0]] });
    expect(d.get('org')).toBe('earlier_round');
    // The same two rounds with the same people: shown.
    expect(withPeople([8], [group('org', 0)], 5, { asked: [8], before: [[0]] }).get('org')).toBe('shown');
    // Five more people than before: a difference of five is no single answer.
    expect(withPeople([7, 5], [group('org', 0, 1)], 5, { asked: [7, 5], before: [[0]] }).get('org')).toBe('shown');
  });

  it('catches a difference that runs through two groups (six joined the organisation, five of them one team)', () => {
    // Atoms: 0 the team before (10), 1 the rest before (20), 2 five who joined the team, 3 one who joined outside it.
    const asked = [10, 20, 5, 1];
    const d = withPeople(asked, [group('org', 0, 1, 2, 3), group('team', 0, 2)], 5, { asked, before: [[0, 1], [0]] });
    // org − team now and then differ by the one newcomer outside the team.
    expect(d.get('org')).toBe('shown');
    expect(d.get('team')).toBe('earlier_round');
  });

  it('withholds what would tell whether a few people answered, even when none of them did', () => {
    // Two teams of 6 and 7 who all answered, and 2 people in no team who did not: org − a − b = 0 tells that.
    const d = withPeople([6, 7, 0], [group('org', 0, 1, 2), group('a', 0), group('b', 1)], 5, {
      asked: [6, 7, 2],
      before: [],
    });
    expect([d.get('org'), d.get('a'), d.get('b')]).toEqual(['shown', 'shown', 'difference']);
    // Without the people model only those who answered count, and the 2 drop out.
    expect(decideGroups([6, 7, 0], [group('org', 0, 1, 2), group('a', 0), group('b', 1)], 5).get('b')).toBe('shown');
  });

  it('keeps a leak of older rounds from spreading: a group that adds nothing new beside it is withheld', () => {
    // Earlier rounds already show 7 and 7 + 1 (closed under an older rule): the 1 is known. This round
    // shows the 8 again: a new way to that one person's answer.
    const asked = [7, 1];
    expect(withPeople([7, 1], [group('org', 0, 1)], 5, { asked, before: [[0], [0, 1]] }).get('org')).toBe(
      'earlier_round',
    );
    // A group with five newcomers adds nothing that singles anyone out.
    const more = [7, 1, 5];
    expect(withPeople([7, 1, 5], [group('org', 0, 1, 2)], 5, { asked: more, before: [[0], [0, 1]] }).get('org')).toBe(
      'shown',
    );
  });

  it('never lets a random history of rounds single out a few people asked, or a few who answered', () => {
    const random = seeded(11);
    for (let round = 0; round < 300; round++) {
      const k = 3 + Math.floor(random() * 3);
      const atoms = 2 + Math.floor(random() * 6);
      const asked = Array.from({ length: atoms }, () => 1 + Math.floor(random() * 8));
      const counts = asked.map((a) => (random() < 0.2 ? 0 : Math.floor(random() * (a + 1))));
      const pick = () => Array.from({ length: atoms }, (_, i) => i).filter(() => random() < 0.5);
      const before = Array.from({ length: Math.floor(random() * 4) }, pick).filter((r) => r.length > 0);
      const groups = Array.from({ length: 2 + Math.floor(random() * 6) }, (_, g) => {
        const members = pick();
        return group(`g${g}`, ...(members.length ? members : [0]));
      });
      const d = withPeople(counts, groups, k, { asked, before });
      const shown = groups.filter((g) => d.get(g.key) === 'shown');
      const label = `round ${round}: ${JSON.stringify({ asked, counts, before, groups, k })}`;
      expect(revealed(counts, groups, new Set(shown.map((g) => g.key)), k), label).toEqual([]);
      const old = new Set(revealedPeople(asked, before, k).map((s) => s.join()));
      const now = revealedPeople(asked, [...before, ...shown.map((g) => [...g.atoms])], k).filter(
        (s) => !old.has(s.join()),
      );
      expect(now, label).toEqual([]);
    }
  });

  it('shows the organisation and its teams beside four earlier rounds in which people moved between every team (it used to give up and withhold them all)', () => {
    // 2,000 people in 20 teams, a manager in 50; between rounds 1 in 50 moves team, 1 in 100 leaves and a
    // third of those who left come back. Every change leaves a handful of people with a history of their
    // own; the check used to give up on so many and withhold every team of the fifth round.
    const random = seeded(7);
    const team = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const people = Array.from({ length: 2000 }, (_, i) => ({
      id: `m${i}`,
      level: (i % 50 === 0 ? 'middle' : 'staff') as Level,
      teams: [team(i % 20)],
      active: true,
    }));
    const place = (p: (typeof people)[number]): Placed => ({ level: p.level, teamIds: p.teams });
    const rounds: EarlierRound[] = [];
    let last = new Map<string, string>();
    for (let round = 0; round <= 4; round++) {
      if (round > 0) {
        for (const p of people) {
          if (random() < 0.02) p.teams = [team(Math.floor(random() * 20))];
          if (!p.active && random() < 1 / 3) p.active = true;
          else if (p.active && random() < 0.01) p.active = false;
        }
      }
      const audience = people.filter((p) => p.active);
      const history = historyOf(rounds);
      const atoms = new Atoms();
      const audienceAtoms = audience.map((p) => atoms.of(place(p), history(p.id)));
      const asked = countPerAtom(atoms.atoms.length, audienceAtoms);
      const candidates = atoms.candidates(asked);
      const model = peopleAcrossRounds(rounds, {
        atomCount: atoms.atoms.length,
        audienceIds: audience.map((p) => p.id),
        audienceAtoms,
      });
      last = decideGroups(asked, candidates, 5, decidePeople(candidates, 5, model.model('q')));
      const shown = new Set([...last].filter(([, d]) => d === 'shown').map(([key]) => key));
      rounds.push({
        id: `r${round}`,
        placed: new Map(audience.map((p) => [p.id, place(p)])),
        shown: new Map([['q', shown]]),
      });
    }
    expect(last.get('org')).toBe('shown');
    const teams = [...last].filter(([key]) => /^team:[^:]+$/.test(key));
    expect(teams.filter(([, d]) => d === 'shown')).toHaveLength(20);
  });
});
