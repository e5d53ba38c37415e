import type { FastifyBaseLogger } from 'fastify';

/**
 * Work that must not shape an answer: the answer goes out first, then the work runs. Sign-up and
 * forgot-password answer the same for known and unknown addresses, and by this also in the same
 * time: hashing, looking the address up and sending mail all happen after the answer has left.
 * Closing the app waits for work in flight; tests wait for it with idle().
 */
export interface AfterResponse {
  run(name: string, work: () => Promise<unknown>): void;
  /** Resolves when nothing is waiting or running (work started meanwhile included). */
  idle(): Promise<void>;
}

/** `databaseAway` reports a failure to the database watch: true when the database is away (logged there, once per outage). */
export function createAfterResponse(
  log: FastifyBaseLogger,
  databaseAway: (err: unknown) => boolean = () => false,
): AfterResponse {
  const pending = new Set<Promise<void>>();
  return {
    run(name, work) {
      // setImmediate: after the I/O of this turn, so the answer is written before the work starts.
      const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .then(
          () => undefined,
          (err: unknown) => {
            if (!databaseAway(err)) log.error({ err, work: name }, 'work after the answer failed');
          },
        )
        .finally(() => pending.delete(running));
      pending.add(running);
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
