// Honest figures for small groups: every average carries its 95% interval, every share its Wilson
// interval, and a group with fewer reactions than MIN_REACTIONS shows no figure at all.

export const MIN_REACTIONS = 5;
const Z = 1.959964;

/** Two-sided 95% quantile of Student's t for small samples (df 1-30), exact to three decimals. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The t quantile: the table up to 30 degrees of freedom, then the Cornish-Fisher expansion around z. */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN;
  if (df <= 30) return T_975[Math.floor(df) - 1]!;
  return Z + (Z ** 3 + Z) / (4 * df) + (5 * Z ** 5 + 16 * Z ** 3 + 3 * Z) / (96 * df ** 2);
}

export interface ScoreSums {
  /** Reactions with a score. */
  n: number;
  sum: number;
  sumOfSquares: number;
  /** Scores of 4 or 5. */
  positives: number;
}

export interface Estimate {
  withheld: boolean;
  average: number | null;
  averageLow: number | null;
  averageHigh: number | null;
  positiveShare: number | null;
  positiveLow: number | null;
  positiveHigh: number | null;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Wilson's score interval for k successes out of n. */
export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const denominator = 1 + Z ** 2 / n;
  const centre = (p + Z ** 2 / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + Z ** 2 / (4 * n ** 2))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Average score (1-5) with a t interval clipped to the scale, and the positive share with Wilson's interval. */
export function estimate(s: ScoreSums, minimum = MIN_REACTIONS): Estimate {
  if (s.n < minimum || s.n < 2) {
    return {
      withheld: true,
      average: null,
      averageLow: null,
      averageHigh: null,
      positiveShare: null,
      positiveLow: null,
      positiveHigh: null,
    };
  }
  const mean = s.sum / s.n;
  const variance = Math.max(0, (s.sumOfSquares - s.n * mean ** 2) / (s.n - 1));
  const half = (tQuantile975(s.n - 1) * Math.sqrt(variance)) / Math.sqrt(s.n);
  const [low, high] = wilson(s.positives, s.n);
  return {
    withheld: false,
    average: round(mean, 2),
    averageLow: round(Math.max(1, mean - half), 2),
    averageHigh: round(Math.min(5, mean + half), 2),
    positiveShare: round(s.positives / s.n),
    positiveLow: round(low),
    positiveHigh: round(high),
  };
}
