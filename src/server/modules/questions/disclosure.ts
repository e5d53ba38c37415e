// Which groups' results may be shown without revealing a smaller group.
//
// Respondents fall into atoms: people with the same level and the same set of teams are alike to
// every group we show. A group (organisation, a level, a team, a team × level) is a union of atoms. What
// a reader learns from shown groups is every linear combination of their totals: the difference of a
// team and the same team without one level, the organisation minus all teams, or any longer sum. A set
// of respondents is revealed when its indicator lies in the span of the shown groups' indicators; we
// allow that only for sets of at least k respondents.
//
// The groups are tried in order (the organisation first, then the levels, the teams, team × level); a
// group is shown when it has at least k respondents and showing it, beside the groups already shown,
// reveals no set of 1..k-1 respondents. The test is exact (integer elimination in BigInt, however large
// the numbers grow) and searches only what a small set can be made of: people alike to every group
// tried are one column, a set of fewer than k people is a sum of at most k-1 rows, and after a group
// is added only sums through the rows it changed are new (Span.revealsSmallSet). Only a search beyond
// MAX_STEPS, which the benches never reach, gives up and withholds (we err on the side of the people).
//
// The same rule is kept in two more ways (the people model, `PeopleModel`):
// - Over the people asked, not only those who answered: every shown group also shows how many answered
//   in it, so a combination of groups that singles out fewer than k people asked would tell whether they
//   answered (all, some or none of them). Atoms nobody answered in count here too.
// - Across rounds: a figure of this round can be set beside every figure of an earlier closed round with
//   the same question (the trend does it, and so can anyone with two screens or two CSV files). A
//   difference between rounds is a difference between the people in them: someone who joined or left a
//   team, left the organisation, or was asked in one round and not the other. The atoms then split people
//   by where they were in every earlier round too, the earlier shown figures are loaded into the span
//   first, and a group of this round is withheld ('earlier_round') when, beside them, it singles out a set
//   of 1..k-1 people. Earlier rounds are taken as everyone asked in each group: who answered an earlier
//   round was never kept, so it cannot be checked, and the app shows it to no one (see campaigns.service).
//
// One file on purpose (over 400 lines): the span, the people model and the order of the groups are one
// rule, proven together (disclosure.test.ts); split, no part could be read or checked on its own.

export type Decision = 'shown' | 'too_few' | 'difference' | 'earlier_round';

export interface CandidateGroup {
  key: string;
  /** Indices into the atom counts. */
  atoms: readonly number[];
}

/**
 * How many steps one search may take before it gives up (and withholds): a guard against a structure
 * nobody has seen, never reached on the benches (bench/disclosure-sim.ts, bench/questions.ts).
 */
const MAX_STEPS = 2_000_000;

class TooHard extends Error {}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A sparse row of integers (column → non-zero entry); exact however large the entries grow. */
type Entries = Map<number, bigint>;

/** Divides the entries by their gcd (in place). */
function normalise(row: Entries): Entries {
  let g = 0n;
  for (const x of row.values()) {
    g = gcd(g, x);
    if (g === 1n) return row;
  }
  if (g > 1n) for (const [c, x] of row) row.set(c, x / g);
  return row;
}

/** row·by[p] − row[p]·by: zero at p (a new row, divided by the gcd of its entries). */
function eliminate(row: Entries, by: Entries, p: number): Entries {
  const f = row.get(p)!;
  const d = by.get(p)!;
  const out: Entries = new Map();
  for (const [c, x] of row) out.set(c, x * d);
  for (const [c, x] of by) {
    const y = (out.get(c) ?? 0n) - f * x;
    if (y === 0n) out.delete(c);
    else out.set(c, y);
  }
  return normalise(out);
}

