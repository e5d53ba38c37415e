// The disclosure rule alone, in memory, on the shape of bench/questions.ts (20,000 people in 60 teams,
// a tenth in a second team; between rounds 1 in 100 moves team, 1 in 200 leaves, a third come back):
// how long the people model across rounds and the per-question decisions take, and what they withhold.
// Run: npx tsx bench/disclosure-sim.ts [members] [earlier rounds]
import { performance } from 'node:perf_hooks';
import type { Level } from '../src/contracts/questions.contract';
import { type Decision, decideGroups, decidePeople } from '../src/server/modules/questions/disclosure';
import { type EarlierRound, historyOf, peopleAcrossRounds } from '../src/server/modules/questions/earlier-rounds';
import { Atoms, countPerAtom, type Placed } from '../src/server/modules/questions/groups';

const MEMBERS = Number(process.argv[2] ?? 20_000);
const EARLIER = Number(process.argv[3] ?? 4);
const TEAMS = 60;
const K = 5;
const QUESTIONS = 30;

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const team = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

interface Person {
  id: string;
  level: Level;
  teams: string[];
  leads: string | null;
  active: boolean;
}
const people: Person[] = [];
for (let i = 0; i < MEMBERS; i++) {
  const g = i + 1;
  const level: Level = g % 2000 === 0 ? 'top' : g % 50 === 0 ? 'middle' : 'staff';
  const teams = [team(i % TEAMS)];
  if (i % 10 === 0 && (i * 7 + 3) % TEAMS !== i % TEAMS) teams.push(team((i * 7 + 3) % TEAMS));
  const leads = level === 'middle' && Math.floor(i / 50) < TEAMS ? teams[0]! : null;
  people.push({ id: `m${i}`, level, teams, leads, active: true });
}
const placeOf = (p: Person): Placed => ({
  level: p.leads ? 'middle' : p.level,
  teamIds: p.teams.filter((t) => t !== p.leads),
});

const rounds: EarlierRound[] = [];
for (let round = 0; round <= EARLIER; round++) {
  if (round > 0) {
    let moved = 0;
    let left = 0;
    let back = 0;
    for (const p of people) {
      p.teams = p.teams.map((t) => {
        if (t === p.leads || random() >= 0.01) return t;
        moved++;
        let to: string;
        do to = team(Math.floor(random() * TEAMS));
        while (to === t || p.teams.includes(to));
        return to;
      });
      if (!p.active && random() < 1 / 3) {
        p.active = true;
        back++;
      } else if (p.active && random() < 1 / 200) {
        p.active = false;
        left++;
      }
    }
    console.log(`between rounds: ${moved} moved team, ${left} left, ${back} came back`);
  }
  const audience = people.filter((p) => p.active);
  const t0 = performance.now();
  const history = historyOf(rounds);
  const atoms = new Atoms();
  const audienceAtoms = audience.map((p) => atoms.of(placeOf(p), history(p.id)));
  const n = atoms.atoms.length;
  const asked = countPerAtom(n, audienceAtoms);
  const candidates = atoms.candidates(asked);
  const model = peopleAcrossRounds(rounds, { atomCount: n, audienceIds: audience.map((p) => p.id), audienceAtoms });
  const t1 = performance.now();
  const peopleDecisions = decidePeople(candidates, K, model.model('q'));
  const t2 = performance.now();
  const tally = new Map<string, number>();
  const shown = new Set<string>();
  for (let q = 0; q < QUESTIONS; q++) {
    const counts = new Array<number>(n).fill(0);
    for (const a of audienceAtoms) if (random() < 0.9) counts[a]!++;
    const decisions: Map<string, Decision> = decideGroups(counts, candidates, K, peopleDecisions);
    for (const [key, d] of decisions) {
      const kind =
        key === 'org' ? 'org' : key.startsWith('level:') ? 'level' : key.includes(':level:') ? 'team×level' : 'team';
      tally.set(`${d} (${kind})`, (tally.get(`${d} (${kind})`) ?? 0) + 1);
      if (d === 'shown') shown.add(key);
    }
  }
  const t3 = performance.now();
  const smallAtoms = asked.filter((c) => c > 0 && c < K).length;
  console.log(
    `round ${round + 1} beside ${rounds.length} earlier: ${n} atoms (${smallAtoms} small, ${model.asked.length - n} of people asked only before); setup ${(t1 - t0).toFixed(0)} ms, people model ${(t2 - t1).toFixed(0)} ms, ${QUESTIONS} questions ${(t3 - t2).toFixed(0)} ms`,
  );
  console.log(
    `  ${[...tally]
      .sort()
      .map(([s, c]) => `${s} ${c}`)
      .join(', ')}`,
  );
  rounds.push({
    id: `r${round}`,
    placed: new Map(audience.map((p) => [p.id, placeOf(p)])),
    shown: new Map([['q', shown]]),
  });
}
