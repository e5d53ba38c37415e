import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { runtimeConfig } from '../../../contracts/system.contract';
import { LANGUAGES } from '../../../contracts/constants';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/app-error';

/** Probes for load balancers and the runtime configuration the web app reads at start. */
export const systemRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config; version: string }> = async (
  app,
  { db, config, version },
) => {
  app.get('/health', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: { tags: ['system'], summary: 'The process is alive', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/ready', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: {
      tags: ['system'],
      summary: 'The database answers (503 when it does not)',
      response: { 200: z.object({ status: z.literal('ready') }) },
    },
    handler: async () => {
      try {
        await db.execute(sql`select 1`);
      } catch {
        throw new AppError('unavailable', 503);
      }
      return { status: 'ready' as const };
    },
  });

  app.get('/config', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Runtime configuration for the web app', response: { 200: runtimeConfig } },
    handler: async () => ({
      version,
      signUpEnabled: config.signUpEnabled,
      languages: [...LANGUAGES],
      defaultLanguage: 'nl' as const,
      currency: 'EUR' as const,
    }),
  });
};
