import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import pino from 'pino';
import type { Config } from './config';
import { watchDatabase } from './db/availability';
import type { Database } from './db/client';
import { createReads } from './db/reads';
import type { Deps } from './deps';
import { backgroundJobs } from './jobs/jobs';
import { type AfterResponse, createAfterResponse } from './lib/after-response';
import { drainConnections } from './lib/drain';
import { loggerOptions } from './lib/logger';
import { countingMailer, createMailer, type Mailer } from './lib/mailer';
import { createMetrics } from './lib/metrics';
import type { Access } from './lib/request-context';
import { isApiPath, MAX_PARAM_LENGTH, routePath } from './lib/route-path';
import { startJobs } from './lib/ticker';
import { authRoutes } from './modules/auth/auth.routes';
import { createBetterAuth } from './modules/auth/better-auth';
import { sendPasswordResetMail } from './modules/auth/password.service';
import { signInPageRoutes } from './modules/auth/sign-in.page';
import { counselRoutes } from './modules/counsel/counsel.routes';
import { extrasRoutes } from './modules/extras/extras.routes';
import { homeRoutes } from './modules/home/home.routes';
import { integrationsRoutes } from './modules/integrations/integrations.routes';
import { learningRoutes } from './modules/learning/learning.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { orgRoutes } from './modules/org/org.routes';
import { privacyRoutes } from './modules/privacy/privacy.routes';
import { promisesRoutes } from './modules/promises/promises.routes';
import { questionsRoutes } from './modules/questions/questions.routes';
import { ssoRoutes } from './modules/sso/sso.routes';
import { systemRoutes } from './modules/system/system.routes';
import { thanksRoutes } from './modules/thanks/thanks.routes';
import { towerRoutes } from './modules/tower/tower.routes';
import { valuesRoutes } from './modules/values/values.routes';
import { followupReplyRoutes } from './modules/voice/followup-reply.public';
import { reactionRequestRoutes } from './modules/voice/reaction-requests.routes';
import { voicePublicRoutes } from './modules/voice/voice.public';
import { voiceRoutes } from './modules/voice/voice.routes';
import { counterRoutes } from './modules/workforce/counter.routes';
import { workforceRoutes } from './modules/workforce/workforce.routes';
import { accessPlugin } from './plugins/access.plugin';
import { errorsPlugin, sendProblem } from './plugins/errors.plugin';
import { headersPlugin } from './plugins/headers.plugin';
import { metricsPlugin } from './plugins/metrics.plugin';
import { readsPlugin } from './plugins/reads.plugin';

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
  /** The route's write verifies the session itself (see FastifyContextConfig.sessionCheckedByWrite). */
  sessionCheckedByWrite: boolean;
  /** The route's zod schemas (body, querystring, params), as declared. */
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
    /** Work run after an answer has left (see lib/after-response); tests wait for it with idle(). */
    afterResponse: AfterResponse;
  }
}

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
export const BODY_LIMIT = 1024 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** A streaming replica of the database for the heavy reads (DATABASE_READ_URL; db/reads.ts). */
  readDatabase?: Database;
  authSecret: string;
  /** Where mail goes; by default SMTP when configured, else the log. */
  mailer?: Mailer;
  /** A ready pino logger (main.ts); without it the app makes one from LOG_LEVEL. */
  loggerInstance?: FastifyBaseLogger;
  version?: string;
  /** Run the background jobs (reminders, the weekly digest, sweeping) in this process; main.ts does, tests call them directly. */
  jobs?: boolean;
  /**
   * This process is a node:cluster worker whose primary called serveClusterMetrics() (lib/metrics-cluster):
   * /metrics then answers with the figures of every worker, summed.
   */
  clusterMetrics?: boolean;
}

/** On a stop, how long open keep-alive connections may still bring a request (answered with Connection: close). */
const KEEP_ALIVE_DRAIN_MS = 1_000;

// The log's options live in lib/logger (main.ts reads them without loading the app); re-exported for tests.
export { loggerOptions } from './lib/logger';

