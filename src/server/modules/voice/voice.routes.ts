import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  assignFollowupBody,
  closeFollowupBody,
  createTouchpointBody,
  followupDetail,
  followupList,
  followupMessageBody,
  followupParams,
  followupsQuery,
  reactionList,
  reactionsQuery,
  touchpoint,
  touchpointList,
  touchpointParams,
  updateTouchpointBody,
  voiceLink,
  voiceLinkParams,
  voiceSettings,
  voiceSettingsBody,
} from '../../../contracts/voice.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { ADMIN, LEADERS, STAFF, STEERING } from '../../lib/roles';
import * as followups from './follow-ups.service';
import * as followupMail from './followup-mail.service';
import * as reactions from './reactions.service';
import * as touchpoints from './touchpoints.service';

const extraParams = z.object({ extraId: z.uuid() });
const promiseParams = z.object({ promiseId: z.uuid() });
const reactionParams = z.object({ reactionId: z.uuid() });
const qrQuery = z.object({ size: z.coerce.number().int().min(128).max(2048).default(768) });

export const voiceRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const tags = ['customer voice'];

  app.post('/extras/:extraId/voice-link', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The reaction link of an extra (made once; one reaction, changeable for 24 hours)',
      params: extraParams,
      response: { 200: voiceLink, ...problems },
    },
    handler: (request) => touchpoints.linkForExtra(deps, tenantOf(request), request.params.extraId),
  });

  app.post('/promises/:promiseId/voice-link', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The reaction link of a promise (made once; one reaction, changeable for 24 hours)',
      params: promiseParams,
      response: { 200: voiceLink, ...problems },
    },
    handler: (request) => touchpoints.linkForPromise(deps, tenantOf(request), request.params.promiseId),
  });

  app.get('/voice-links/:linkId/qr.svg', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The QR code of a reaction link, as SVG (printable at any size)',
      params: voiceLinkParams,
      produces: ['image/svg+xml'],
      response: { 200: z.string(), ...problems },
    },
    handler: async (request, reply) => {
      const link = await touchpoints.usableLink(deps, tenantOf(request), request.params.linkId);
      const svg = await QRCode.toString(link.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply
        .type('image/svg+xml')
        .header('content-disposition', `inline; filename="klantwerk-qr-${link.id.slice(0, 8)}.svg"`)
        .send(svg);
    },
  });

  app.get('/voice-links/:linkId/qr.png', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'The QR code of a reaction link, as PNG',
      params: voiceLinkParams,
      querystring: qrQuery,
      produces: ['image/png'],
      response: { 200: z.any(), ...problems },
    },
    handler: async (request, reply) => {
      const link = await touchpoints.usableLink(deps, tenantOf(request), request.params.linkId);
      const png = await QRCode.toBuffer(link.url, {
        type: 'png',
        errorCorrectionLevel: 'M',
        margin: 2,
        width: request.query.size,
      });
      return reply
        .type('image/png')
        .header('content-disposition', `inline; filename="klantwerk-qr-${link.id.slice(0, 8)}.png"`)
        .send(png);
    },
  });

  app.get('/touchpoints', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: 'Touchpoints where customers react (reception, a table), each with its link',
      response: { 200: touchpointList, ...problems },
    },
    handler: (request) => touchpoints.listTouchpoints(deps, tenantOf(request)),
  });

  app.post('/touchpoints', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Add a touchpoint with its link and QR code',
      body: createTouchpointBody,
      response: { 201: touchpoint, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await touchpoints.createTouchpoint(deps, tenantOf(request), request.body)),
  });

  app.patch('/touchpoints/:touchpointId', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Rename, reassign or archive a touchpoint, or give it a new link (the old one stops working)',
      params: touchpointParams,
      body: updateTouchpointBody,
      response: { 200: touchpoint, ...problems },
    },
    handler: (request) =>
      touchpoints.updateTouchpoint(deps, tenantOf(request), request.params.touchpointId, request.body),
  });

  app.get('/customer-reactions', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "What customers said: on my extras and promises, my teams', or all (directors)",
      querystring: reactionsQuery,
      response: { 200: reactionList, ...problems },
    },
    handler: (request) => reactions.listReactions(deps, tenantOf(request), request.query),
  });

  app.delete('/customer-reactions/:reactionId/contact', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary:
        "Erase the contact details a customer left (the reaction stays); they are erased anyway when the organisation's contactKeepDays have passed, unless the follow-up is still open",
      params: reactionParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await reactions.eraseContact(deps, tenantOf(request), request.params.reactionId);
      return reply.code(204).send(null);
    },
  });

  app.get('/voice-followups', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Very negative reactions to follow up: of the teams I lead and those given to me (directors: all)',
      querystring: followupsQuery,
      response: { 200: followupList, ...problems },
    },
    handler: (request) => followups.listFollowups(deps, tenantOf(request), request.query.state),
  });

  app.get('/voice-followups/:followupId', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        'One follow-up with its conversation with the customer, whether mail can be sent, and who it may be given to',
      params: followupParams,
      response: { 200: followupDetail, ...problems },
    },
    handler: (request) => followups.getFollowup(deps, tenantOf(request), request.params.followupId),
  });

  app.put('/voice-followups/:followupId/assignee', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: "Give a follow-up to an active manager or member of its team (null: back to the team's managers)",
      params: followupParams,
      body: assignFollowupBody,
      response: { 200: followupDetail, ...problems },
    },
    handler: (request) => followups.assignFollowup(deps, tenantOf(request), request.params.followupId, request.body),
  });

  app.post('/voice-followups/:followupId/messages', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        'Write to the customer by e-mail (mail set up, an address left, the follow-up open); the mail holds a link to their reply page',
      params: followupParams,
      body: followupMessageBody,
      response: { 201: followupDetail, ...problems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await followupMail.sendToCustomer(deps, tenantOf(request), request.params.followupId, request.body)),
  });

  app.post('/voice-followups/:followupId/close', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        'Close a follow-up with its outcome: resolved, not reachable, not resolved, or not our customer (with why: the request did not fit the offer)',
      params: followupParams,
      body: closeFollowupBody,
      response: { 200: followupDetail, ...problems },
    },
    handler: (request) => followups.closeFollowup(deps, tenantOf(request), request.params.followupId, request.body),
  });

  app.get('/voice-settings', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: 'How many days a follow-up has, per very negative score',
      response: { 200: voiceSettings, ...problems },
    },
    handler: (request) => followups.getVoiceSettings(deps, tenantOf(request)),
  });

  app.put('/voice-settings', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Set the days a follow-up has per very negative score (0–30; open follow-ups keep their day)',
      body: voiceSettingsBody,
      response: { 200: voiceSettings, ...problems },
    },
    handler: (request) => followups.setVoiceSettings(deps, tenantOf(request), request.body),
  });
};
