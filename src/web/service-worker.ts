/// <reference lib="webworker" />
// The service worker: keeps the app's shell and every file of the current version on the phone, so a
// second visit opens without the network (a cellar, a lift, a corridor with bad Wi-Fi). The API is
// never answered from here: the app itself knows what it last saw and keeps unsent extras in its outbox.
//
// A new version installs beside the running one and waits; the app tells the person and switches at a
// safe moment (the next page change, or when they tap "update"), then reloads. Old versions' files go
// when the new one takes over.

const worker = globalThis as unknown as ServiceWorkerGlobalScope;

/** Filled in at build time (vite.config.ts): every file of this build and a version made from them. */
const PRECACHE: { version: string; urls: string[] } = __PRECACHE__;
declare const __PRECACHE__: { version: string; urls: string[] };

const CACHE = `klantwerk-${PRECACHE.version}`;
const SHELL = '/index.html';
const kept = new Set(PRECACHE.urls);

worker.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.urls)));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('klantwerk-') && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void worker.skipWaiting();
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/r/'))
    return;
  if (request.mode === 'navigate') {
    // Every page of the app is the same shell; the network only when the shell is somehow not kept.
    // caches.match, not caches.open: a request an old worker still answers after the new one took over
    // must not bring the old version's cache back by opening it.
    const shell = async () => (await caches.match(SHELL, { cacheName: CACHE })) ?? fetch(request);
    // The sign-in page is the server's own: from the network, the shell only without one (it says so).
    event.respondWith(url.pathname === '/sign-in' ? fetch(request).catch(shell) : shell());
  } else if (kept.has(url.pathname)) {
    event.respondWith((async () => (await caches.match(url.pathname, { cacheName: CACHE })) ?? fetch(request))());
  }
});
