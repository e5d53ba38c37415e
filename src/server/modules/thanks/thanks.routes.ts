import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createThanksBody,
  teamThanksParams,
  thanks,
  thanksListQuery,
  thanksPage,
  thanksParams,
} from '../../../contracts/thanks.contract';
import type { Deps } from '../../deps';
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from '../../lib/idempotency';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { STAFF } from '../../lib/roles';
import * as service from './thanks.service';

export const thanksRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  const tags = ['thanks'];

  app.post('/thanks', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        'Thank a colleague or a team for internal help, in words and optionally with a value (send an Idempotency-Key: a retry never thanks twice)',
      headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(100).optional() }),
      body: createThanksBody,
      response: { 201: thanks, ...problems },
    },
    handler: async (request, reply) => {
      const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_HEADER]);
      const result = await service.giveThanks(db, tenantOf(request), request.body, key);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status as 201).send(result.body);
    },
  });

  app.get('/thanks/received', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Thanks I received, to me and to my teams, newest first',
      querystring: thanksListQuery,
      response: { 200: thanksPage, ...problems },
    },
    handler: (request) => service.receivedThanks(db, tenantOf(request), request.query),
  });

  app.delete('/thanks/:thanksId', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Take back thanks I gave',
      params: thanksParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.takeBack(db, tenantOf(request), request.params.thanksId);
      return reply.code(204).send(null);
    },
  });

  app.get('/teams/:teamId/thanks', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "A team's thanks for its feed: to the team and its members, and from it, newest first",
      params: teamThanksParams,
      querystring: thanksListQuery,
      response: { 200: thanksPage, ...problems },
    },
    handler: (request) => service.teamThanks(db, tenantOf(request), request.params.teamId, request.query),
  });
};
