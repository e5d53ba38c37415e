import { useState } from 'react';

/** Storage as the draft needs it (sessionStorage in the app; a map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function sessionStore(): DraftStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * The draft kept under `key`, laid over the empty form (fields added since it was kept get their empty
 * value; `normalise` repairs what a stored draft may hold wrongly). Nothing, or something unreadable: the empty form.
 */
export function readDraft<T extends object>(
  storage: DraftStorage | null,
  key: string,
  empty: T,
  normalise: (draft: T) => T = (d) => d,
): T {
  try {
    const text = storage?.getItem(key);
    if (!text) return empty;
    const stored: unknown = JSON.parse(text);
    if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return empty;
    return normalise({ ...empty, ...(stored as Partial<T>) });
  } catch {
    return empty;
  }
}

/** Keeps the values, or forgets the draft when they are the empty form again (or null: saved, cleared). */
export function writeDraft<T>(storage: DraftStorage | null, key: string, values: T | null, empty: T) {
  try {
    if (values === null || same(values, empty)) storage?.removeItem(key);
    else storage?.setItem(key, JSON.stringify(values));
  } catch {
    // private mode or full storage: no draft
  }
}

/**
 * What was typed in a form survives a reload or a sign-in after the session ended: this tab only
 * (sessionStorage), under a key that names the form and the person. `initial` is the form's start (the
 * draft, else `empty`); `keep` is called with the values as they change, and with null once saved.
 */
export function useDraft<T extends object>(key: string, empty: T, normalise?: (draft: T) => T) {
  // The empty form as it was at the start (a form's empty values may be made afresh on each render).
  const [start] = useState(() => ({ empty, initial: readDraft(sessionStore(), key, empty, normalise) }));
  const keep = (values: T | null) => writeDraft(sessionStore(), key, values, start.empty);
  return { initial: start.initial, keep };
}
