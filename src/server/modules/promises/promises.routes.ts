import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  chain,
  checkPromiseBody,
  completeStepBody,
  createPromiseBody,
  customerList,
  customersQuery,
  deliveryBody,
  guidelineCheck,
  periodQuery,
  promiseDetail,
  promisePage,
  promiseParams,
  promisesCsvQuery,
  promisesQuery,
  putScanBody,
  ratingBody,
  renegotiateBody,
  scan,
  scanQuery,
  sendBackBody,
  stepCommentBody,
  stepCommentList,
  stepOwnerBody,
  stepParams,
  teamFigures,
  teamFiguresQuery,
  workList,
  workListQuery,
} from '../../../contracts/promises.contract';
import type { Deps } from '../../deps';
import { localDay } from '../../lib/days';
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from '../../lib/idempotency';
import { problems } from '../../lib/openapi';
import { authOf, tenantOf } from '../../lib/request-context';
import { STAFF } from '../../lib/roles';
import { heavyRead } from '../../plugins/reads.plugin';
import * as chains from './chain.service';
import * as handoffs from './handoffs.service';
import * as lists from './promise-lists.service';
import * as service from './promises.service';
import * as steps from './steps.service';

export const promisesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  const tags = ['promises'];

  app.get('/customers', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Customers whose name holds q, newest first (to pick one for a promise)',
      querystring: customersQuery,
      response: { 200: customerList, ...problems },
    },
    handler: (request) => service.searchCustomers(db, tenantOf(request), request.query.q),
  });

  app.post('/promises/check', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Which guidelines of the offer profile a promise would break, before it is made',
      body: checkPromiseBody,
      response: { 200: guidelineCheck, ...problems },
    },
    handler: async (request) => ({ breaches: await service.guidelineBreaches(db, tenantOf(request), request.body) }),
  });

  app.post('/promises', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        'Record a promise to a customer with its hand-offs (a promise that breaks the offer profile needs breachReason; send an Idempotency-Key)',
      headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(100).optional() }),
      body: createPromiseBody,
      response: { 201: promiseDetail, ...problems },
    },
    handler: async (request, reply) => {
      const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_HEADER]);
      const result = await service.createPromise(db, tenantOf(request), request.body, key);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status as 201).send(result.body);
    },
  });

  app.get('/promises', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "Promises: mine, my teams', or all of them (directors), filtered",
      querystring: promisesQuery,
      response: { 200: promisePage, ...problems },
    },
    handler: (request) => lists.listPromises(db, tenantOf(request), request.query),
  });

  app.get('/promises/export.csv', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'What the list shows, as CSV',
      querystring: promisesCsvQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...problems },
    },
    handler: async (request, reply) => {
      const csv = await heavyRead(request, (read) =>
        lists.exportPromisesCsv(read, tenantOf(request), request.query, authOf(request).language),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="klantwerk-promises-${localDay(tenantOf(request).timeZone)}.csv"`,
        )
        .send(csv);
    },
  });

  app.get('/promises/:promiseId', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'One promise with its steps and history',
      params: promiseParams,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) => service.findPromise(db, tenantOf(request), request.params.promiseId),
  });

  app.post('/promises/:promiseId/renegotiate', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        "A new day agreed with the customer (the maker, the owning team's manager or a director); the old one stays in the history",
      params: promiseParams,
      body: renegotiateBody,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) => service.renegotiate(db, tenantOf(request), request.params.promiseId, request.body),
  });

  app.post('/promises/:promiseId/delivery', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Confirm delivery to the customer, with an optional follow-up step (how did it land?)',
      params: promiseParams,
      body: deliveryBody,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) => service.confirmDelivery(db, tenantOf(request), request.params.promiseId, request.body),
  });

  app.post('/promises/:promiseId/steps/:stepId/accept', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'My team takes this step up',
      params: stepParams,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) => steps.acceptStep(db, tenantOf(request), request.params.promiseId, request.params.stepId),
  });

  app.post('/promises/:promiseId/steps/:stepId/done', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "Mark a step done (once); a follow-up can carry the customer's reaction",
      params: stepParams,
      body: completeStepBody,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) =>
      steps.completeStep(db, tenantOf(request), request.params.promiseId, request.params.stepId, request.body),
  });

  app.post('/promises/:promiseId/steps/:stepId/send-back', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Send a hand-off back with a reason: the step before it opens again',
      params: stepParams,
      body: sendBackBody,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) =>
      steps.sendBackStep(db, tenantOf(request), request.params.promiseId, request.params.stepId, request.body.reason),
  });

  app.post('/promises/:promiseId/steps/:stepId/rating', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The receiving team rates the service of a done hand-off (once)',
      params: stepParams,
      body: ratingBody,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) =>
      steps.rateStep(db, tenantOf(request), request.params.promiseId, request.params.stepId, request.body),
  });

  app.put('/promises/:promiseId/steps/:stepId/owner', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        "Who has the step: take it yourself (a member of its team), hand it back (its holder), or give it to another active member of its team (its team's manager)",
      params: stepParams,
      body: stepOwnerBody,
      response: { 200: promiseDetail, ...problems },
    },
    handler: (request) =>
      handoffs.setStepOwner(
        db,
        tenantOf(request),
        request.params.promiseId,
        request.params.stepId,
        request.body.memberId,
      ),
  });

  app.get('/promises/:promiseId/steps/:stepId/comments', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The comments on a step, oldest first (both teams of the step, and whoever may see the promise)',
      params: stepParams,
      response: { 200: stepCommentList, ...problems },
    },
    handler: (request) => handoffs.listComments(db, tenantOf(request), request.params.promiseId, request.params.stepId),
  });

  app.post('/promises/:promiseId/steps/:stepId/comments', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Comment on a step; the other team of the step is told',
      params: stepParams,
      body: stepCommentBody,
      response: { 201: stepCommentList, ...problems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await handoffs.addComment(
            db,
            tenantOf(request),
            request.params.promiseId,
            request.params.stepId,
            request.body.body,
          ),
        ),
  });

  app.get('/steps', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "My teams' steps (or the ones I have): the work list, soonest first; late ones, or those due this week",
      querystring: workListQuery,
      response: { 200: workList, ...problems },
    },
    handler: (request) => steps.workList(db, tenantOf(request), request.query),
  });

  app.get('/chain', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The internal customer chain: teams, the hand-offs between them, on time and rated',
      querystring: periodQuery,
      response: { 200: chain, ...problems },
    },
    handler: (request) => heavyRead(request, (read) => chains.findChain(read, tenantOf(request), request.query)),
  });

  app.get('/team-figures', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "A team's promises kept, hand-offs on time and internal ratings, per month",
      querystring: teamFiguresQuery,
      response: { 200: teamFigures, ...problems },
    },
    handler: (request) => chains.findTeamFigures(db, tenantOf(request), request.query),
  });

  app.get('/internal-scan', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The quarterly internal scan: the teams each of my teams worked with, and my ratings',
      querystring: scanQuery,
      response: { 200: scan, ...problems },
    },
    handler: (request) => chains.findScan(db, tenantOf(request), request.query),
  });

  app.put('/internal-scan', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'My rating, for my team, of a team we worked with this quarter',
      body: putScanBody,
      response: { 200: scan, ...problems },
    },
    handler: (request) => chains.putScanRating(db, tenantOf(request), request.body),
  });
};
