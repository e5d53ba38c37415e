import cluster from 'node:cluster';
import type pino from 'pino';
import { buildApp } from './app';
import type { Config } from './config';
import { openDatabase } from './db/client';

// One app process: the Fastify app on its own pool, listening on PORT. main.ts runs it in its own
// process (APP_PROCESSES=1) or in each node:cluster worker, which share the port. Loaded lazily, so a
// primary that only forks workers never loads the app.

export interface ServeOptions {
  config: Config;
  databaseUrl: string;
  authSecret: string;
  log: pino.Logger;
  version: string;
  /** Only one process on a machine runs the background jobs. */
  jobs: boolean;
}

export interface Serving {
  /** Stops taking connections, finishes the requests in flight and the jobs running, closes the pool. */
  close(): Promise<void>;
}

export async function serveApp(options: ServeOptions): Promise<Serving> {
  const { config, log } = options;
  const database = openDatabase(options.databaseUrl, { max: config.dbPoolMax });
  const readDatabase = config.databaseReadUrl
    ? openDatabase(config.databaseReadUrl, { max: config.dbPoolMax })
    : undefined;
  const closeDatabases = () => Promise.all([database.close(), readDatabase?.close()]).catch(() => {});
  try {
    const app = await buildApp({
      config,
      database,
      ...(readDatabase ? { readDatabase } : {}),
      authSecret: options.authSecret,
      loggerInstance: log,
      version: options.version,
      jobs: options.jobs,
      // Under node:cluster, /metrics asks the primary for every worker's figures (lib/metrics-cluster).
      clusterMetrics: cluster.isWorker,
    });
    await app.listen({ port: config.port, host: config.host });
    return {
      close: async () => {
        await app.close().catch((err: unknown) => log.error({ err }, 'error while closing the server'));
        await closeDatabases();
      },
    };
  } catch (err) {
    await closeDatabases();
    throw err;
  }
}

/** What a failed start tells the person who started it (stderr), beside the log line. */
export function startFailure(err: unknown, port: number): string {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return `Port ${port} is already in use. Stop the other program or set PORT.`;
  return `Klantwerk could not start: ${err instanceof Error ? err.message : String(err)}`;
}
