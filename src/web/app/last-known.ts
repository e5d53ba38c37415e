import { dehydrate, hydrate, type Query, type QueryClient } from '@tanstack/react-query';

// What the app last heard from the server about the few things the log screen needs (who is signed in,
// the runtime config, the mandate, suggestions, values, the purpose) is kept in this browser, with the
// moment it was heard, so the log screen opens without a connection and can say "as of". Nothing else
// is kept; it is forgotten when the session ends or the person signs out.

const STORAGE_KEY = 'klantwerk.lastKnown';
const KEPT: readonly string[] = [
  '["config"]',
  '["me"]',
  '["mandates","me"]',
  '["extras","suggestions"]',
  '["values","list",false]',
  '["purpose"]',
];

// A query's hash is its key as JSON.
const kept = (query: Query) => query.state.status === 'success' && KEPT.includes(query.queryHash);

/** Puts what was last known into the client (before the first render); true when someone was signed in. */
export function restoreLastKnown(client: QueryClient): boolean {
  try {
    const text = window.localStorage.getItem(STORAGE_KEY);
    if (text) hydrate(client, JSON.parse(text));
  } catch {
    window.localStorage.removeItem(STORAGE_KEY);
  }
  return !!client.getQueryData(['me']);
}

/** Keeps the snapshot up to date from now on. */
export function keepLastKnown(client: QueryClient) {
  let timer: number | undefined;
  const save = () => {
    timer = undefined;
    try {
      if (!client.getQueryData(['me'])) window.localStorage.removeItem(STORAGE_KEY);
      else window.localStorage.setItem(STORAGE_KEY, JSON.stringify(dehydrate(client, { shouldDehydrateQuery: kept })));
    } catch {
      // storage full or private mode: the app still works, only not offline
    }
  };
  client.getQueryCache().subscribe((event) => {
    if (
      timer === undefined &&
      (event.type === 'updated' || event.type === 'removed') &&
      KEPT.includes(event.query.queryHash)
    ) {
      timer = window.setTimeout(save, 300);
    }
  });
}

/** Forget it at once (signing out). */
export function forgetLastKnown() {
  window.localStorage.removeItem(STORAGE_KEY);
}
