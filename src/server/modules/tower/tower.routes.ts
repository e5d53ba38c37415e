import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { tower } from '../../../contracts/tower.contract';
import type { Db } from '../../db/client';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { STEERING } from '../../lib/roles';
import { findTower } from './tower.service';

export const towerRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
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
