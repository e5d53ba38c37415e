// The geometry of the chain picture: teams on a circle, hand-offs as curved arrows between them.
// Plain numbers in the SVG's viewBox units; no React here, so it is tested on its own.

export interface Point {
  x: number;
  y: number;
}

/** A drawn arrow: its SVG path and the point (on the curve, half-way) where its label goes. */
export interface Curve {
  d: string;
  label: Point;
}

const round = (n: number) => Math.round(n * 10) / 10;
const at = (p: Point) => `${round(p.x)} ${round(p.y)}`;
const unit = (dx: number, dy: number): Point => {
  const length = Math.hypot(dx, dy);
  return length === 0 ? { x: 0, y: -1 } : { x: dx / length, y: dy / length };
};
const rotate = (v: Point, degrees: number): Point => {
  const r = (degrees * Math.PI) / 180;
  return { x: v.x * Math.cos(r) - v.y * Math.sin(r), y: v.x * Math.sin(r) + v.y * Math.cos(r) };
};
const along = (from: Point, direction: Point, distance: number): Point => ({
  x: from.x + direction.x * distance,
  y: from.y + direction.y * distance,
});

/** `count` points evenly on a circle, the first at the top, then clockwise; a single one sits in the middle. */
export function placeOnCircle(count: number, center: Point, radius: number): Point[] {
  if (count === 1) return [{ ...center }];
  return Array.from({ length: count }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / count;
    return { x: round(center.x + radius * Math.cos(angle)), y: round(center.y + radius * Math.sin(angle)) };
  });
}

/**
 * A curved arrow from one node to another. It bends to its own left-hand side (seen in the direction
 * of travel), so A→B and B→A bow apart instead of lying on top of each other. Its ends are pulled
 * back by `trimStart` / `trimEnd` so they start and stop at the nodes' edges (leave room for the
 * arrowhead in `trimEnd`).
 */
export function arrowCurve(
  from: Point,
  to: Point,
  options: { trimStart: number; trimEnd: number; bend?: number },
): Curve {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return loopCurve(from, { x: from.x, y: from.y + 1 }, { ...options, size: 40 });
  const bend = options.bend ?? 0.2;
  const control = {
    x: (from.x + to.x) / 2 + (dy / length) * length * bend,
    y: (from.y + to.y) / 2 - (dx / length) * length * bend,
  };
  const start = along(from, unit(control.x - from.x, control.y - from.y), options.trimStart);
  const end = along(to, unit(control.x - to.x, control.y - to.y), options.trimEnd);
  return {
    d: `M${at(start)} Q${at(control)} ${at(end)}`,
    label: {
      x: round(0.25 * start.x + 0.5 * control.x + 0.25 * end.x),
      y: round(0.25 * start.y + 0.5 * control.y + 0.25 * end.y),
    },
  };
}

/**
 * The direction a node's own loop points: outwards, but clear of its name (see nameSpot). Beside a
 * node on the left or right is its name, so the loop leans up or down, away from the middle; above
 * a top node and below a bottom one is its name, so the loop leans sideways (and the name the other way).
 */
export function loopDirection(node: Point, center: Point): Point {
  const out = unit(node.x - center.x, node.y - center.y);
  if (Math.abs(out.x) >= 0.5) {
    const degrees = out.x > 0 ? (out.y <= 0 ? -65 : 65) : out.y <= 0 ? -115 : 115;
    return rotate({ x: 1, y: 0 }, degrees);
  }
  return rotate(out, -60);
}

/**
 * A hand-off from a team to itself: a loop of `size` outside the node in loopDirection, its ends
 * pulled back from the node's centre like arrowCurve's.
 */
export function loopCurve(
  node: Point,
  center: Point,
  options: { trimStart: number; trimEnd: number; size: number },
): Curve {
  const out = loopDirection(node, center);
  const start = along(node, rotate(out, -35), options.trimStart);
  const end = along(node, rotate(out, 35), options.trimEnd);
  const c1 = along(node, rotate(out, -40), options.trimStart + options.size);
  const c2 = along(node, rotate(out, 40), options.trimStart + options.size);
  return {
    d: `M${at(start)} C${at(c1)} ${at(c2)} ${at(end)}`,
    label: {
      x: round(0.125 * start.x + 0.375 * c1.x + 0.375 * c2.x + 0.125 * end.x),
      y: round(0.125 * start.y + 0.375 * c1.y + 0.375 * c2.y + 0.125 * end.y),
    },
  };
}

/** Stroke width: thin for a single hand-off, growing with the square root of the count up to `max`. */
export function arrowWidth(handoffs: number, most: number, range = { min: 1.5, max: 6 }): number {
  if (most <= 0 || handoffs <= 0) return range.min;
  return round(range.min + (range.max - range.min) * Math.sqrt(Math.min(handoffs, most) / most));
}

/** Where a node's name goes, how it is anchored, and how many characters fit there. */
export interface NameSpot extends Point {
  anchor: 'start' | 'middle' | 'end';
  maxChars: number;
}

/**
 * Where a node's name goes: outside the circle, so it stays clear of the arrows inside it. Beside a
 * node on the left or right (as many characters as fit before the picture's edge), above a node at
 * the top and below one at the bottom (pulled inwards so a name of `textWidth` stays inside; leaning
 * away from the node's own loop when it has one).
 */
export function nameSpot(
  node: Point,
  center: Point,
  options: { nodeRadius: number; fontSize: number; textWidth: number; viewWidth: number; loop?: boolean },
): NameSpot {
  const out = unit(node.x - center.x, node.y - center.y);
  const charWidth = options.fontSize * 0.6;
  const gap = options.nodeRadius + 4;
  if (Math.abs(out.x) >= 0.5) {
    const right = out.x > 0;
    const x = right ? node.x + gap : node.x - gap;
    const room = right ? options.viewWidth - x : x;
    return {
      x: round(x),
      y: round(node.y + options.fontSize * 0.35),
      anchor: right ? 'start' : 'end',
      maxChars: Math.max(4, Math.floor(room / charWidth)),
    };
  }
  const above = out.y < 0;
  const y = above
    ? node.y - options.nodeRadius - options.fontSize * 0.5
    : node.y + options.nodeRadius + options.fontSize * 1.1;
  if (options.loop) {
    // The node's loop (loopDirection) leans left above a top node and right below a bottom one: the name leans the other way.
    const x = above ? node.x - 2 : node.x + 2;
    const room = above ? options.viewWidth - x : x;
    return {
      x: round(x),
      y: round(y),
      anchor: above ? 'start' : 'end',
      maxChars: Math.max(4, Math.floor(room / charWidth)),
    };
  }
  const half = Math.min(options.textWidth, options.viewWidth) / 2 + 2;
  const x = Math.min(Math.max(node.x, half), options.viewWidth - half);
  return {
    x: round(x),
    y: round(y),
    anchor: 'middle',
    maxChars: Math.max(4, Math.floor(options.viewWidth / charWidth)),
  };
}

/** A name cut to `max` characters with an ellipsis, for a label in the picture (the full name is in its title). */
export function shorten(name: string, max: number): string {
  const chars = [...name.trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
