import path from 'node:path';
import type { Pool } from 'pg';
import type { Deps } from '../deps';
import { foldDayDeltas, foldDaySums, sweepExpired } from '../lib/sweep';
import type { Job } from '../lib/ticker';
import { deliverDueWebhooks, sweepOldDeliveries } from '../modules/integrations/webhooks.delivery';
import { sendDueDigests } from '../modules/learning/digest.service';
import { eraseOldFigureViews } from '../modules/privacy/figure-views.service';
import { pseudonymiseOldCustomers } from '../modules/privacy/retention';
import { sendDueReminders } from '../modules/promises/reminders.service';
import { runCampaignJobs } from '../modules/questions/campaign-jobs.service';
import { eraseOldRequestAddresses } from '../modules/voice/reaction-requests.service';
import { eraseOldContacts } from '../modules/voice/reactions.service';
import { nightlyBackupJob } from '../ops/backup';

// The background jobs of one app process: what each runs and how often. app.ts starts them (startJobs in
// lib/ticker) when main.ts asks for them; tests call the jobs' functions directly.

export interface JobOptions {
  /** The database's pool: the nightly backup of the embedded database reads it. */
  pool: Pool;
  /** The app's version, written into each backup. */
  version: string;
  /** Aborted when the app stops: a backup under way gives up. */
  signal: AbortSignal;
}

export function backgroundJobs(deps: Deps, options: JobOptions): Job[] {
  const { db, config, log } = deps;
  const jobs: Job[] = [
    {
      name: 'step reminders',
      everyMs: 5 * 60_000,
      firstAfterMs: 30_000,
      run: async () => void (await sendDueReminders(deps)),
    },
    {
      name: 'core-question campaigns',
      everyMs: 5 * 60_000,
      firstAfterMs: 20_000,
      run: async () => {
        const done = await runCampaignJobs(deps);
        if (done.opened + done.closed + done.reminded > 0) log.info(done, 'campaigns opened, reminded, closed');
      },
    },
    {
      // The deltas each logged extra appends to the day sums, folded in (the readers add what is not yet).
      name: 'fold day sums',
      everyMs: 10_000,
      firstAfterMs: 10_000,
      run: async () => void (await foldDayDeltas(db)),
    },
    {
      name: 'sweep expired rows',
      everyMs: 60 * 60_000,
      firstAfterMs: 5 * 60_000,
      run: async () =>
        void log.info(
          {
            swept: await sweepExpired(db),
            contactsErased: await eraseOldContacts(db),
            requestAddressesErased: await eraseOldRequestAddresses(db),
            pseudonymised: await pseudonymiseOldCustomers(db),
            figureViewsErased: await eraseOldFigureViews(db),
            daySumSlotsFolded: await foldDaySums(db),
            webhookDeliveriesForgotten: await sweepOldDeliveries(db),
          },
          'expired rows swept',
        ),
    },
    {
      name: 'webhook deliveries',
      everyMs: 10_000,
      firstAfterMs: 10_000,
      run: async () => {
        const done = await deliverDueWebhooks({
          db,
          log,
          appUrl: config.appUrl,
          allowPrivate: config.webhookAllowPrivate,
        });
        if (done.delivered + done.retrying + done.failed > 0) log.info(done, 'webhooks sent');
      },
    },
  ];
  if (config.smtpUrl) {
    jobs.push({
      name: 'weekly digest',
      everyMs: 5 * 60_000,
      firstAfterMs: 60_000,
      run: async () => void (await sendDueDigests(deps)),
    });
  } else {
    log.info('weekly digest e-mails are off: set SMTP_URL to send them');
  }
  // The embedded database is backed up by the app; an external one by its own means (docs/deploy.md).
  if (!config.databaseUrl && config.backup.hour !== undefined) {
    jobs.push(
      nightlyBackupJob({
        pool: options.pool,
        dataDir: config.dataDir,
        hour: config.backup.hour,
        keepDays: config.backup.keepDays,
        appVersion: options.version,
        // Kept in the backup when the app generated it (no AUTH_SECRET set): a restore elsewhere needs it.
        authSecretFile: path.join(config.dataDir, 'auth-secret'),
        log,
        signal: options.signal,
      }),
    );
  }
  return jobs;
}
