import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiKey,
  apiKeyParams,
  createApiKeyBody,
  createdApiKey,
  createdWebhookEndpoint,
  createWebhookBody,
  updateWebhookBody,
  webhookDelivery,
  webhookEndpoint,
  webhookParams,
} from '../../../contracts/integrations.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { ADMIN } from '../../lib/roles';
import * as service from './integrations.service';

export const integrationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, options) => {
  const deps = service.integrationsDepsOf(options.deps);
  const tags = ['integrations'];

  app.get('/webhooks', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Webhook addresses, with how their last delivery went (never their secret)',
      response: { 200: z.object({ items: z.array(webhookEndpoint) }), ...problems },
    },
    handler: async (request) => ({ items: await service.listWebhooks(deps, tenantOf(request)) }),
  });

  app.post('/webhooks', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary:
        'Register an address for events. The answer holds the signing secret, once: every delivery carries ' +
        'Klantwerk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the secret>',
      body: createWebhookBody,
      response: { 201: createdWebhookEndpoint, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createWebhook(deps, tenantOf(request), request.body)),
  });

  app.patch('/webhooks/:webhookId', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Change an address, its events or format, or pause it',
      params: webhookParams,
      body: updateWebhookBody,
      response: { 200: webhookEndpoint, ...problems },
    },
    handler: (request) => service.updateWebhook(deps, tenantOf(request), request.params.webhookId, request.body),
  });

  app.delete('/webhooks/:webhookId', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Remove an address and its log',
      params: webhookParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.deleteWebhook(deps, tenantOf(request), request.params.webhookId);
      return reply.code(204).send(null);
    },
  });

  app.get('/webhooks/:webhookId/deliveries', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'The delivery log of an address: the last 100, newest first (kept 30 days)',
      params: webhookParams,
      response: { 200: z.object({ items: z.array(webhookDelivery) }), ...problems },
    },
    handler: async (request) => ({
      items: await service.listDeliveries(deps, tenantOf(request), request.params.webhookId),
    }),
  });

  app.get('/api-keys', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'API keys of the organisation (never the keys themselves)',
      response: { 200: z.object({ items: z.array(apiKey) }), ...problems },
    },
    handler: async (request) => ({ items: await service.listApiKeys(deps, tenantOf(request)) }),
  });

  app.post('/api-keys', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary:
        'Make an API key with a role and an expiry. The answer holds the key, once; send it as ' +
        'Authorization: Bearer kw_... to call the routes that role may call',
      body: createApiKeyBody,
      response: { 201: createdApiKey, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createApiKey(deps, tenantOf(request), request.body)),
  });

  app.post('/api-keys/:keyId/revoke', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Revoke an API key: refused from the next call on',
      params: apiKeyParams,
      response: { 200: apiKey, ...problems },
    },
    handler: (request) => service.revokeApiKey(deps, tenantOf(request), request.params.keyId),
  });
};
