// Which groups' results may be shown without revealing a smaller group (module 5, seed 002).
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
// reveals no set of 1..k-1 respondents. The test is exact (integer elimination); where the search
// would be too large or the numbers too big, the group is withheld (we err on the side of the people).
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

export type Decision = 'shown' | 'too_few' | 'difference' | 'earlier_round';

export interface CandidateGroup {
  key: string;
  /** Indices into the atom counts. */
  atoms: readonly number[];
}

/** How many subsets of small rows one test may try before it gives up (and withholds). */
const MAX_SUBSETS = 100_000;
const MAX_MAGNITUDE = 2 ** 40;

class TooHard extends Error {}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Divides a row by the gcd of its entries (and makes its leading entry positive). */
function normalise(row: number[]): number[] {
  let g = 0;
  let lead = 0;
  for (const x of row) {
    if (x === 0) continue;
    if (Math.abs(x) > MAX_MAGNITUDE) throw new TooHard();
    if (lead === 0) lead = x;
    g = gcd(g, x);
  }
  if (g === 0) return row;
  const sign = lead < 0 ? -1 : 1;
  return row.map((x) => (x === 0 ? 0 : (sign * x) / g));
}

const pivotOf = (row: number[]) => row.findIndex((x) => x !== 0);

type Row = { pivot: number; row: number[] };

/** The vector less what rows in echelon form (sorted by pivot) hold. */
function reduceBy(rows: readonly Row[], vector: number[]): number[] {
  let row = vector;
  for (const { pivot, row: by } of rows) row = eliminate(row, by, pivot);
  return row;
}

/** row := row·a[p] − r[p]·a, which makes row zero at p (integers throughout). */
function eliminate(row: number[], by: number[], p: number): number[] {
  const f = row[p]!;
  if (f === 0) return row;
  const d = by[p]!;
  return normalise(row.map((x, i) => x * d - f * by[i]!));
}

/**
 * The span of shown groups in row echelon form, over the atoms in an order where every atom with at
 * least k respondents comes before the small ones (atoms nobody is in are left out: they hold nothing).
 */
class Span {
  rows: Row[] = [];
  constructor(
    readonly sizes: readonly number[],
    readonly firstSmall: number,
    readonly k: number,
  ) {}

  /** What is new in the vector after removing what the span already holds (all zero: nothing new). */
  reduce(vector: number[]): number[] {
    return reduceBy(this.rows, vector);
  }

  add(row: number[]) {
    const pivot = pivotOf(row);
    const at = this.rows.findIndex((r) => r.pivot > pivot);
    this.rows.splice(at < 0 ? this.rows.length : at, 0, { pivot, row });
  }

  /** Whether the row (reduced against this span) has a small pivot: only such a row can single out a small set. */
  isSmallPivot(row: number[]) {
    return pivotOf(row) >= this.firstSmall;
  }

