import { describe, expect, it } from 'vitest';
import { estimate, MIN_REACTIONS, tQuantile975, wilson } from './stats';

const sums = (scores: number[]) => ({
  n: scores.length,
  sum: scores.reduce((a, b) => a + b, 0),
  sumOfSquares: scores.reduce((a, b) => a + b * b, 0),
  positives: scores.filter((s) => s >= 4).length,
});

describe('figures with their uncertainty', () => {
  it('gives the textbook t interval for a known sample', () => {
    // 4,5,3,4,5,4: mean 4.1667, sd 0.7528, t(5) = 2.571 -> half width 0.790
    const e = estimate(sums([4, 5, 3, 4, 5, 4]));
    expect(e.withheld).toBe(false);
    expect(e.average).toBe(4.17);
    expect(e.averageLow).toBe(3.38);
    expect(e.averageHigh).toBe(4.96);
  });

  it('clips the interval to the five-point scale', () => {
    const e = estimate(sums([5, 5, 5, 5, 4, 5, 5]));
    expect(e.averageHigh).toBe(5);
    expect(e.averageLow).toBeGreaterThan(4);
  });

  it('gives Wilson intervals that match published values', () => {
    // 8 of 10: 0.490-0.943 (Wilson 1927, as tabled by Newcombe 1998)
    const [low, high] = wilson(8, 10);
    expect(low).toBeCloseTo(0.49, 2);
    expect(high).toBeCloseTo(0.943, 2);
    // 0 of 10 still has an upper bound
    expect(wilson(0, 10)[1]).toBeCloseTo(0.278, 2);
    const e = estimate(sums([5, 4, 4, 2, 5, 4, 3, 5, 4, 4]));
    expect(e.positiveShare).toBe(0.8);
    expect(e.positiveLow).toBeCloseTo(0.49, 2);
  });

  it('withholds a group with fewer reactions than the minimum', () => {
    const e = estimate(sums([5, 5, 5, 5].slice(0, MIN_REACTIONS - 1)));
    expect(e).toMatchObject({ withheld: true, average: null, positiveShare: null });
    expect(estimate(sums([5, 4, 5, 4, 5])).withheld).toBe(false);
  });

  it('uses the t table for small samples and tends to 1.96 for large ones', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(40)).toBeCloseTo(2.021, 2);
    expect(tQuantile975(120)).toBeCloseTo(1.98, 2);
    expect(tQuantile975(100000)).toBeCloseTo(1.96, 3);
  });
});
