import type { FastifyBaseLogger } from 'fastify';
import type { JobOutcome } from './metrics';

export interface Job {
  name: string;
  /** Time between the end of one run and the start of the next. */
  everyMs: number;
  /** Wait before the first run, so a start is not slowed down. */
  firstAfterMs: number;
  run(): Promise<void>;
}

export interface JobWatch {
  /** While false (the database is away) runs are skipped quietly. */
  readonly databaseUp: boolean;
  /** Reports an error; true when it means the database is away (logged once per outage elsewhere). */
  databaseFailed(err: unknown): boolean;
  ran(job: string, outcome: JobOutcome): void;
}

const noWatch: JobWatch = { databaseUp: true, databaseFailed: () => false, ran: () => {} };

/**
 * Runs background jobs in this process, each never twice at once. What makes a job's work happen once
 * across processes and restarts is the job's own claim in the database, not this timer: every process
 * may run every job. While the database is away a run is skipped, and one that fails because it went
 * away is not logged (the outage is, once): the next run does the work.
 */
export function startJobs(jobs: Job[], log: FastifyBaseLogger, watch: JobWatch = noWatch) {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (job: Job, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!watch.databaseUp) {
        watch.ran(job.name, 'skipped');
        schedule(job, job.everyMs);
        return;
      }
      const run = job
        .run()
        .then(
          () => watch.ran(job.name, 'ok'),
          (err: unknown) => {
            watch.ran(job.name, 'failed');
            if (watch.databaseFailed(err)) log.debug({ job: job.name }, 'background job stopped: the database is away');
            else log.error({ err, job: job.name }, 'background job failed; it runs again later');
          },
        )
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
