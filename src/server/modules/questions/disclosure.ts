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

  /**
   * Whether the span holds the indicator of a set of 1..k-1 respondents. Such a set has only small
   * atoms, so it lies in the part of the span that is zero on every large atom: the rows whose pivot is
   * a small atom. Reduced fully, a 0/1 vector there is a plain sum of some of those rows (each scaled to
   * 1 at its pivot); every row taken adds its pivot's respondents, which bounds the search.
   */
  revealsSmallSet(isOld?: (indicator: number[]) => boolean): boolean {
    let small = this.rows.filter((r) => r.pivot >= this.firstSmall).map((r) => ({ ...r, row: [...r.row] }));
    if (small.length === 0) return false;
    for (let i = 0; i < small.length; i++) {
      const { pivot, row } = small[i]!;
      for (let j = 0; j < small.length; j++) if (j !== i) small[j]!.row = eliminate(small[j]!.row, row, pivot);
    }
    const scaled = small.map(({ pivot, row }) => ({ pivot, row: row.map((x) => x / row[pivot]!) }));
    const n = this.sizes.length;
    let tried = 0;
    const sum = new Array<number>(n).fill(0);
    const search = (from: number, pivotSize: number): boolean => {
      for (let i = from; i < scaled.length; i++) {
        const { pivot, row } = scaled[i]!;
        const size = pivotSize + this.sizes[pivot]!;
        if (size >= this.k) continue;
        if (++tried > MAX_SUBSETS) throw new TooHard();
        for (let c = 0; c < n; c++) sum[c]! += row[c]!;
        if ((isSmallIndicator(sum, this.sizes, this.k) && !isOld?.(sum.map((x) => (Math.abs(x) < 1e-9 ? 0 : 1)))) || search(i + 1, size)) return true;
        for (let c = 0; c < n; c++) sum[c]! -= row[c]!;
      }
      return false;
    };
    return search(0, 0);
  }
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
  const isOld = leaky ? (v: number[]) => reduceBy(before, v).every((x) => x === 0) : undefined;
  return { reveals: safely(() => span.revealsSmallSet(isOld)), undo: () => (span.rows = span.rows.filter((r) => r.row !== rest)) };
}

/**
 * Decides, in the order given, which groups are shown. `counts[i]` is the number of respondents in atom
 * i (for a question: those who answered it). With `people`, the rule also holds over the people asked
 * and beside the earlier rounds' figures (see the header).
 */
export function decideGroups(counts: readonly number[], groups: readonly CandidateGroup[], k: number, people?: PeopleModel): Map<string, Decision> {
  const answers = spanOver(counts, k);
  const asked = people ? spanOver(people.asked, k) : undefined;
  const rounds = people && people.before.length > 0 ? spanOver(people.asked, k) : undefined;
  let leaky = false;
  // The earlier figures too hard to load: every group of this round is withheld beside them.
  let tooHard = false;
  if (rounds) {
    tooHard = safely(() => {
      for (const atoms of people!.before) {
        const rest = rounds.span.reduce(rounds.vectorOf(atoms));
        if (rest.some((x) => x !== 0)) rounds.span.add(rest);
      }
      return false;
    });
    leaky = !tooHard && safely(() => rounds.span.revealsSmallSet());
  }
  const checks: [AtomSpan | undefined, boolean, Decision][] = [
    [answers, false, 'difference'],
    [asked, false, 'difference'],
    [tooHard ? undefined : rounds, leaky, 'earlier_round'],
  ];

  const decisions = new Map<string, Decision>();
  for (const group of groups) {
    const respondents = group.atoms.reduce((n, atom) => n + (counts[atom] ?? 0), 0);
    if (respondents < k) {
      decisions.set(group.key, 'too_few');
      continue;
    }
    let decision: Decision = 'shown';
    const added: (() => void)[] = [];
    for (const [span, leakyBefore, withheld] of checks) {
      if (!span) continue;
      const tried = tryAdd(span, group.atoms, leakyBefore);
      added.push(tried.undo);
      if (tried.reveals) {
        decision = withheld;
        break;
      }
    }
    if (decision === 'shown' && tooHard) decision = 'earlier_round';
    if (decision !== 'shown') for (const undo of added) undo();
    decisions.set(group.key, decision);
  }
  return decisions;
}