/** An exact fraction in lowest terms, its denominator positive. */
type Fraction = readonly [bigint, bigint];
const add = ([a, b]: Fraction, [c, d]: Fraction): Fraction => {
  const n = a * d + c * b;
  const m = b * d;
  const g = gcd(n, m) || 1n;
  return [n / g, m / g];
};
const isZero = (x: Fraction | undefined) => !x || x[0] === 0n;
const isOne = (x: Fraction) => x[0] === x[1];

interface Row {
  pivot: number;
  entries: Entries;
  /** The entries other than the pivot, divided by the pivot's (made when first needed). */
  scaled?: [number, Fraction][];
}

/**
 * The span of shown groups in reduced row echelon form, over columns in an order where every column
 * with at least k people comes before the small ones. Sparse and exact (BigInt); a column index says
 * which rows touch a column, so adding a row touches only the rows it changes, and a change can be
 * undone (a group some check withholds leaves every span as it was).
 */
class Span {
  private rows = new Set<Row>();
  private pivots = new Map<number, Row>();
  private touching = new Map<number, Set<Row>>();
  /** The same, for the rows of the small part only (those the search takes). */
  private touchingSmall = new Map<number, Set<Row>>();
  constructor(
    readonly sizes: readonly number[],
    readonly firstSmall: number,
    readonly k: number,
  ) {}

  /** What of the vector the span does not hold (empty: nothing new): zero at every pivot. */
  reduce(vector: Entries): Entries {
    let row = vector;
    for (const c of [...row.keys()].sort((a, b) => a - b)) {
      const by = this.pivots.get(c);
      if (by && row.has(c)) row = eliminate(row, by.entries, c);
    }
    return row;
  }

  private link(row: Row) {
    const small = row.pivot >= this.firstSmall;
    for (const c of row.entries.keys()) {
      (this.touching.get(c) ?? this.touching.set(c, new Set()).get(c)!).add(row);
      if (small) (this.touchingSmall.get(c) ?? this.touchingSmall.set(c, new Set()).get(c)!).add(row);
    }
  }

  private unlink(row: Row) {
    for (const c of row.entries.keys()) {
      this.touching.get(c)?.delete(row);
      this.touchingSmall.get(c)?.delete(row);
    }
  }

  private replace(row: Row, entries: Entries) {
    this.unlink(row);
    row.entries = entries;
    row.scaled = undefined;
    this.link(row);
  }

  /**
   * Adds a reduced, non-empty row and clears its pivot from every other row. Returns the rows of the
   * small part (pivot on a small column) that changed, the new one first, and a way to undo it all.
   */
  add(rest: Entries): { row: Row; changed: Row[]; undo: () => void; before: readonly [Row, Entries][] } {
    const pivot = Math.min(...rest.keys());
    const row: Row = { pivot, entries: rest };
    const before: [Row, Entries][] = [];
    for (const other of [...(this.touching.get(pivot) ?? [])]) {
      before.push([other, other.entries]);
      this.replace(other, eliminate(other.entries, rest, pivot));
    }
    this.rows.add(row);
    this.pivots.set(pivot, row);
    this.link(row);
    const undo = () => {
      this.unlink(row);
      this.rows.delete(row);
      this.pivots.delete(pivot);
      for (const [other, entries] of before) this.replace(other, entries);
    };
    const changed = [row, ...before.map(([r]) => r).filter((r) => r.pivot >= this.firstSmall)];
    return { row, changed, undo, before };
  }

  isSmallPivot(row: Row) {
    return row.pivot >= this.firstSmall;
  }

  /** Every row of the small part (pivot on a small column). */
  smallRows(): Row[] {
    return [...this.rows].filter((r) => r.pivot >= this.firstSmall);
  }

