import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config';
import type { Db } from './db/client';
import type { AfterResponse } from './lib/after-response';
import type { Mailer } from './lib/mailer';
import type { BetterAuth } from './modules/auth/better-auth';

/**
 * What the app hands every module: built once in app.ts and passed the same way to each module's routes
 * plugin (`{ deps }`) and to the background jobs (jobs/).
 *
 * A service function takes what it uses, one way: `db: Db` (or `tx: Tx`, to run in its caller's
 * transaction) when the database is all it needs, else `deps` first, typed as `Pick<Deps, …>` naming
 * the pieces it uses (the module's `…Deps` type), so a test or a job passes just those.
 */
export interface Deps {
  db: Db;
  config: Config;
  /** config.appUrl: the address links in mail and on QR codes start with. */
  appUrl: string;
  /** AUTH_SECRET: signs session cookies and known-device tags, derives invitation links and ballot keys, seals SSO client secrets. */
  secret: string;
  mailer: Mailer;
  log: FastifyBaseLogger;
  betterAuth: BetterAuth;
  /** Where the work goes that must not shape an answer (mail, hashing: see sign-up and forgot-password). */
  afterResponse: AfterResponse;
}