  /**
   * Whether the span holds the indicator of a set of 1..k-1 respondents. Such a set has only small
   * atoms, so it lies in the part of the span that is zero on every large atom: the rows whose pivot is
   * a small atom. Reduced fully, a 0/1 vector there is a plain sum of some of those rows (each scaled to
   * 1 at its pivot); every row taken adds its pivot's respondents, which bounds the search. Rows that
   * share no atom fall apart into separate pieces, and a small set in the whole is one in a piece, so
   * each piece is searched on its own; within a piece an atom's value is checked as soon as every row
   * that touches it has been decided. `isOld`: sets to pass over (already known before).
   */
  revealsSmallSet(isOld?: (indicator: number[]) => boolean): boolean {
    const small = this.rows.filter((r) => r.pivot >= this.firstSmall).map(({ pivot, row }) => ({ pivot, row: sparse(row, pivot) }));
    if (small.length === 0) return false;
    // Full reduction: each pivot's column is zero in every other row.
    for (const { pivot, row } of small) {
      for (const other of small) if (other.row !== row && other.row.has(pivot)) other.row = eliminateSparse(other.row, row, pivot);
    }
    // Pieces: rows joined by a shared atom (union-find over atoms).
    const parent = new Map<number, number>();
    const find = (c: number): number => {
      let r = c;
      while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
      parent.set(c, r);
      return r;
    };
    for (const { row } of small) {
      const [first, ...rest] = [...row.keys()];
      if (!parent.has(first!)) parent.set(first!, first!);
      for (const c of rest) {
        if (!parent.has(c)) parent.set(c, c);
        parent.set(find(c), find(first!));
      }
    }
    const pieces = new Map<number, { pivot: number; row: Map<number, number> }[]>();
    for (const r of small) {
      const key = find(r.pivot);
      (pieces.get(key) ?? pieces.set(key, []).get(key)!).push(r);
    }
    let tried = 0;
    for (const piece of pieces.values()) {
      const scaled = piece.map(({ pivot, row }) => ({ pivot, row: [...row].map(([c, x]) => [c, x / row.get(pivot)!] as const) }));
      // The last row that touches each atom: after deciding it, the atom's value is final.
      const lastTouch = new Map<number, number>();
      scaled.forEach(({ row }, i) => row.forEach(([c]) => lastTouch.set(c, i)));
      const settles = scaled.map(() => [] as number[]);
      lastTouch.forEach((i, c) => settles[i]!.push(c));
      const sum = new Map<number, number>();
      const indicator = () => {
        const v = new Array<number>(this.sizes.length).fill(0);
        sum.forEach((x, c) => {
          if (Math.abs(x) > 1e-9) v[c] = 1;
        });
        return v;
      };
      // Every atom is settled at 0 or 1 by then; the set is those at 1.
      const peopleAtOne = () => {
        let n = 0;
        sum.forEach((x, c) => {
          if (Math.abs(x) > 1e-9) n += this.sizes[c]!;
        });
        return n;
      };
      const search = (i: number, size: number, taken: number): boolean => {
        if (i === scaled.length) return taken > 0 && peopleAtOne() < this.k && !isOld?.(indicator());
        if (++tried > MAX_SUBSETS) throw new TooHard();
        const { pivot, row } = scaled[i]!;
        const ok = () => settles[i]!.every((c) => {
          const x = sum.get(c) ?? 0;
          return Math.abs(x) < 1e-9 || Math.abs(x - 1) < 1e-9;
        });
        // Without row i.
        if (ok() && search(i + 1, size, taken)) return true;
        // With row i: its pivot's people count.
        const grown = size + this.sizes[pivot]!;
        if (grown >= this.k) return false;
        for (const [c, x] of row) sum.set(c, (sum.get(c) ?? 0) + x);
        // Each pivot taken is at 1 in the end: their people bound the set from below.
        const found = ok() && search(i + 1, grown, taken + 1);
        for (const [c, x] of row) sum.set(c, (sum.get(c) ?? 0) - x);
        return found;
      };
      if (search(0, 0, 0)) return true;
    }
    return false;
  }
}

/** The non-zero entries of a row from its pivot on. */
function sparse(row: number[], pivot: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let c = pivot; c < row.length; c++) if (row[c] !== 0) m.set(c, row[c]!);
  return m;
}

/** row := row·by[p] − row[p]·by, made zero at p, divided by the gcd of its entries (sparse, integers). */
function eliminateSparse(row: Map<number, number>, by: Map<number, number>, p: number): Map<number, number> {
  const f = row.get(p)!;
  const d = by.get(p)!;
  const out = new Map<number, number>();
  for (const [c, x] of row) out.set(c, x * d);
  for (const [c, x] of by) out.set(c, (out.get(c) ?? 0) - f * x);
  let g = 0;
  let lead = 0;
  for (const [c, x] of out) {
    if (x === 0) {
      out.delete(c);
      continue;
    }
    if (Math.abs(x) > MAX_MAGNITUDE) throw new TooHard();
    if (lead === 0) lead = x;
    g = gcd(g, x);
  }
  if (g > 1) for (const [c, x] of out) out.set(c, x / g);
  return out;
}

