import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createExtraBody,
  extra,
  extraDetail,
  extraPage,
  extraParams,
  hideExtraBody,
  listExtrasQuery,
  mandate,
  mandateParams,
  myMandate,
  putMandateBody,
  putReactionBody,
  suggestions,
  updateExtraBody,
} from '../../../contracts/extras.contract';
import type { Deps } from '../../deps';
import { localDay } from '../../lib/days';
import { IDEMPOTENCY_HEADER, idempotencyKeyOf } from '../../lib/idempotency';
import { problems } from '../../lib/openapi';
import { authOf, tenantOf } from '../../lib/request-context';
import { LEADERS, STAFF, STEERING } from '../../lib/roles';
import { heavyRead } from '../../plugins/reads.plugin';
import * as lists from './extra-lists.service';
import * as service from './extras.service';
import * as logging from './log-extra.service';
import * as mandates from './mandates.service';

export const extrasRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  // ---------- mandates ----------
  app.get('/mandates', {
    config: { access: LEADERS },
    schema: {
      tags: ['mandates'],
      summary: 'Every mandate set in the organisation',
      response: { 200: z.object({ items: z.array(mandate) }), ...problems },
    },
    handler: async (request) => ({ items: await mandates.listMandates(db, tenantOf(request)) }),
  });

  app.put('/mandates', {
    config: { access: STEERING },
    schema: {
      tags: ['mandates'],
      summary: 'Set the mandate of a role, a team or one member (replaces the one there was)',
      body: putMandateBody,
      response: { 200: mandate, ...problems },
    },
    handler: (request) => mandates.putMandate(db, tenantOf(request), request.body),
  });

  app.delete('/mandates/:mandateId', {
    config: { access: STEERING },
    schema: {
      tags: ['mandates'],
      summary: 'Remove a mandate',
      params: mandateParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await mandates.removeMandate(db, tenantOf(request), request.params.mandateId);
      return reply.code(204).send(null);
    },
  });

  app.get('/mandates/me', {
    config: { access: STAFF },
    schema: {
      tags: ['mandates'],
      summary: 'The mandate that applies to me and what is left of it this period',
      response: { 200: myMandate, ...problems },
    },
    handler: (request) => mandates.findMyMandate(db, tenantOf(request)),
  });

  // ---------- extras ----------
  app.post('/extras', {
    // The free extra's statement verifies the session itself (log-extra.service, DeferredSession).
    config: { access: STAFF, sessionCheckedByWrite: true },
    // Bad input answers after the session check, as on every other route (the check may have been deferred).
    attachValidation: true,
    schema: {
      tags: ['extras'],
      summary: 'Log an extra for a customer (send an Idempotency-Key: a retry never makes a second one)',
      headers: z.object({ [IDEMPOTENCY_HEADER]: z.string().max(100).optional() }),
      body: createExtraBody,
      response: { 201: extra, ...problems, 422: problems[409] },
    },
    handler: async (request, reply) => {
      let key: string | undefined;
      try {
        if (request.validationError) throw request.validationError;
        key = idempotencyKeyOf(request.headers[IDEMPOTENCY_HEADER]);
      } catch (err) {
        await request.deferredSession?.check();
        throw err;
      }
      const result = await logging.logExtra(
        db,
        tenantOf(request),
        authOf(request),
        request.body,
        key,
        request.deferredSession,
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.status as 201).send(result.body);
    },
  });

  app.get('/extras', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: 'Extras: mine, my teams (managers), all (directors)',
      querystring: listExtrasQuery,
      response: { 200: extraPage, ...problems },
    },
    handler: (request) => lists.listExtras(db, tenantOf(request), request.query),
  });

  app.get('/extras/export.csv', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: 'What the list shows, as CSV',
      querystring: listExtrasQuery.omit({ limit: true, cursor: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...problems },
    },
    handler: async (request, reply) => {
      const csv = await heavyRead(request, (read) =>
        lists.exportExtrasCsv(
          db,
          tenantOf(request),
          { ...request.query, limit: lists.CSV_MAX_ROWS },
          authOf(request).language,
          read,
        ),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="klantwerk-extras-${localDay(tenantOf(request).timeZone)}.csv"`,
        )
        .send(csv);
    },
  });

  app.get('/extras/suggestions', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: 'Recent occasions and actions to offer while logging',
      response: { 200: suggestions, ...problems },
    },
    handler: (request) => lists.suggestForMember(db, tenantOf(request)),
  });

  app.get('/extras/:extraId', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: 'One extra with the history of its reaction',
      params: extraParams,
      response: { 200: extraDetail, ...problems },
    },
    handler: (request) => service.findExtra(db, tenantOf(request), request.params.extraId),
  });

  app.patch('/extras/:extraId', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: 'Change my extra (within 24 hours)',
      params: extraParams,
      body: updateExtraBody,
      response: { 200: extra, ...problems },
    },
    handler: (request) => service.updateExtra(db, tenantOf(request), request.params.extraId, request.body),
  });

  app.delete('/extras/:extraId', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: 'Delete my extra (within 24 hours; kept for the audit)',
      params: extraParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await service.deleteExtra(db, tenantOf(request), request.params.extraId);
      return reply.code(204).send(null);
    },
  });

  app.put('/extras/:extraId/reaction', {
    config: { access: STAFF },
    schema: {
      tags: ['extras'],
      summary: "Add or change the customer's reaction (any time; every version is kept)",
      params: extraParams,
      body: putReactionBody,
      response: { 200: extra, ...problems },
    },
    handler: (request) => service.setReaction(db, tenantOf(request), request.params.extraId, request.body),
  });

  app.post('/extras/:extraId/hide', {
    config: { access: LEADERS },
    schema: {
      tags: ['extras'],
      summary: 'Keep an extra out of the team feed, with a reason (its team manager or a director)',
      params: extraParams,
      body: hideExtraBody,
      response: { 200: extra, ...problems },
    },
    handler: (request) => service.setHidden(db, tenantOf(request), request.params.extraId, request.body),
  });

  app.post('/extras/:extraId/unhide', {
    config: { access: LEADERS },
    schema: {
      tags: ['extras'],
      summary: 'Show a hidden extra in the feed again',
      params: extraParams,
      response: { 200: extra, ...problems },
    },
    handler: (request) => service.setHidden(db, tenantOf(request), request.params.extraId, null),
  });
};
