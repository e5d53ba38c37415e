import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LANGUAGES } from '../../../contracts/constants';
import { runtimeConfig, webManifest } from '../../../contracts/system.contract';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/app-error';
import { languageFromHeader, translate } from '../../lib/i18n';
import { problems } from '../../lib/openapi';
import { findOrganization, isEmptyInstance } from '../org/org.service';

/** The app's colour (Mantine blue 9): the phone's status bar and the installed app's splash. */
const THEME_COLOR = '#1864ab';
const ICONS = [
  { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
  { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
  { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
];

interface Status {
  /** False from a failure that says the database is away until it answers again (db/availability.ts). */
  databaseUp(): boolean;
  /** True once the app is stopping. */
  draining(): boolean;
}

/** Probes for load balancers and the runtime configuration the web app reads at start. */
export const systemRoutes: FastifyPluginAsyncZod<{
  deps: Deps;
  version: string;
  status: Status;
}> = async (app, { deps: { db, config, mailer }, version, status }) => {
  // Liveness: 200 while the process runs and answers, also while the database is away: restarting the
  // app does not bring a database back, and a supervisor that did so on every database restart would
  // restart every app server at once. The body says what the app last saw of the database.
  app.get('/health', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: {
      tags: ['system'],
      summary: 'Liveness: the process is alive (200 also while the database is away; see /api/ready)',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['up', 'down']) }) },
    },
    handler: async () => ({
      status: 'ok' as const,
      database: status.databaseUp() ? ('up' as const) : ('down' as const),
    }),
  });

  // Readiness: whether to send this process requests. 503 (with Retry-After, the problem code
  // database_unavailable) while the database does not answer, and 503 unavailable once stopping.
  app.get('/ready', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: {
      tags: ['system'],
      summary: 'Readiness: the database answers and the app is not stopping (503 with Retry-After otherwise)',
      response: { 200: z.object({ status: z.literal('ready') }), 503: problems[503] },
    },
    handler: async () => {
      if (status.draining()) throw new AppError('unavailable', 503);
      // A failure here reaches the errors plugin: database_unavailable, 503, Retry-After.
      await db.execute(sql`select 1`);
      return { status: 'ready' as const };
    },
  });

  // Fetched by the browser with the session cookie (crossorigin="use-credentials"), so the app installs
  // under the organisation's name and in the person's language (else the browser's).
  app.get('/manifest.webmanifest', {
    config: { access: 'public' },
    logLevel: 'warn',
    schema: {
      tags: ['system'],
      summary: 'The web app manifest (install Klantwerk on a phone)',
      response: { 200: webManifest },
    },
    handler: async (request, reply) => {
      const language = request.auth?.language ?? languageFromHeader(request.headers['accept-language']);
      const organization = request.tenant ? (await findOrganization({ db }, request.tenant)).name : null;
      reply.type('application/manifest+json; charset=utf-8');
      return {
        id: '/',
        name: organization ? `Klantwerk · ${organization}` : 'Klantwerk',
        short_name: 'Klantwerk',
        description: translate(language, 'app.manifestDescription'),
        lang: language,
        dir: 'ltr' as const,
        start_url: '/',
        scope: '/',
        display: 'standalone' as const,
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: THEME_COLOR,
        icons: ICONS,
        shortcuts: [
          {
            name: translate(language, 'extras.log.title'),
            short_name: translate(language, 'app.manifestLogShort'),
            url: '/extras/new',
            icons: ICONS.slice(0, 1),
          },
        ],
      };
    },
  });

  // Once an organisation exists the server is not empty again (organisations are not deleted): asked no more.
  let knownNotEmpty = false;
  const emptyInstance = async () => {
    if (knownNotEmpty) return false;
    const empty = await isEmptyInstance(db);
    knownNotEmpty = !empty;
    return empty;
  };
  const appUrlLocal = isLocalAddress(config.appUrl);

  app.get('/config', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Runtime configuration for the web app', response: { 200: runtimeConfig } },
    handler: async () => ({
      version,
      signUpEnabled: config.signUpEnabled,
      emptyInstance: await emptyInstance(),
      appUrlLocal,
      mailDelivers: mailer.delivers,
      languages: [...LANGUAGES],
      defaultLanguage: 'nl' as const,
      currency: 'EUR' as const,
    }),
  });
};

/** An address only this machine can open: localhost, 127.x, ::1, 0.0.0.0. */
export function isLocalAddress(appUrl: string): boolean {
  const host = new URL(appUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '::1' || host === '0.0.0.0'
  );
}
