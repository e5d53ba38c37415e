import { describe, expect, it } from 'vitest';
import { responseStep } from './response-step';

describe('the response shown in steps', () => {
  it('cuts 0..audience into steps of the threshold, the short last step joined to the one before', () => {
    expect(responseStep(10, 10, 5)).toEqual({ min: 5, max: 10 });
    expect(responseStep(10, 6, 5)).toEqual({ min: 5, max: 10 });
    expect(responseStep(10, 4, 5)).toEqual({ min: 0, max: 4 });
    expect(responseStep(23, 12, 5)).toEqual({ min: 10, max: 14 });
    expect(responseStep(23, 23, 5)).toEqual({ min: 15, max: 23 });
    // Fewer than two steps: the figure says nothing, truthfully.
    expect(responseStep(7, 7, 5)).toEqual({ min: 0, max: 7 });
  });

  it('never pins one count, and never says that everyone answered', () => {
    for (let width = 3; width <= 7; width++) {
      for (let audience = 0; audience <= 60; audience++) {
        for (let n = 0; n <= audience; n++) {
          const s = responseStep(audience, n, width);
          expect(s.min <= n && n <= s.max, `${audience} ${n} ${width}`).toBe(true);
          expect(s.max - s.min + 1 >= Math.min(width, audience + 1)).toBe(true);
        }
      }
    }
  });
});
