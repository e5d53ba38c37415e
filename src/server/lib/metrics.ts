import cluster from 'node:cluster';
import type pg from 'pg';
import { AggregatorRegistry, Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';

export type JobOutcome = 'ok' | 'failed' | 'skipped';

/**
 * The figures one app process keeps for /metrics (Prometheus text format, prom-client). Each process
 * has its own registry; with several processes under node:cluster the primary sums them (see
 * lib/metrics-cluster.ts), else each process is scraped on its own.
 */
export interface Metrics {
  registry: Registry;
  /** Every answer, by method, the matched route's pattern (never the raw URL) and status. */
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Database errors: `unavailable` (the database could not be reached) or `query` (a query failed and became a 500). */
  dbErrors: Counter<'kind'>;
  dbOutages: Counter;
  dbUp: Gauge;
  jobRuns: Counter<'job' | 'outcome'>;
  jobLastSuccess: Gauge<'job'>;
  mails: Counter<'outcome'>;
  /** Reports the pool's connections (in use, idle) and waiting requests at each scrape. */
  observePool(pool: pg.Pool, max: number): void;
}

export function createMetrics(): Metrics {
  // An AggregatorRegistry is a plain registry that can also answer the cluster primary's requests.
  const registry: Registry = new AggregatorRegistry();
  if (cluster.isWorker) AggregatorRegistry.setRegistries([registry]);
  // Process CPU and memory, heap, handles, GC, and the event-loop delay (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });

  const registers = [registry];
  const pools: { pool: pg.Pool; max: number }[] = [];
  // Read at each scrape from the pools observed below.
  new Gauge({
    name: 'klantwerk_db_pool_connections',
    help: 'Connections of the database pool, by state (in_use, idle).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const idle = pools.reduce((sum, p) => sum + p.pool.idleCount, 0);
      const total = pools.reduce((sum, p) => sum + p.pool.totalCount, 0);
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'in_use' }, total - idle);
    },
  });
  new Gauge({
    name: 'klantwerk_db_pool_waiting',
    help: 'Queries waiting for a free connection of the database pool.',
    registers,
    collect() {
      this.set(pools.reduce((sum, p) => sum + p.pool.waitingCount, 0));
    },
  });
  new Gauge({
    name: 'klantwerk_db_pool_max',
    help: 'The most connections the database pool opens (DB_POOL_MAX).',
    registers,
    collect() {
      this.set(pools.reduce((sum, p) => sum + p.max, 0));
    },
  });

  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer a request, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    dbErrors: new Counter({
      name: 'klantwerk_db_errors_total',
      help: 'Database errors: unavailable (could not reach it: refused, reset, timed out, shutting down) or query (a failed query that became a 500).',
      labelNames: ['kind'] as const,
      registers,
    }),
    dbOutages: new Counter({
      name: 'klantwerk_db_outages_total',
      help: 'Times the database went away (each logged once, with its recovery).',
      registers,
    }),
    dbUp: new Gauge({
      name: 'klantwerk_db_up',
      help: '1 while the database answers, 0 from the first failure until it answers again.',
      registers,
      aggregator: 'min',
    }),
    jobRuns: new Counter({
      name: 'klantwerk_job_runs_total',
      help: 'Background job runs by job and outcome (ok, failed, skipped while the database is away).',
      labelNames: ['job', 'outcome'] as const,
      registers,
    }),
    jobLastSuccess: new Gauge({
      name: 'klantwerk_job_last_success_timestamp_seconds',
      help: 'When each background job last finished without error (Unix time).',
      labelNames: ['job'] as const,
      registers,
      aggregator: 'max',
    }),
    mails: new Counter({
      name: 'klantwerk_mails_total',
      help: 'Mails handed to SMTP (or the log without SMTP_URL), by outcome (sent, failed); failed ones are tried again by the job that sends them.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    observePool(pool, max) {
      pools.push({ pool, max });
    },
  };
}
