import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inbox, setup, setupStepBody } from '../../../contracts/home.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { ADMIN, EVERYONE } from '../../lib/roles';
import { findInbox } from './inbox.service';
import { findSetup, skipSetupStep } from './setup.service';

export const homeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['home'];

  app.get('/me/inbox', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary:
        'What waits for me today, by role: follow-ups, notices above the mandate, weekly picks and late team steps (managers); ' +
        'the decision queue and what changed (directors); open rounds to answer and my teams’ steps (everyone); the first run (administrators of a new organisation)',
      response: { 200: inbox, ...problems },
    },
    handler: (request) => findInbox(deps, tenantOf(request)),
  });

  app.get('/setup', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'The first-run checklist: purpose, values, offerings, teams, mandates, invitations — done or skipped',
      response: { 200: setup, ...problems },
    },
    handler: (request) => findSetup(deps.db, tenantOf(request)),
  });

  app.put('/setup/skipped', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Skip a first-run step for now, or take it up again',
      body: setupStepBody,
      response: { 200: setup, ...problems },
    },
    handler: (request) => skipSetupStep(deps.db, tenantOf(request), request.body.step, request.body.skipped),
  });
};