  /**
   * Whether the span holds the indicator of a set of 1..k-1 people that contains one of the `seeds`'
   * pivots or is changed by them. Such a set has only small columns, so it lies in the part of the
   * span that is zero on every large column: the rows whose pivot is a small column. In reduced form a
   * 0/1 vector there is a plain sum of some of those rows, each scaled to 1 at its pivot (the rows at 1
   * are those whose pivot it holds), so every row taken adds its pivot's people: at most k-1 rows. A set
   * that falls apart into pieces sharing no column has a smaller set in one piece, so the search grows
   * one connected set of rows from a seed: while a column is neither 0 nor 1, by a row that touches it;
   * once every column is 0 or 1 but the set holds k or more people, by a row that touches a column at 1
   * (the only way to make it smaller); once it is small but old (`isOld`), by any row next to it. Seeds
   * are tried in turn, each search leaving out the seeds before it. A new row can only make a new set
   * with the rows it changed (the others' sums were there before), so those are the seeds after an add.
   */
  revealsSmallSet(seeds: readonly Row[], isOld?: (indicator: Entries) => boolean): boolean {
    const k = this.k;
    const sizes = this.sizes;
    const scaledOf = (r: Row) =>
      (r.scaled ??= [...r.entries].flatMap(([c, x]): [number, Fraction][] => {
        if (c === r.pivot) return [];
        const d = r.entries.get(r.pivot)!;
        const g = gcd(x, d);
        return [[c, d < 0n ? [-x / g, -d / g] : [x / g, d / g]]];
      }));
    const chosen = new Set<Row>();
    const excluded = new Set<Row>();
    const sum = new Map<number, Fraction>();
    // Columns neither 0 nor 1, and the people in the columns at 1 (besides the pivots taken).
    const invalid = new Set<number>();
    let atOne = 0;
    let steps = 0;
    const indicator = (): Entries => {
      const v: Entries = new Map();
      for (const r of chosen) v.set(r.pivot, 1n);
      for (const [c, x] of sum) if (!isZero(x)) v.set(c, 1n);
      return v;
    };
    const take = (r: Row, sign: 1n | -1n) => {
      for (const [c, [n, m]] of scaledOf(r)) {
        const was = sum.get(c);
        if (was && isOne(was)) atOne -= sizes[c]!;
        const x = add(was ?? [0n, 1n], [sign * n, m]);
        if (x[0] === 0n) {
          sum.delete(c);
          invalid.delete(c);
        } else {
          sum.set(c, x);
          if (isOne(x)) {
            atOne += sizes[c]!;
            invalid.delete(c);
          } else invalid.add(c);
        }
      }
    };
    // The rows still free to take at a column that fit the people left.
    const free = (c: number, people: number) => {
      const out: Row[] = [];
      for (const r of this.touchingSmall.get(c) ?? []) {
        if (!chosen.has(r) && !excluded.has(r) && people + sizes[r.pivot]! < k) out.push(r);
      }
      return out;
    };
    const search = (people: number): boolean => {
      if (++steps > MAX_STEPS) throw new TooHard();
      let next: Row[] | undefined;
      if (invalid.size > 0) {
        // A column neither 0 nor 1 must be made so by a row that touches it: the column with the fewest such rows.
        for (const c of invalid) {
          const rows = free(c, people);
          if (rows.length === 0) return false;
          if (!next || rows.length < next.length) next = rows;
        }
      } else if (people + atOne < k) {
        if (!isOld?.(indicator())) return true;
        next = [...new Set([...chosen].flatMap((r) => [...r.entries.keys()].flatMap((c) => free(c, people))))];
      } else {
        // Too many people: only a row that takes a column at 1 back to 0 can help.
        next = [...new Set([...sum.keys()].flatMap((c) => free(c, people)))];
      }
      const tried: Row[] = [];
      let found = false;
      for (const r of next!) {
        const grown = people + sizes[r.pivot]!;
        chosen.add(r);
        take(r, 1n);
        found = search(grown);
        take(r, -1n);
        chosen.delete(r);
        if (found) break;
        excluded.add(r);
        tried.push(r);
      }
      for (const r of tried) excluded.delete(r);
      return found;
    };
    const tried: Row[] = [];
    try {
      for (const seed of seeds) {
        if (seed.pivot < this.firstSmall || excluded.has(seed) || sizes[seed.pivot]! >= k) continue;
        chosen.add(seed);
        take(seed, 1n);
        const found = search(sizes[seed.pivot]!);
        take(seed, -1n);
        chosen.delete(seed);
        if (found) return true;
        excluded.add(seed);
        tried.push(seed);
      }
      return false;
    } finally {
      for (const r of tried) excluded.delete(r);
    }
  }
}

