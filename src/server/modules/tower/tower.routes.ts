import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tower } from '../../../contracts/tower.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { STEERING } from '../../lib/roles';
import { findTower } from './tower.service';

export const towerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  app.get('/tower', {
    config: { access: STEERING },
    schema: {
      tags: ['tower'],
      summary:
        'The director’s overview: extras and reactions, mandate, customer voice, promises, the weakest link, core questions, counsel — each with its trend',
      response: { 200: tower, ...problems },
    },
    handler: (request) => findTower(db, tenantOf(request)),
  });
};
