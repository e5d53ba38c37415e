import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';

// With several app processes under node:cluster, a scrape of /metrics lands on one worker, which knows
// only its own figures. The worker asks the primary; the primary asks every worker (prom-client's
// AggregatorRegistry), adds their figures up and answers. Counters and histograms are summed, the
// pool's gauges too; klantwerk_db_up takes the lowest, the event-loop delay the average.

const ASK = 'klantwerk:metrics-ask';
const ANSWER = 'klantwerk:metrics-answer';
/** The primary gives each worker 5 s (prom-client's own limit); the asking worker waits a little longer. */
const WAIT_MS = 6_000;

interface Ask {
  type: typeof ASK;
  id: string;
}
interface Answer {
  type: typeof ANSWER;
  id: string;
  text?: string;
  error?: string;
}

/**
 * In the cluster's primary, before forking: answers workers that ask for the figures of all of them.
 * Workers then build the app with `clusterMetrics: true`.
 */
export function serveClusterMetrics(): void {
  if (!cluster.isPrimary) throw new Error('serveClusterMetrics() belongs in the cluster primary');
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: Partial<Ask>) => {
    if (message?.type !== ASK || typeof message.id !== 'string') return;
    const id = message.id;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id, text } satisfies Answer),
      (err: unknown) =>
        worker.send({ type: ANSWER, id, error: err instanceof Error ? err.message : String(err) } satisfies Answer),
    );
  });
}

/** In a worker: the figures of every worker, summed by the primary (see serveClusterMetrics). */
export function askPrimaryForMetrics(): Promise<string> {
  const send = process.send?.bind(process);
  if (!cluster.isWorker || !send) return Promise.reject(new Error('not a cluster worker'));
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (message: Partial<Answer>) => {
      if (message?.type !== ANSWER || message.id !== id) return;
      done();
      if (typeof message.text === 'string') resolve(message.text);
      else reject(new Error(message.error ?? 'no figures from the primary'));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('the cluster primary did not answer'));
    }, WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    send({ type: ASK, id } satisfies Ask);
  });
}
