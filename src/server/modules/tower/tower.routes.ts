import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tower } from '../../../contracts/tower.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { STEERING } from '../../lib/roles';
import { heavyRead } from '../../plugins/reads.plugin';
import { findTower } from './tower.service';

// The tower reads where the heavy reads go (the read replica when there is one): deps.db is not used.
export const towerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app) => {
  app.get('/tower', {
    config: { access: STEERING },
    schema: {
      tags: ['tower'],
      summary:
        'The director’s overview: extras and reactions, mandate, customer voice, promises, the weakest link, core questions, counsel — each with its trend',
      response: { 200: tower, ...problems },
    },
    handler: (request) => heavyRead(request, (read) => findTower(read, tenantOf(request))),
  });
};
