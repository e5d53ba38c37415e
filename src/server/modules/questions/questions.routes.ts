import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  action,
  actionList,
  actionParams,
  actionsQuery,
  answersBody,
  audienceSize,
  audienceSizeBody,
  bankList,
  bankQuestion,
  bankQuestionParams,
  campaignDetail,
  campaignList,
  campaignParams,
  campaignResults,
  createActionBody,
  createCampaignBody,
  mirror,
  mirrorBody,
  ownQuestionBody,
  participation,
  resultsQuery,
  savedAnswers,
  updateActionBody,
} from '../../../contracts/questions.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { authOf, tenantOf } from '../../lib/request-context';
import { LEADERS, STAFF, STEERING } from '../../lib/roles';
import { heavyRead } from '../../plugins/reads.plugin';
import * as actions from './actions.service';
import * as answers from './answers.service';
import * as bank from './bank.service';
import * as campaigns from './campaigns.service';
import * as closing from './closing.service';
import * as opening from './opening.service';
import * as participationService from './participation.service';
import * as results from './results.service';

export const questionsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['core questions'];
  const { db } = deps;

  app.get('/questions/bank', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'The question bank by theme, in Dutch and English, with the organisation’s own questions',
      response: { 200: bankList, ...problems },
    },
    handler: (request) => bank.listBank(db, tenantOf(request).orgId),
  });

  app.post('/questions/bank', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Add an own question to the bank',
      body: ownQuestionBody,
      response: { 201: bankQuestion, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await bank.addOwnQuestion(db, tenantOf(request), request.body)),
  });

  app.delete('/questions/bank/:questionId', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Take an own question out of the bank (campaigns that used it keep it)',
      params: bankQuestionParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await bank.archiveOwnQuestion(db, tenantOf(request), request.params.questionId);
      return reply.code(204).send(null);
    },
  });

  app.get('/campaigns', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Campaigns of core questions: those put to me, closed ones, and (directors) all',
      response: { 200: campaignList, ...problems },
    },
    handler: (request) => campaigns.listCampaigns(deps, tenantOf(request)),
  });

  app.post('/campaigns', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Launch a campaign: questions from the bank, who is asked, when it opens and closes, reminders',
      body: createCampaignBody,
      response: { 201: campaignDetail, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await campaigns.createCampaign(deps, tenantOf(request), request.body)),
  });

  app.post('/campaigns/audience-size', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'How many people a campaign with this audience would ask if it opened now (nothing is saved)',
      body: audienceSizeBody,
      response: { 200: audienceSize, ...problems },
    },
    handler: (request) => opening.countAsked(db, tenantOf(request), request.body.audience),
  });

  app.get('/campaigns/:campaignId', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'One campaign with its questions and, while it is open, my own answers',
      params: campaignParams,
      response: { 200: campaignDetail, ...problems },
    },
    handler: (request) => campaigns.findCampaign(deps, tenantOf(request), request.params.campaignId),
  });

  app.delete('/campaigns/:campaignId', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Call off a campaign that has not opened yet',
      params: campaignParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await campaigns.cancelCampaign(db, tenantOf(request), request.params.campaignId);
      return reply.code(204).send(null);
    },
  });

  app.put('/campaigns/:campaignId/answers', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        'My answers, all at once (a question left out is skipped); they replace the ones before while the campaign is open. Stored without any link to me.',
      params: campaignParams,
      body: answersBody,
      response: { 200: savedAnswers, ...problems },
    },
    handler: (request) => answers.saveAnswers(deps, tenantOf(request), request.params.campaignId, request.body),
  });

  app.put('/campaigns/:campaignId/mirror', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'A manager’s self-view for the leadership mirror (kept with their name, seen only by them)',
      params: campaignParams,
      body: mirrorBody,
      response: { 200: savedAnswers, ...problems },
    },
    handler: (request) => answers.saveMirror(deps, tenantOf(request), request.params.campaignId, request.body),
  });

  app.post('/campaigns/:campaignId/close', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Close an open campaign now: the results are computed and the ballots can no longer be told apart',
      params: campaignParams,
      response: { 200: campaignDetail, ...problems },
    },
    handler: async (request) => {
      await closing.closeCampaign(deps, tenantOf(request).orgId, request.params.campaignId, tenantOf(request));
      return campaigns.findCampaign(deps, tenantOf(request), request.params.campaignId);
    },
  });

  app.get('/campaigns/:campaignId/participation', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary:
        'The response per group (only for groups at or above the threshold), in steps at least the threshold wide; while open, as it stood at the start of the day',
      params: campaignParams,
      response: { 200: participation, ...problems },
    },
    handler: (request) => participationService.findParticipation(deps, tenantOf(request), request.params.campaignId),
  });

  app.get('/campaigns/:campaignId/results', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Results of a closed campaign for one group: per question and theme, with the trend and the actions',
      params: campaignParams,
      querystring: resultsQuery,
      response: { 200: campaignResults, ...problems },
    },
    handler: (request) =>
      heavyRead(request, (read) =>
        results.findResults({ ...deps, db: read }, tenantOf(request), request.params.campaignId, request.query.group),
      ),
  });

  app.get('/campaigns/:campaignId/results.csv', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The shown results of every group I may see, as CSV (aggregates only)',
      params: campaignParams,
      produces: ['text/csv'],
      response: { 200: z.string(), ...problems },
    },
    handler: async (request, reply) => {
      const csv = await heavyRead(request, (read) =>
        results.exportResultsCsv(
          { ...deps, db: read },
          tenantOf(request),
          request.params.campaignId,
          authOf(request).language,
        ),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="klantwerk-results-${request.params.campaignId.slice(0, 8)}.csv"`,
        )
        .send(csv);
    },
  });

  app.get('/campaigns/:campaignId/mirror', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: 'The leadership mirror: my self-view beside how each team I lead answered',
      params: campaignParams,
      response: { 200: mirror, ...problems },
    },
    handler: (request) => results.findMirror(deps, tenantOf(request), request.params.campaignId),
  });

  app.post('/campaigns/:campaignId/actions', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: 'An action on a result: what, who, by when (managers for the teams they lead, directors for any group)',
      params: campaignParams,
      body: createActionBody,
      response: { 201: action, ...problems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await actions.createAction(deps, tenantOf(request), request.params.campaignId, request.body)),
  });

  app.get('/campaign-actions', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The actions that came from the answers of the groups I belong to',
      querystring: actionsQuery,
      response: { 200: actionList, ...problems },
    },
    handler: (request) => actions.listActions(deps, tenantOf(request), request.query),
  });

  app.patch('/campaign-actions/:actionId', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Mark an action done (or open again), with a note',
      params: actionParams,
      body: updateActionBody,
      response: { 200: action, ...problems },
    },
    handler: (request) => actions.updateAction(deps, tenantOf(request), request.params.actionId, request.body),
  });
};
