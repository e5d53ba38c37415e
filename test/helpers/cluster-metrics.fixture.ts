// Run by src/server/lib/metrics-cluster.test.ts: a primary with two workers, as under node:cluster in
// production. Each worker records its own figures; one is asked for /metrics and prints what it got.
import cluster from 'node:cluster';
import { createMetrics } from '../../src/server/lib/metrics';
import { askPrimaryForMetrics, serveClusterMetrics } from '../../src/server/lib/metrics-cluster';

if (cluster.isPrimary) {
  serveClusterMetrics();
  const workers = [cluster.fork({ REQUESTS: '2', DB_UP: '1' }), cluster.fork({ REQUESTS: '3', DB_UP: '0' })];
  let ready = 0;
  cluster.on('message', (_worker, message: unknown) => {
    if (message === 'ready' && ++ready === workers.length) workers[0]!.send('scrape');
    if (message && typeof message === 'object' && 'text' in message) {
      process.stdout.write(String(message.text));
      for (const worker of workers) worker.kill();
    }
  });
} else {
  const metrics = createMetrics();
  for (let i = 0; i < Number(process.env.REQUESTS); i++) {
    metrics.httpDuration.observe({ method: 'GET', route: '/api/v1/me', status_code: '200' }, 0.01);
  }
  metrics.dbUp.set(Number(process.env.DB_UP));
  process.on('message', (message) => {
    if (message === 'scrape') void askPrimaryForMetrics().then((text) => process.send!({ text }));
  });
  process.send!('ready');
}