/** Registers every plugin and module; never listens (tests use inject, main.ts listens). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    loggerInstance: options.loggerInstance ?? pino(loggerOptions(config.logLevel)),
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // A request that arrives on an open connection while the app stops is answered (with Connection:
    // close), not refused: the database is still there until the server has closed.
    return503OnClosing: false,
    // Errors the router raises before any hook (malformed or over-long URLs) get the same problem format.
    frameworkErrors: (error, request, reply) =>
      sendProblem(request, reply, error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400, 'validation_failed'),
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  // The route table with each route's access rule: the access tests walk it to prove deny-by-default.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        access: route.config?.access,
        sessionCheckedByWrite: route.config?.sessionCheckedByWrite === true,
        schema: route.schema ?? {},
      });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // While shutting down, answer requests in flight with Connection: close, so their keep-alive
  // connections end with them and closing does not wait for clients to hang up. New connections are
  // refused at once; open ones may bring one more request for a moment (lib/drain.ts) rather than be
  // cut under a request the client is just sending.
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
    if (app.server.listening) await drainConnections(app.server, KEEP_ALIVE_DRAIN_MS);
  });
  // The callback form, as every per-request hook that does not wait: an async one costs a promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  await app.register(headersPlugin, { appUrl: config.appUrl });

  const metrics = createMetrics();
  metrics.observePool(database.pool, database.pool.options.max);
  metrics.dbUp.set(1);
  const watch = watchDatabase(database.pool, app.log, {
    onDown: () => {
      metrics.dbUp.set(0);
      metrics.dbOutages.inc();
    },
    onUp: () => metrics.dbUp.set(1),
    onFailure: () => metrics.dbErrors.inc({ kind: 'unavailable' }),
  });
  app.addHook('onClose', () => watch.stop());
  await app.register(metricsPlugin, {
    metrics,
    token: config.metricsToken,
    clusterMetrics: options.clusterMetrics ?? false,
  });

  const mailer = countingMailer(
    options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log }),
    (outcome) => metrics.mails.inc({ outcome }),
  );
  const afterResponse = createAfterResponse(app.log, watch.failed);
  app.decorate('afterResponse', afterResponse);
  app.addHook('onClose', () => afterResponse.idle());
  const db = database.db;
  const betterAuth = createBetterAuth({
    db,
    appUrl: config.appUrl,
    secret: options.authSecret,
    log: app.log,
    sendResetPassword: ({ user, token }) => sendPasswordResetMail(deps, user, token),
  });
  // What every module is given, the same way (deps.ts).
  const deps: Deps = {
    db,
    config,
    appUrl: config.appUrl,
    secret: options.authSecret,
    mailer,
    log: app.log,
    betterAuth,
    afterResponse,
  };

  if (options.jobs) {
    const stopping = new AbortController();
    app.addHook('preClose', async () => stopping.abort());
    const jobs = backgroundJobs(deps, {
      pool: database.pool,
      version: options.version ?? '0.1.0',
      signal: stopping.signal,
    });
    const running = startJobs(jobs, app.log, {
      get databaseUp() {
        return watch.up;
      },
      databaseFailed: watch.failed,
      ran(job, outcome) {
        metrics.jobRuns.inc({ job, outcome });
        if (outcome === 'ok') metrics.jobLastSuccess.set({ job }, Date.now() / 1000);
      },
    });
    app.addHook('onClose', () => running.stop());
  }

  await app.register(errorsPlugin, {
    databaseFailed: watch.failed,
    queryFailed: () => metrics.dbErrors.inc({ kind: 'query' }),
  });
  // API answers and the reaction page compressed above 1 KiB; the web app's files are compressed at build time.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Klantwerk API',
        version: options.version ?? '0.1.0',
        description:
          'Every route states who may call it. Errors are application/problem+json with a stable `code`, ' +
          'the `requestId` and per-field `errors`. Sign in with POST /api/v1/auth/sign-in; the session cookie does the rest. ' +
          'Another system uses an API key an administrator made (POST /api/v1/api-keys): `Authorization: Bearer kw_...`, ' +
          "with the key's role, on the routes that role may call.",
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'klantwerk.session_token' },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'kw_<43 characters>',
            description: 'An API key of the organisation, made by an administrator; it acts with its own role.',
          },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });
  const appOrigin = new URL(config.appUrl).origin;
  await app.register(accessPlugin, { pool: database.pool, secret: options.authSecret, appOrigin });
  await app.register(readsPlugin, {
    reads: createReads({ primary: database, replica: options.readDatabase, log: app.log }),
    secureCookies: config.appUrl.startsWith('https://'),
  });

  await app.register(async (docs) => {
    // The documentation pages are public; this hook marks only the routes registered in this scope.
    docs.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object), access: 'public' } as typeof route.config;
    });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  await app.register(systemRoutes, {
    prefix: '/api',
    deps,
    version: options.version ?? '0.1.0',
    status: { databaseUp: () => watch.up, draining: () => draining },
  });
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, { deps });
      await v1.register(ssoRoutes, { deps });
      await v1.register(orgRoutes, { deps });
      await v1.register(valuesRoutes, { deps });
      await v1.register(extrasRoutes, { deps });
      await v1.register(notificationsRoutes, { deps });
      await v1.register(learningRoutes, { deps });
      await v1.register(promisesRoutes, { deps });
      await v1.register(questionsRoutes, { deps });
      await v1.register(voiceRoutes, { deps });
      await v1.register(reactionRequestRoutes, { deps });
      await v1.register(counselRoutes, { deps });
      await v1.register(thanksRoutes, { deps });
      await v1.register(towerRoutes, { deps });
      await v1.register(privacyRoutes, { deps });
      await v1.register(workforceRoutes, { deps });
      await v1.register(counterRoutes, { deps });
      await v1.register(integrationsRoutes, { deps });
      await v1.register(homeRoutes, { deps });
    },
    { prefix: '/api/v1' },
  );

  // The customer's reaction page: public, plain HTML, outside the API and the web app.
  await app.register(voicePublicRoutes, { deps });
  // The customer's reply page of a follow-up's conversation: the same, at /r/answer/<token>.
  await app.register(followupReplyRoutes, { deps });
  // The sign-in page: plain HTML from the server as well, so the first page on a new phone opens at once.
  await app.register(signInPageRoutes, {
    deps,
    pool: database.pool,
    appOrigin,
    webRoot: WEB_ROOT,
  });
  await registerWeb(app);
  return app;
}

/**
 * Serves the built web app (public files outside /api, where the access rule applies); any other path that is not under /api gets index.html (client-side routes). */
async function registerWeb(app: FastifyInstance) {
  const hasWeb = existsSync(path.join(WEB_ROOT, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      // One route for every file (GET /*), looked up on disk when asked, rather than a route per file
      // and per compressed copy: some 870 routes cost a third of a second of every start. A file that is
      // not there goes to the not-found handler below, as an unknown path does.
      wildcard: true,
      index: 'index.html',
      // The .br and .gz copies made at build time, chosen by the browser's Accept-Encoding (with Vary).
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    // HEAD answers as GET does (without the body): monitors and link checkers ask HEAD /.
    const forWeb = (request.method === 'GET' || request.method === 'HEAD') && !isApiPath(routePath(request));
    if (forWeb && hasWeb) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (forWeb) {
      return reply.type('text/plain').code(503).send('The web app is not built yet: run `npm run build`.');
    }
    return sendProblem(request, reply, 404, 'not_found');
  });
}
