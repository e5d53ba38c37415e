// The director's queue, one proposal per screen: which one is on screen, and where next and previous
// lead. Pure, so it is tested beside it.

/** Where the director is: the proposal on screen, and its place when it was last seen. */
export interface QueueCursor {
  id: string | null;
  index: number;
}

export const QUEUE_START: QueueCursor = { id: null, index: 0 };

/**
 * The place in the queue to show. The proposal on screen stays on screen while it is in the queue
 * (others may join at the back, or be decided elsewhere); once it has left (just decided), the one
 * that took its place appears, or the last one when it was the last. -1: the queue is empty.
 */
export function queueIndex(ids: readonly string[], cursor: QueueCursor): number {
  if (ids.length === 0) return -1;
  if (cursor.id) {
    const at = ids.indexOf(cursor.id);
    if (at >= 0) return at;
  }
  return Math.min(Math.max(cursor.index, 0), ids.length - 1);
}

/** The cursor on the proposal at `index` (clamped to the queue), or the start when the queue is empty. */
export function cursorAt(ids: readonly string[], index: number): QueueCursor {
  if (ids.length === 0) return QUEUE_START;
  const at = Math.min(Math.max(index, 0), ids.length - 1);
  return { id: ids[at] ?? null, index: at };
}

/** One step forward or back; it stops at either end. */
export function stepCursor(ids: readonly string[], cursor: QueueCursor, step: 1 | -1): QueueCursor {
  const at = queueIndex(ids, cursor);
  if (at < 0) return QUEUE_START;
  return cursorAt(ids, at + step);
}

/**
 * After a decision on the proposal at `index`: stay at that place, so the next one (which moves up
 * into it) appears; the id is left open because the decided one leaves the queue.
 */
export function afterDecision(index: number): QueueCursor {
  return { id: null, index };
}

/** The ids without the one just decided: what the queue holds until the server's answer is in. */
export function withoutDecided(ids: readonly string[], decidedId: string): string[] {
  return ids.filter((id) => id !== decidedId);
}
