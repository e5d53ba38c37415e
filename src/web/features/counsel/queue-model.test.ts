import { describe, expect, it } from 'vitest';
import { afterDecision, cursorAt, QUEUE_START, queueIndex, stepCursor, withoutDecided } from './queue-model';

const ids = ['a', 'b', 'c', 'd'];

describe('the place in the queue', () => {
  it('starts with the oldest, and is -1 for an empty queue', () => {
    expect(queueIndex(ids, QUEUE_START)).toBe(0);
    expect(queueIndex([], QUEUE_START)).toBe(-1);
    expect(queueIndex([], { id: 'a', index: 2 })).toBe(-1);
  });

  it('keeps the proposal on screen while it is in the queue, wherever it moved', () => {
    expect(queueIndex(ids, { id: 'c', index: 2 })).toBe(2);
    // One before it was decided elsewhere: it moved up, and stays on screen.
    expect(queueIndex(['a', 'c', 'd'], { id: 'c', index: 2 })).toBe(1);
    // Newer ones joined at the back.
    expect(queueIndex([...ids, 'e'], { id: 'd', index: 3 })).toBe(3);
  });

  it('shows what took its place once it has left, or the last one when it was the last', () => {
    expect(queueIndex(['a', 'c', 'd'], { id: 'b', index: 1 })).toBe(1);
    expect(queueIndex(['a', 'b', 'c'], { id: 'd', index: 3 })).toBe(2);
    expect(queueIndex(ids, { id: null, index: -3 })).toBe(0);
  });
});

describe('next and previous', () => {
  it('step one forward or back', () => {
    expect(stepCursor(ids, QUEUE_START, 1)).toEqual({ id: 'b', index: 1 });
    expect(stepCursor(ids, { id: 'c', index: 2 }, -1)).toEqual({ id: 'b', index: 1 });
  });

  it('stop at either end', () => {
    expect(stepCursor(ids, QUEUE_START, -1)).toEqual({ id: 'a', index: 0 });
    expect(stepCursor(ids, { id: 'd', index: 3 }, 1)).toEqual({ id: 'd', index: 3 });
    expect(stepCursor([], QUEUE_START, 1)).toEqual(QUEUE_START);
  });

  it('move from where the proposal on screen is now', () => {
    expect(stepCursor(['a', 'c', 'd'], { id: 'c', index: 2 }, 1)).toEqual({ id: 'd', index: 2 });
  });

  it('clamp a place to the queue', () => {
    expect(cursorAt(ids, 9)).toEqual({ id: 'd', index: 3 });
    expect(cursorAt(ids, -1)).toEqual({ id: 'a', index: 0 });
    expect(cursorAt([], 2)).toEqual(QUEUE_START);
  });
});

describe('after a decision', () => {
  it('shows the next one in the same place', () => {
    const at = queueIndex(ids, { id: 'b', index: 1 });
    const rest = withoutDecided(ids, 'b');
    expect(rest).toEqual(['a', 'c', 'd']);
    expect(rest[queueIndex(rest, afterDecision(at))]).toBe('c');
  });

  it('shows the one before when the last was decided, and nothing when the queue is empty', () => {
    const rest = withoutDecided(ids, 'd');
    expect(rest[queueIndex(rest, afterDecision(3))]).toBe('c');
    expect(queueIndex(withoutDecided(['a'], 'a'), afterDecision(0))).toBe(-1);
  });
});
