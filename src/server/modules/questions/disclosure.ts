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

export type Decision = 'shown' | 'too_few' | 'difference';

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
  rows: { pivot: number; row: number[] }[] = [];
  constructor(
    readonly sizes: readonly number[],
    readonly firstSmall: number,
    readonly k: number,
  ) {}

  /** What is new in the vector after removing what the span already holds (all zero: nothing new). */
  reduce(vector: number[]): number[] {
    let row = vector;
    for (const { pivot, row: by } of this.rows) row = eliminate(row, by, pivot);
    return row;
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
  revealsSmallSet(): boolean {
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
        if (isSmallIndicator(sum, this.sizes, this.k) || search(i + 1, size)) return true;
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

/**
 * Decides, in the order given, which groups are shown. `counts[i]` is the number of respondents in atom
 * i (for a question: those who answered it).
 */
export function decideGroups(counts: readonly number[], groups: readonly CandidateGroup[], k: number): Map<string, Decision> {
  // Columns: large atoms first, then small ones; empty atoms are left out.
  const large = counts.flatMap((c, i) => (c >= k ? [i] : []));
  const small = counts.flatMap((c, i) => (c > 0 && c < k ? [i] : []));
  const columnOf = new Map<number, number>();
  [...large, ...small].forEach((atom, column) => columnOf.set(atom, column));
  const sizes = [...large, ...small].map((atom) => counts[atom]!);
  const span = new Span(sizes, large.length, k);

  const decisions = new Map<string, Decision>();
  for (const group of groups) {
    const respondents = group.atoms.reduce((n, atom) => n + (counts[atom] ?? 0), 0);
    if (respondents < k) {
      decisions.set(group.key, 'too_few');
      continue;
    }
    const vector = new Array<number>(sizes.length).fill(0);
    for (const atom of group.atoms) {
      const column = columnOf.get(atom);
      if (column !== undefined) vector[column] = 1;
    }
    let added: number[] | undefined;
    let reveals: boolean;
    try {
      const rest = span.reduce(vector);
      // All zero: already known from the groups shown, so showing it adds nothing.
      if (rest.some((x) => x !== 0)) {
        added = rest;
        span.add(rest);
      }
      reveals = added !== undefined && span.revealsSmallSet();
    } catch (err) {
      if (!(err instanceof TooHard)) throw err;
      reveals = true;
    }
    if (reveals && added) span.rows = span.rows.filter((r) => r.row !== added);
    decisions.set(group.key, reveals ? 'difference' : 'shown');
  }
  return decisions;
}
