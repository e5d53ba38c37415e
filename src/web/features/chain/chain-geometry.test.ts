import { describe, expect, it } from 'vitest';
import { arrowCurve, arrowWidth, loopCurve, nameSpot, placeOnCircle, shorten } from './chain-geometry';

const center = { x: 180, y: 180 };
const numbers = (d: string) => d.match(/-?\d+(\.\d+)?/g)!.map(Number);
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

describe('placeOnCircle', () => {
  it('starts at the top and goes clockwise, evenly spaced', () => {
    const [top, right, bottom, left] = placeOnCircle(4, center, 100);
    expect(top).toEqual({ x: 180, y: 80 });
    expect(right).toEqual({ x: 280, y: 180 });
    expect(bottom).toEqual({ x: 180, y: 280 });
    expect(left).toEqual({ x: 80, y: 180 });
  });

  it('puts a single team in the middle and keeps every team inside the circle', () => {
    expect(placeOnCircle(1, center, 100)).toEqual([center]);
    for (const p of placeOnCircle(7, center, 100)) expect(distance(p, center)).toBeCloseTo(100, 0);
    expect(placeOnCircle(0, center, 100)).toEqual([]);
  });
});

describe('arrowCurve', () => {
  const a = { x: 100, y: 100 };
  const b = { x: 300, y: 100 };

  it('bows A→B and B→A to opposite sides, so they do not overlap', () => {
    const there = arrowCurve(a, b, { trimStart: 0, trimEnd: 0 });
    const back = arrowCurve(b, a, { trimStart: 0, trimEnd: 0 });
    expect(there.label.y).toBeLessThan(100);
    expect(back.label.y).toBeGreaterThan(100);
    expect(there.d).not.toEqual(back.d);
  });

  it('starts and stops at the trimmed distance from the node centres', () => {
    const curve = arrowCurve(a, b, { trimStart: 13, trimEnd: 25 });
    const [sx, sy, , , ex, ey] = numbers(curve.d) as [number, number, number, number, number, number];
    expect(curve.d).toMatch(/^M[\d.]+ [\d.]+ Q/);
    expect(distance({ x: sx, y: sy }, a)).toBeCloseTo(13, 0);
    expect(distance({ x: ex, y: ey }, b)).toBeCloseTo(25, 0);
  });

  it('puts the label half-way along the curve', () => {
    const curve = arrowCurve(a, b, { trimStart: 10, trimEnd: 10 });
    expect(curve.label.x).toBeCloseTo(200, 0);
  });

  it('draws a loop, not a broken path, for two nodes on the same spot', () => {
    expect(arrowCurve(a, a, { trimStart: 13, trimEnd: 20 }).d).toMatch(/^M.* C/);
  });
});

describe('loopCurve', () => {
  const loop = (node: { x: number; y: number }) => loopCurve(node, center, { trimStart: 13, trimEnd: 20, size: 40 });

  it("leans a top node's loop to the left, clear of the name above it", () => {
    const top = { x: 180, y: 62 };
    expect(loop(top).d).toMatch(/^M.* C/);
    expect(loop(top).label.y).toBeLessThan(top.y);
    expect(loop(top).label.x).toBeLessThan(top.x - 13);
  });

  it("leans a side node's loop up or down and outwards, clear of the name beside it", () => {
    const upperRight = { x: 290, y: 140 };
    expect(loop(upperRight).label.x).toBeGreaterThan(upperRight.x);
    expect(loop(upperRight).label.y).toBeLessThan(upperRight.y - 13);
    const lowerRight = { x: 270, y: 270 };
    expect(loop(lowerRight).label.y).toBeGreaterThan(lowerRight.y + 13);
    const lowerLeft = { x: 90, y: 270 };
    expect(loop(lowerLeft).label.x).toBeLessThan(lowerLeft.x);
    expect(loop(lowerLeft).label.y).toBeGreaterThan(lowerLeft.y + 13);
  });
});

describe('arrowWidth', () => {
  it('grows with the hand-offs, from thin to the widest for the busiest arrow', () => {
    expect(arrowWidth(1, 100)).toBe(2);
    expect(arrowWidth(100, 100)).toBe(6);
    expect(arrowWidth(25, 100)).toBeGreaterThan(arrowWidth(4, 100));
    expect(arrowWidth(0, 0)).toBe(1.5);
    expect(arrowWidth(500, 100)).toBe(6);
  });
});

describe('nameSpot', () => {
  const options = { nodeRadius: 13, fontSize: 12, textWidth: 80, viewWidth: 400 };
  const middle = { x: 200, y: 180 };

  it('puts the name above the top node and below the bottom one, centred', () => {
    const top = nameSpot({ x: 200, y: 65 }, middle, options);
    expect(top).toMatchObject({ x: 200, anchor: 'middle' });
    expect(top.y).toBeLessThan(65 - 13);
    expect(nameSpot({ x: 200, y: 295 }, middle, options).y).toBeGreaterThan(295 + 13);
  });

  it('puts the name beside a node on the left or right, with as many characters as fit', () => {
    const right = nameSpot({ x: 315, y: 180 }, middle, options);
    expect(right).toMatchObject({ x: 332, anchor: 'start', maxChars: 9 });
    const left = nameSpot({ x: 85, y: 180 }, middle, options);
    expect(left).toMatchObject({ x: 68, anchor: 'end', maxChars: 9 });
    expect(left.y).toBeCloseTo(180 + 12 * 0.35, 1);
  });

  it('leans the name away from a loop on a top or bottom node', () => {
    expect(nameSpot({ x: 200, y: 65 }, middle, { ...options, loop: true })).toMatchObject({ x: 198, anchor: 'start' });
    expect(nameSpot({ x: 200, y: 295 }, middle, { ...options, loop: true })).toMatchObject({ x: 202, anchor: 'end' });
    expect(nameSpot({ x: 315, y: 180 }, middle, { ...options, loop: true }).anchor).toBe('start');
  });

  it('keeps a long centred name inside the picture', () => {
    expect(nameSpot({ x: 30, y: 20 }, { x: 30, y: 180 }, options).x).toBe(42);
    expect(nameSpot({ x: 390, y: 20 }, { x: 390, y: 180 }, options).x).toBe(358);
  });
});

describe('shorten', () => {
  it('cuts a long name with an ellipsis and leaves a short one alone', () => {
    expect(shorten('Klantenservice Noord-Holland', 14)).toBe('Klantenservic…');
    expect(shorten('  Planning ', 14)).toBe('Planning');
    expect(shorten('Café 🍰 Zuid en Oost', 7)).toBe('Café 🍰…');
  });
});
