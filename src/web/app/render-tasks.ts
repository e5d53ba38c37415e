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
