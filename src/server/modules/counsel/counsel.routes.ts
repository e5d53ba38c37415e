import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { prose } from '../../../contracts/common.contract';
import {
  createNeedBody,
  createProposalBody,
  decisionBody,
  decisionQueue,
  need,
  needList,
  needParams,
  proposal,
  proposalList,
  proposalParams,
  proposalsQuery,
  recogniseBody,
  supportBody,
  updateProposalBody,
} from '../../../contracts/counsel.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { EVERYONE, STEERING } from '../../lib/roles';
import * as service from './counsel.service';
import * as needs from './needs.service';

const resubmitBody = z.strictObject({ reason: prose(2000).pipe(z.string().min(1)) });

export const counselRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  const tags = ['counsel'];

  app.get('/needs', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'The needs register: recognised first, then by support',
      response: { 200: needList, ...problems },
    },
    handler: (request) => needs.listNeeds(db, tenantOf(request)),
  });

  app.post('/needs', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Raise a need of the organisation or its people: what, for whom, why now',
      body: createNeedBody,
      response: { 201: need, ...problems },
    },
    handler: async (request, reply) => reply.code(201).send(await needs.raiseNeed(db, tenantOf(request), request.body)),
  });

  app.put('/needs/:needId/support', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Support a need (or stop supporting it)',
      params: needParams,
      body: supportBody,
      response: { 200: need, ...problems },
    },
    handler: (request) => needs.supportNeed(db, tenantOf(request), request.params.needId, request.body.support),
  });

  app.put('/needs/:needId/recognition', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'The director recognises a need (proposals that serve none are flagged)',
      params: needParams,
      body: recogniseBody,
      response: { 200: need, ...problems },
    },
    handler: (request) => needs.recogniseNeed(db, tenantOf(request), request.params.needId, request.body.recognised),
  });

  app.get('/proposals', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Proposals: mine; directors and admins see all',
      querystring: proposalsQuery,
      response: { 200: proposalList, ...problems },
    },
    handler: (request) => service.listProposals(db, tenantOf(request), request.query),
  });

  app.post('/proposals', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Put a proposal before the director as a one-page brief',
      body: createProposalBody,
      response: { 201: proposal, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.submitProposal(db, tenantOf(request), request.body)),
  });

  app.get('/proposals/:proposalId', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'One proposal with its history',
      params: proposalParams,
      response: { 200: proposal, ...problems },
    },
    handler: (request) => service.findProposal(db, tenantOf(request), request.params.proposalId),
  });

  app.patch('/proposals/:proposalId', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'The author edits the brief while it waits or after more was asked',
      params: proposalParams,
      body: updateProposalBody,
      response: { 200: proposal, ...problems },
    },
    handler: (request) => service.updateProposal(db, tenantOf(request), request.params.proposalId, request.body),
  });

  app.post('/proposals/:proposalId/resubmit', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'After the director asked for more: answer and put it back in the queue',
      params: proposalParams,
      body: resubmitBody,
      response: { 200: proposal, ...problems },
    },
    handler: (request) =>
      service.resubmitProposal(db, tenantOf(request), request.params.proposalId, request.body.reason),
  });

  app.post('/proposals/:proposalId/withdraw', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'The author withdraws a proposal that is not decided yet',
      params: proposalParams,
      response: { 200: proposal, ...problems },
    },
    handler: (request) => service.withdrawProposal(db, tenantOf(request), request.params.proposalId),
  });

  app.get('/decision-queue', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'The director’s decision queue, oldest first, with the time decisions take',
      response: { 200: decisionQueue, ...problems },
    },
    handler: (request) => service.decisionQueue(db, tenantOf(request)),
  });

  app.post('/proposals/:proposalId/decision', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Approve, decline or ask for more, with the reason; the author is told',
      params: proposalParams,
      body: decisionBody,
      response: { 200: proposal, ...problems },
    },
    handler: (request) => service.decide(db, tenantOf(request), request.params.proposalId, request.body),
  });
};
