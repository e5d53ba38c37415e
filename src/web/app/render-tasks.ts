import { options } from 'preact';

/**
 * Preact draws what changed in a microtask, so everything that becomes ready in one task (an answer,
 * the page's code, its words) is drawn in that same task, and on a slow phone the first screen froze
 * for one long block. Here, like React's own scheduler, a change made while the person acts (a tap, a
 * key: an event being handled) is still drawn at once, and any other change (answers, code arriving,
 * timers) in a task of its own, so the browser can paint and take input in between.
 */
export function drawChangesInTasks() {
  const channel = new MessageChannel();
  const queued: (() => void)[] = [];
  channel.port1.onmessage = () => queued.shift()?.();
  options.debounceRendering = (flush) => {
    if (window.event) {
      queueMicrotask(flush);
      return;
    }
    queued.push(flush);
    channel.port2.postMessage(null);
  };
}

/** Resolves in a new task: what follows runs after the browser had a chance to paint and take input. */
export const nextTask = () => new Promise<void>((resolve) => window.setTimeout(resolve, 0));

/** How long no file or answer may arrive before the page counts as settled. */
const QUIET_MS = 1_000;
/** The page counts as settled at the latest this long after it loaded (a page that keeps polling). */
const SETTLED_AT_MOST_MS = 8_000;

/**
 * Resolves once the page has loaded and then drawn its first screen: nothing has arrived over the
 * network for a second and the main thread has an idle moment. Work that the first screen does not
 * need (installing the service worker, which fetches and stores every file of this version) waits for
 * it, so it does not compete with the first drawing for the phone's CPU and connection.
 */
export function whenSettled(): Promise<void> {
  return new Promise((resolve) => {
    const loaded = () => {
      const start = performance.now();
      let last = start;
      const observer = new PerformanceObserver(() => {
        last = performance.now();
      });
      observer.observe({ type: 'resource' });
      const check = () => {
        const now = performance.now();
        if (now - last < QUIET_MS && now - start < SETTLED_AT_MOST_MS) {
          window.setTimeout(check, QUIET_MS - (now - last) + 50);
          return;
        }
        observer.disconnect();
        if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: QUIET_MS });
        else resolve();
      };
      window.setTimeout(check, QUIET_MS);
    };
    if (document.readyState === 'complete') loaded();
    else window.addEventListener('load', loaded, { once: true });
  });
}
