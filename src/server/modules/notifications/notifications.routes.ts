import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notificationList, notificationParams } from '../../../contracts/notifications.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { EVERYONE } from '../../lib/roles';
import * as service from './notifications.service';

export const notificationsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  const tags = ['notifications'];
  app.get('/notifications', {
    config: { access: EVERYONE },
    schema: { tags, summary: 'My notifications, newest first', response: { 200: notificationList, ...problems } },
    handler: (request) => service.listNotifications(db, tenantOf(request)),
  });
  app.post('/notifications/read-all', {
    config: { access: EVERYONE },
    schema: { tags, summary: 'Mark all my notifications read', response: { 204: z.null(), ...problems } },
    handler: async (request, reply) => {
      await service.markRead(db, tenantOf(request), 'all');
      return reply.code(204).send(null);
    },
  });
  app.post('/notifications/:notificationId/read', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Mark one notification read',
      params: notificationParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.markRead(db, tenantOf(request), request.params.notificationId);
      return reply.code(204).send(null);
    },
  });
};
