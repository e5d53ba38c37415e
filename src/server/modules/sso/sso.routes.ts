import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  putSsoConnectionBody,
  ssoCallbackQuery,
  ssoDomainCheck,
  ssoJoinRequest,
  ssoJoinRequestParams,
  ssoSettings,
  ssoStartQuery,
} from '../../../contracts/sso.contract';
import type { Deps } from '../../deps';
import { AppError } from '../../lib/app-error';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { ADMIN } from '../../lib/roles';
import { safeNext } from '../auth/sign-in.page';
import * as service from './sso.service';
import * as flow from './sso-flow.service';

function readFlowCookie(request: FastifyRequest): string | null {
  const match = new RegExp(`(?:^|;\\s*)${flow.FLOW_COOKIE.replace('.', '\\.')}=([A-Za-z0-9_-]{16,128})`).exec(
    request.headers.cookie ?? '',
  );
  return match?.[1] ?? null;
}

const redirect = z.null().describe('See Other: the Location header says where the browser goes');

/** Browser navigations end on the sign-in page, which says what went wrong in the person's language. */
// biome-ignore lint/suspicious/noExplicitAny: any route's reply, whatever its schema
function backToSignIn(reply: FastifyReply<any>, params: Record<string, string>) {
  return reply
    .code(303)
    .header('location', `/sign-in?${new URLSearchParams(params)}`)
    .send(null);
}

export const ssoRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const secure = deps.appUrl.startsWith('https://');

  app.get('/auth/sso/start', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary:
        "Sign in with the organisation's identity provider (OpenID Connect): answers 303 to the provider of the address's domain, or to /sign-in with the problem",
      querystring: ssoStartQuery,
      response: { 303: redirect, ...problems },
    },
    handler: async (request, reply) => {
      const next = safeNext(request.query.next);
      try {
        const started = await flow.startSignIn(deps, request.query.email, next);
        reply.header('set-cookie', flow.flowCookie(started.state, secure));
        return reply.code(303).header('location', started.url).send(null);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        return backToSignIn(reply, { problem: err.code, email: request.query.email });
      }
    },
  });

  app.get('/auth/sso/callback', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary:
        'Where the identity provider sends the browser back (the redirect URI to register): signs in and answers 303',
      querystring: ssoCallbackQuery,
      response: { 303: redirect, ...problems },
    },
    handler: async (request, reply) => {
      reply.header('set-cookie', flow.clearFlowCookie(secure));
      try {
        const outcome = await flow.finishSignIn(deps, request.query, {
          cookieState: readFlowCookie(request),
          ip: request.ip,
          userAgent: String(request.headers['user-agent'] ?? '').slice(0, 500),
        });
        if (outcome.kind === 'pending') return backToSignIn(reply, { notice: 'sso_pending' });
        reply.header('set-cookie', outcome.cookie);
        return reply.code(303).header('location', outcome.next).send(null);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return backToSignIn(reply, { problem: err.code });
      }
    },
  });

  app.get('/sso', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary: "The organisation's identity provider (never its client secret) and the redirect URI to register there",
      response: { 200: ssoSettings, ...problems },
    },
    handler: (request) => service.findSettings(deps, tenantOf(request)),
  });

  app.put('/sso', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary:
        "Connect or change the organisation's identity provider (its discovery document is fetched first); the client secret is kept encrypted",
      body: putSsoConnectionBody,
      response: { 200: ssoSettings, ...problems },
    },
    handler: (request) => service.putConnection(deps, tenantOf(request), request.body),
  });

  app.post('/sso/domains/check', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary:
        'Look up the DNS TXT record klantwerk-verification=… of each unproven domain now: a proven domain signs in with the provider',
      response: { 200: ssoDomainCheck, ...problems },
    },
    handler: (request) => service.checkDomains(deps, tenantOf(request)),
  });

  app.delete('/sso', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary: 'Disconnect the identity provider (password sign-in works again)',
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.deleteConnection(deps, tenantOf(request));
      return reply.code(204).send(null);
    },
  });

  app.get('/sso/requests', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary: 'People who signed in with the identity provider for the first time and wait for approval',
      response: { 200: z.object({ items: z.array(ssoJoinRequest) }), ...problems },
    },
    handler: async (request) => ({ items: await service.listJoinRequests(deps, tenantOf(request)) }),
  });

  app.post('/sso/requests/:requestId/approve', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary: 'Let them in as a member; they sign in again with the identity provider',
      params: ssoJoinRequestParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.approveJoinRequest(deps, tenantOf(request), request.params.requestId);
      return reply.code(204).send(null);
    },
  });

  app.delete('/sso/requests/:requestId', {
    config: { access: ADMIN },
    schema: {
      tags: ['sso'],
      summary: 'Decline a request to join',
      params: ssoJoinRequestParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.declineJoinRequest(deps, tenantOf(request), request.params.requestId);
      return reply.code(204).send(null);
    },
  });
};