/** Where people were, atom by atom, for the people model (see the header). */
export interface PeopleModel {
  /** People asked per atom (the atoms of `counts`; they may be finer than the groups need). */
  asked: readonly number[];
  /** Figures of earlier closed rounds that can be set beside these: each the atoms of everyone asked in it. */
  before: readonly (readonly number[])[];
}

/**
 * A span over atoms of the given sizes, for the given groups (every vector it will be asked about):
 * atoms that are in exactly the same groups are one column (no sum of those groups can tell them
 * apart, so a set holds all of them or none), large columns first, then small ones; empty atoms are
 * left out. Merging is what keeps the check small across rounds: people split by their places in
 * every earlier round are mostly alike to every figure that is really shown.
 */
function spanOver(sizes: readonly number[], k: number, groups: readonly (readonly number[])[]) {
  const signature = sizes.map(() => [] as number[]);
  groups.forEach((atoms, g) => {
    for (const atom of new Set(atoms)) signature[atom]?.push(g);
  });
  const classOf = new Map<string, number>();
  const classSize: number[] = [];
  const atomClass = sizes.map((size, atom) => {
    if (size <= 0) return -1;
    const key = signature[atom]!.join(',');
    let c = classOf.get(key);
    if (c === undefined) {
      c = classSize.length;
      classOf.set(key, c);
      classSize.push(0);
    }
    classSize[c]! += size;
    return c;
  });
  const large = classSize.flatMap((c, i) => (c >= k ? [i] : []));
  const small = classSize.flatMap((c, i) => (c < k ? [i] : []));
  const columnOfClass = new Map<number, number>();
  for (const [column, c] of [...large, ...small].entries()) columnOfClass.set(c, column);
  const span = new Span(
    [...large, ...small].map((c) => classSize[c]!),
    large.length,
    k,
  );
  const vectorOf = (atoms: readonly number[]): Entries => {
    const vector: Entries = new Map();
    for (const atom of atoms) {
      const c = atomClass[atom];
      if (c !== undefined && c >= 0) vector.set(columnOfClass.get(c)!, 1n);
    }
    return vector;
  };
  return { span, vectorOf };
}
type AtomSpan = ReturnType<typeof spanOver>;

/** Whether the span singles out a small set (too hard to tell: taken as yes). */
function safely(test: () => boolean): boolean {
  try {
    return test();
  } catch (err) {
    if (!(err instanceof TooHard)) throw err;
    return true;
  }
}

/**
 * Adds a group to a span and tells whether the span now singles out a small set it did not before.
 * `leaky`: the span already singled one out before this round (rounds closed under an older rule); then a
 * group it already holds is a new way to that set, and only sets the group newly adds are counted.
 */
function tryAdd({ span, vectorOf }: AtomSpan, atoms: readonly number[], leaky: boolean) {
  const rest = span.reduce(vectorOf(atoms));
  // All zero: already known from what is shown, so showing it adds nothing (unless that singles someone out).
  if (rest.size === 0) return { reveals: leaky, undo: () => {} };
  const { row, changed, undo, before } = span.add(rest);
  // A new row with a large pivot leaves the part of the span that is zero on large columns as it was.
  if (!span.isSmallPivot(row)) return { reveals: false, undo };
  // In the span before, a vector's value at the new pivot follows from its values at the other pivots
  // (through the rows the new one changed, as they were); a vector where it does not is new.
  const isOld = leaky
    ? (v: Entries) => {
        let expected: Fraction = [0n, 1n];
        for (const [other, entries] of before) {
          if (!v.has(other.pivot)) continue;
          const d = entries.get(other.pivot)!;
          expected = add(expected, d < 0n ? [-entries.get(row.pivot)!, -d] : [entries.get(row.pivot)!, d]);
        }
        const at = v.has(row.pivot) ? 1n : 0n;
        return expected[0] === at * expected[1];
      }
    : undefined;
  return { reveals: safely(() => span.revealsSmallSet(changed, isOld)), undo };
}

