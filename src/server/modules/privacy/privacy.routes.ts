import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { myDataExport } from '../../../contracts/privacy.contract';
import type { Db } from '../../db/client';
import { problems } from '../../lib/openapi';
import { EVERYONE } from '../../lib/roles';
import { tenantOf } from '../../plugins/access.plugin';
import { exportMyData } from './privacy.service';

export const privacyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get('/me/export', {
    config: { access: EVERYONE },
    schema: {
      tags: ['me'],
      summary: 'Download everything this organisation holds about you, as one JSON file (your answers to core questions are anonymous and not in it)',
      response: { 200: myDataExport, ...problems },
    },
    handler: async (request, reply) => {
      const file = await exportMyData(db, tenantOf(request));
      const day = file.exportedAt.slice(0, 10);
      return reply
        .header('content-disposition', `attachment; filename="klantwerk-my-data-${day}.json"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  });
};
