import type { FastifyBaseLogger } from 'fastify';

export interface Job {
  name: string;
  /** Time between the end of one run and the start of the next. */
  everyMs: number;
  /** Wait before the first run, so a start is not slowed down. */
  firstAfterMs: number;
  run(): Promise<void>;
}

/**
 * Runs background jobs in this process, each never twice at once. What makes a job's work happen once
 * across processes and restarts is the job's own claim in the database, not this timer: every process
 * may run every job.
 */
export function startJobs(jobs: Job[], log: FastifyBaseLogger) {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = job
        .run()
        .catch((err: unknown) => log.error({ err, job: job.name }, 'background job failed; it runs again later'))
        .finally(() => {
          running.delete(run);
          schedule(job, job.everyMs);
        });
      running.add(run);
    }, delay);
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) schedule(job, job.firstAfterMs);

  return {
    /** No new runs; waits for the runs in progress to finish. */
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
