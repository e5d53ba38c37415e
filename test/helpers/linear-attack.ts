// An attacker's tool for the anonymity tests, written apart from the server's disclosure code: given
// the totals of some groups, which other sets' totals follow by adding and subtracting them? Exact
// (fraction-free BigInt elimination), so a test cannot pass by rounding.

/** The rows in echelon form, each with its pivot; `reduce` tells what of a vector the rows do not hold. */
export class ExactSpan {
  private rows: { pivot: number; row: bigint[] }[] = [];

  add(vector: readonly number[]) {
    const rest = this.reduce(vector);
    const pivot = rest.findIndex((x) => x !== 0n);
    if (pivot >= 0) this.rows.push({ pivot, row: rest });
  }

  reduce(vector: readonly number[]): bigint[] {
    let row = vector.map((x) => BigInt(x));
    for (const { pivot, row: by } of this.rows) {
      const f = row[pivot]!;
      if (f === 0n) continue;
      const d = by[pivot]!;
      row = row.map((x, i) => x * d - f * by[i]!);
    }
    return row;
  }

  holds(vector: readonly number[]): boolean {
    return this.reduce(vector).every((x) => x === 0n);
  }
}

/** Every non-empty subset of 0..n-1 with at most `max` elements. */
export function* subsets(n: number, max: number): Generator<number[]> {
  const pick: number[] = [];
  function* walk(from: number): Generator<number[]> {
    for (let i = from; i < n; i++) {
      pick.push(i);
      yield [...pick];
      if (pick.length < max) yield* walk(i + 1);
      pick.pop();
    }
  }
  yield* walk(0);
}