/** Runs the checks in order on a group; a group some check withholds is taken out of every span again. */
function decideEach(
  groups: readonly CandidateGroup[],
  checks: [AtomSpan | undefined, boolean, Decision][],
  before: (group: CandidateGroup) => Decision,
) {
  const decisions = new Map<string, Decision>();
  for (const group of groups) {
    let decision = before(group);
    const added: (() => void)[] = [];
    for (const [span, leakyBefore, withheld] of checks) {
      if (!span || decision !== 'shown') continue;
      const tried = tryAdd(span, group.atoms, leakyBefore);
      added.push(tried.undo);
      if (tried.reveals) decision = withheld;
    }
    if (decision !== 'shown') for (const undo of added) undo();
    decisions.set(group.key, decision);
  }
  return decisions;
}

/**
 * The people model's decisions (see the header), the same for every question with the same earlier
 * figures: a group of fewer than k people asked is never shown; any other is withheld when it singles
 * out a few people asked, within the round ('difference') or beside the earlier figures
 * ('earlier_round'). Each group is taken as shown when it passes here, also where too few answer a
 * question for it to be shown: the spans then hold more than is shown, which errs on the side of the
 * people (a set that adding and subtracting more groups cannot single out, fewer cannot either).
 */
export function decidePeople(groups: readonly CandidateGroup[], k: number, people: PeopleModel): Map<string, Decision> {
  const candidates = groups.map((g) => g.atoms);
  const asked = spanOver(people.asked, k, candidates);
  const rounds = people.before.length > 0 ? spanOver(people.asked, k, [...people.before, ...candidates]) : undefined;
  let leaky = false;
  // The earlier figures too hard to tell: every group of this round is withheld beside them.
  let tooHard = false;
  if (rounds) {
    for (const atoms of people.before) {
      const rest = rounds.span.reduce(rounds.vectorOf(atoms));
      if (rest.size > 0) rounds.span.add(rest);
    }
    try {
      leaky = rounds.span.revealsSmallSet(rounds.span.smallRows());
    } catch (err) {
      if (!(err instanceof TooHard)) throw err;
      tooHard = true;
    }
  }
  const size = (group: CandidateGroup) => group.atoms.reduce((n, atom) => n + (people.asked[atom] ?? 0), 0);
  return decideEach(
    groups,
    [
      [asked, false, 'difference'],
      [tooHard ? undefined : rounds, leaky, 'earlier_round'],
    ],
    (group) => (size(group) < k ? 'too_few' : tooHard && rounds ? 'earlier_round' : 'shown'),
  );
}

/**
 * Decides, in the order given, which groups are shown. `counts[i]` is the number of respondents in atom
 * i (for a question: those who answered it). With `people` (decidePeople's decisions), a group is also
 * withheld where the people model withholds it.
 */
export function decideGroups(
  counts: readonly number[],
  groups: readonly CandidateGroup[],
  k: number,
  people?: ReadonlyMap<string, Decision>,
): Map<string, Decision> {
  const respondents = (group: CandidateGroup) => group.atoms.reduce((n, atom) => n + (counts[atom] ?? 0), 0);
  return decideEach(
    groups,
    [
      [
        spanOver(
          counts,
          k,
          groups.map((g) => g.atoms),
        ),
        false,
        'difference',
      ],
    ],
    (group) =>
      respondents(group) < k
        ? 'too_few'
        : people && people.get(group.key) !== 'shown'
          ? (people.get(group.key) ?? 'too_few')
          : 'shown',
  );
}
