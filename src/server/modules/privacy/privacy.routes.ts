import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { member, memberParams } from '../../../contracts/org.contract';
import {
  figureViewList,
  type MyDataExport,
  myDataExport,
  privacyStatement,
  statementQuery,
} from '../../../contracts/privacy.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { authOf, tenantOf } from '../../lib/request-context';
import { ADMIN, EVERYONE, LEADERS } from '../../lib/roles';
import { findMember } from '../org/members.service';
import { listFigureViewsOfMe } from './figure-views.service';
import { eraseMember, exportMemberData } from './privacy.service';
import { forgetCustomer } from './retention';
import { makePrivacyStatement } from './statement.service';

// The person's rights under the AVG/GDPR: to take their data (themselves, or through an administrator
// once they have left) and to be erased.

const customerParams = z.strictObject({ customerId: z.uuid() });

const asDownload = (file: MyDataExport) =>
  `attachment; filename="klantwerk-my-data-${file.exportedAt.slice(0, 10)}.json"`;

export const privacyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  app.get('/me/export', {
    config: { access: EVERYONE },
    schema: {
      tags: ['me'],
      summary:
        'Download everything this organisation holds about you, as one JSON file (your answers to core questions are anonymous and not in it)',
      response: { 200: myDataExport, ...problems },
    },
    handler: async (request, reply) => {
      const tenant = tenantOf(request);
      const file = await exportMemberData(db, tenant, tenant.memberId, 'self');
      return reply.header('content-disposition', asDownload(file)).header('cache-control', 'no-store').send(file);
    },
  });

  app.get('/me/figure-views', {
    config: { access: EVERYONE },
    schema: {
      tags: ['me'],
      summary:
        "Who looked at my per-member figures, filters or exports, and when (possible only while member comparison is on; kept for the organisation's viewLogKeepDays)",
      response: { 200: figureViewList, ...problems },
    },
    handler: async (request, reply) =>
      reply.header('cache-control', 'no-store').send(await listFigureViewsOfMe(db, tenantOf(request))),
  });

  app.get('/privacy/statement', {
    config: { access: EVERYONE },
    schema: {
      tags: ['privacy'],
      summary:
        "The staff privacy statement: what Klantwerk keeps about staff, who sees what, the anonymity thresholds, the retention and whether figures per person are on — made now from this organisation's settings, in Dutch or English",
      querystring: statementQuery,
      response: { 200: privacyStatement, ...problems },
    },
    handler: (request) =>
      makePrivacyStatement(db, tenantOf(request), request.query.language ?? authOf(request).language),
  });

  app.get('/members/:memberId/export', {
    config: { access: ADMIN },
    schema: {
      tags: ['members'],
      summary:
        'Download everything this organisation holds about someone who left and asks for it (deactivated members only: who still works here takes their own from GET /me/export)',
      params: memberParams,
      response: { 200: myDataExport, ...problems },
    },
    handler: async (request, reply) => {
      const file = await exportMemberData(db, tenantOf(request), request.params.memberId, 'administrator');
      return reply.header('content-disposition', asDownload(file)).header('cache-control', 'no-store').send(file);
    },
  });

  app.post('/members/:memberId/erase', {
    config: { access: ADMIN },
    schema: {
      tags: ['members'],
      summary:
        'Erase a deactivated member for good: their name, e-mail address, notes and notices go; what the organisation keeps stays under a nameless placeholder',
      params: memberParams,
      response: { 200: member, ...problems },
    },
    handler: async (request) => {
      const tenant = tenantOf(request);
      await eraseMember(db, tenant, request.params.memberId);
      return findMember({ db }, tenant, request.params.memberId);
    },
  });

  app.post('/customers/:customerId/forget', {
    config: { access: LEADERS },
    schema: {
      tags: ['promises'],
      summary:
        "Forget a customer who asks for it: their name becomes a code in every promise, the contact person and the same name as an extra's reference go",
      params: customerParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await forgetCustomer(db, tenantOf(request), request.params.customerId);
      return reply.code(204).send(null);
    },
  });
};
