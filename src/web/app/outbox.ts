import { useSyncExternalStore } from 'react';
import type { FieldError } from '../../contracts/common.contract';
import type { ErrorCode } from '../../contracts/constants';
import { ApiError, apiPostOnce, isApiError } from './api-client';

// The outbox on the phone: a write (logging an extra) goes here first, with its Idempotency-Key and the
// moment it was made in its body, and leaves only when the server has answered that it is saved. So a
// save without a connection, or one whose answer was lost, is kept (also when the app is closed) and
// sent by itself later, never twice (the server answers a repeated key with the first answer). A write
// the server refuses stays, with the reason, until the person fixes or discards it.

export interface OutboxProblem {
  status: number;
  code: ErrorCode;
  title: string;
  errors: FieldError[];
}

export interface OutboxItem {
  /** The Idempotency-Key: the same on every try. */
  key: string;
  path: string;
  body: Record<string, unknown>;
  /** When the person saved it (ISO). */
  savedAt: string;
  /** A line to recognise it by in the list. */
  label: string;
  state: 'waiting' | 'refused';
  problem?: OutboxProblem;
}

export type SendResult =
  | { outcome: 'saved'; answer: unknown }
  | { outcome: 'waiting' }
  | { outcome: 'refused'; problem: OutboxProblem };

const storageKey = (memberId: string) => `klantwerk.outbox.${memberId}`;
const listeners = new Set<() => void>();
const snapshots = new Map<string, { text: string | null; items: OutboxItem[] }>();

function read(memberId: string): OutboxItem[] {
  let text: string | null = null;
  try {
    text = window.localStorage.getItem(storageKey(memberId));
  } catch {
    // no storage: an empty outbox
  }
  const cached = snapshots.get(memberId);
  if (cached && cached.text === text) return cached.items;
  let items: OutboxItem[] = [];
  try {
    const parsed: unknown = text ? JSON.parse(text) : [];
    if (Array.isArray(parsed)) items = parsed as OutboxItem[];
  } catch {
    items = [];
  }
  snapshots.set(memberId, { text, items });
  return items;
}

function write(memberId: string, change: (items: OutboxItem[]) => OutboxItem[]) {
  const items = change(read(memberId));
  if (items.length === 0) window.localStorage.removeItem(storageKey(memberId));
  else window.localStorage.setItem(storageKey(memberId), JSON.stringify(items));
  for (const listener of listeners) listener();
}

/** Kept before the first try: if the page dies during the send, the item is still there. */
export function addToOutbox(memberId: string, item: Omit<OutboxItem, 'state'>) {
  write(memberId, (items) => [...items, { ...item, state: 'waiting' }]);
}

export function removeFromOutbox(memberId: string, key: string) {
  write(memberId, (items) => items.filter((i) => i.key !== key));
}

function markRefused(memberId: string, key: string, problem: OutboxProblem) {
  write(memberId, (items) => items.map((i) => (i.key === key ? { ...i, state: 'refused', problem } : i)));
}

/** No answer, a server or proxy failure, or too many requests: try again later. */
function worthRetrying(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return (
    error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500
  );
}

/**
 * One try at sending an item. Saved: it leaves the outbox. No connection: it stays, waiting. Refused:
 * it stays as refused with the reason, unless `dropIfRefused` (the form that made it still shows it).
 */
export async function sendItem(
  memberId: string,
  item: OutboxItem,
  options: { dropIfRefused?: boolean } = {},
): Promise<SendResult> {
  try {
    const answer = await apiPostOnce<unknown>(item.path, item.body, item.key);
    removeFromOutbox(memberId, item.key);
    return { outcome: 'saved', answer };
  } catch (error) {
    if (worthRetrying(error) || !isApiError(error)) return { outcome: 'waiting' };
    const problem = { status: error.status, code: error.code, title: error.title, errors: error.fieldErrors };
    if (options.dropIfRefused) removeFromOutbox(memberId, item.key);
    else markRefused(memberId, item.key, problem);
    return { outcome: 'refused', problem };
  }
}

let flushing = false;

/**
 * Sends every waiting item, oldest first, one at a time, in one tab at a time (Web Locks where the
 * browser has them). Stops at the first one that cannot get through. Returns how many were saved.
 */
export async function sendOutbox(memberId: string): Promise<number> {
  if (flushing) return 0;
  flushing = true;
  const run = async () => {
    let saved = 0;
    for (const item of read(memberId).filter((i) => i.state === 'waiting')) {
      // Re-read: another tab may have sent it meanwhile.
      if (!read(memberId).some((i) => i.key === item.key && i.state === 'waiting')) continue;
      const result = await sendItem(memberId, item);
      if (result.outcome === 'waiting') break;
      if (result.outcome === 'saved') saved++;
    }
    return saved;
  };
  try {
    if (navigator.locks)
      return await navigator.locks.request(`klantwerk.outbox.${memberId}`, { ifAvailable: true }, (lock) =>
        lock ? run() : 0,
      );
    return await run();
  } finally {
    flushing = false;
  }
}

/** A refusal as the error the forms and alerts already understand. */
export function problemAsError(problem: OutboxProblem): ApiError {
  return new ApiError(problem);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed the outbox.
  const onStorage = (event: StorageEvent) => event.key?.startsWith('klantwerk.outbox.') && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useOutbox(memberId: string | undefined): OutboxItem[] {
  return useSyncExternalStore(subscribe, () => (memberId ? read(memberId) : EMPTY));
}
const EMPTY: OutboxItem[] = [];