/** A vector of 0s and 1s (within rounding) over atoms holding 1..k-1 respondents in all. */
function isSmallIndicator(v: number[], sizes: readonly number[], k: number): boolean {
  let size = 0;
  for (let c = 0; c < v.length; c++) {
    const x = v[c]!;
    if (Math.abs(x) < 1e-9) continue;
    if (Math.abs(x - 1) > 1e-9) return false;
    size += sizes[c]!;
  }
  return size > 0 && size < k;
}

/** Where people were, atom by atom, for the people model (see the header). */
export interface PeopleModel {
  /** People asked per atom (the atoms of `counts`; they may be finer than the groups need). */
  asked: readonly number[];
  /** Figures of earlier closed rounds that can be set beside these: each the atoms of everyone asked in it. */
  before: readonly (readonly number[])[];
}

/** A span over atoms of the given sizes: large atoms first, then small ones; empty atoms are left out. */
function spanOver(sizes: readonly number[], k: number) {
  const large = sizes.flatMap((c, i) => (c >= k ? [i] : []));
  const small = sizes.flatMap((c, i) => (c > 0 && c < k ? [i] : []));
  const columnOf = new Map<number, number>();
  [...large, ...small].forEach((atom, column) => columnOf.set(atom, column));
  const span = new Span(
    [...large, ...small].map((atom) => sizes[atom]!),
    large.length,
    k,
  );
  const vectorOf = (atoms: readonly number[]) => {
    const vector = new Array<number>(span.sizes.length).fill(0);
    for (const atom of atoms) {
      const column = columnOf.get(atom);
      if (column !== undefined) vector[column] = 1;
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
  const before = span.rows.slice();
  let rest: number[];
  try {
    rest = span.reduce(vectorOf(atoms));
  } catch (err) {
    if (!(err instanceof TooHard)) throw err;
    return { reveals: true, undo: () => {} };
  }
  // All zero: already known from what is shown, so showing it adds nothing (unless that singles someone out).
  if (rest.every((x) => x === 0)) return { reveals: leaky, undo: () => {} };
  span.add(rest);
  const undo = () => (span.rows = span.rows.filter((r) => r.row !== rest));
  // A new row with a large pivot leaves the part of the span that is zero on large atoms as it was.
  if (!span.isSmallPivot(rest)) return { reveals: false, undo };
  const isOld = leaky ? (v: number[]) => reduceBy(before, v).every((x) => x === 0) : undefined;
  return { reveals: safely(() => span.revealsSmallSet(isOld)), undo };
}

/** Runs the checks in order on a group; a group some check withholds is taken out of every span again. */
function decideEach(groups: readonly CandidateGroup[], checks: [AtomSpan | undefined, boolean, Decision][], before: (group: CandidateGroup) => Decision) {
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
  const asked = spanOver(people.asked, k);
  const rounds = people.before.length > 0 ? spanOver(people.asked, k) : undefined;
  let leaky = false;
  // The earlier figures too hard to load: every group of this round is withheld beside them.
  let tooHard = false;
  if (rounds) {
    tooHard = safely(() => {
      for (const atoms of people.before) {
        const rest = rounds.span.reduce(rounds.vectorOf(atoms));
        if (rest.some((x) => x !== 0)) rounds.span.add(rest);
      }
      return false;
    });
    leaky = !tooHard && safely(() => rounds.span.revealsSmallSet());
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
export function decideGroups(counts: readonly number[], groups: readonly CandidateGroup[], k: number, people?: ReadonlyMap<string, Decision>): Map<string, Decision> {
  const respondents = (group: CandidateGroup) => group.atoms.reduce((n, atom) => n + (counts[atom] ?? 0), 0);
  return decideEach(groups, [[spanOver(counts, k), false, 'difference']], (group) =>
    respondents(group) < k ? 'too_few' : people && people.get(group.key) !== 'shown' ? (people.get(group.key) ?? 'too_few') : 'shown',
  );
}
