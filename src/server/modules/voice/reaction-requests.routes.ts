import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reactionRequestState, sendReactionRequestBody } from '../../../contracts/reaction-requests.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { STAFF } from '../../lib/roles';
import { type RequestSubject, requestState, sendRequest } from './reaction-requests.service';

// Asking the customer for a reaction by e-mail, from an extra or a delivered promise (once each).

const SUBJECTS: { subject: RequestSubject; path: string; param: 'extraId' | 'promiseId'; what: string }[] = [
  { subject: 'extra', path: '/extras/:extraId/reaction-request', param: 'extraId', what: 'an extra' },
  {
    subject: 'promise',
    path: '/promises/:promiseId/reaction-request',
    param: 'promiseId',
    what: 'a delivered promise',
  },
];

export const reactionRequestRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['customer voice'];
  for (const { subject, path, param, what } of SUBJECTS) {
    const params = z.object({ [param]: z.uuid() });
    const idOf = (p: Record<string, string>) => p[param]!;

    app.get(path, {
      config: { access: STAFF },
      schema: {
        tags,
        summary: `Whether the customer of ${what} was asked for a reaction by e-mail, and whether they may be`,
        params,
        response: { 200: reactionRequestState, ...problems },
      },
      handler: (request) => requestState(deps, tenantOf(request), subject, idOf(request.params)),
    });

    app.post(path, {
      config: { access: STAFF },
      schema: {
        tags,
        summary: `E-mail the customer of ${what} its reaction link, once, with their consent recorded`,
        params,
        body: sendReactionRequestBody,
        response: { 201: reactionRequestState, ...problems },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await sendRequest(deps, tenantOf(request), subject, idOf(request.params), request.body)),
    });
  }
};
