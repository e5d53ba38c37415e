import { useSyncExternalStore } from 'react';
import { whenSettled } from './render-tasks';

// The service worker's side in the page: register it, look for a new version now and then, and when
// one has been installed, say so (useAppUpdate) and switch to it at a safe moment: when the person taps
// "update", or at their next page change (the shell calls applyUpdate then), never in the middle of a form.

let waiting: ServiceWorker | null = null;
/** Set once this page asked the waiting version to take over: its taking control then reloads the page. */
let switching = false;
/** Another tab took up a new version: this one follows at its next page change. */
let behind = false;
const listeners = new Set<() => void>();
const CHECK_EVERY_MS = 30 * 60_000;
/** How long a page change waits for the new version to take over before it reloads to let it. */
const SWITCH_WAIT_MS = 3_000;

function setWaiting(worker: ServiceWorker | null) {
  waiting = worker;
  for (const listener of listeners) listener();
}

export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let reloading = false;
  let hadController = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install takes control of this page quietly; a switch this page asked for reloads it;
    // one another tab asked for is followed at this tab's next page change.
    if (!switching) {
      behind = navigator.serviceWorker.controller !== null && hadController;
      hadController = true;
      return;
    }
    // Reload only once the new version is fully active: a page reloaded while it was still activating
    // had its navigation wait on that activation, and the switch stalled (seen in Chromium under load).
    const controller = navigator.serviceWorker.controller;
    const reload = () => {
      if (reloading) return;
      reloading = true;
      window.location.reload();
    };
    if (!controller || controller.state === 'activated' || controller.state === 'redundant') return reload();
    controller.addEventListener('statechange', () => {
      if (controller.state === 'activated' || controller.state === 'redundant') reload();
    });
  });
  void whenSettled().then(async () => {
    const registration = await navigator.serviceWorker.register('/sw.js', { updateViaCache: 'none' }).catch(() => null);
    if (!registration) return;
    const watch = (worker: ServiceWorker | null) => {
      if (!worker) return;
      const check = () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) setWaiting(worker);
      };
      check();
      worker.addEventListener('statechange', check);
    };
    watch(registration.waiting);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    let lastCheck = Date.now();
    const checkForUpdate = () => {
      if (Date.now() - lastCheck < 60_000 || !navigator.onLine) return;
      lastCheck = Date.now();
      void registration.update().catch(() => undefined);
    };
    window.setInterval(checkForUpdate, CHECK_EVERY_MS);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && checkForUpdate());
    window.addEventListener('online', checkForUpdate);
  });
}

/**
 * Switch to the waiting version now, if there is one: the page reloads once it has taken over. A page
 * change is such a safe moment: nothing is being typed on the page that is left.
 */
export function applyUpdate() {
  if (behind) return window.location.reload();
  if (!waiting || switching) return;
  switching = true;
  const worker = waiting;
  worker.postMessage('skip-waiting');
  // Chromium stops the old version to let the new one take over, but a request of this page change (its
  // own files) can start the old one again, and the new version then waits on while the page keeps
  // asking. Reloading lets it take over (the draft is kept): still at a page change, so still safe.
  window.setTimeout(() => worker.state === 'installed' && window.location.reload(), SWITCH_WAIT_MS);
}

export function useAppUpdate(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting !== null,
  );
}
