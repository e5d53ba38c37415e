import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bestPracticesQuery,
  commentBody,
  commentParams,
  conversationNote,
  conversationQuery,
  conversationView,
  digestPreference,
  feedQuery,
  inFeedBody,
  learningSettings,
  noteBody,
  notesQuery,
  promoteBody,
  putDigestPreferenceBody,
  putLearningSettingsBody,
  putWeeklyPickBody,
  similarQuery,
  similarStories,
  story,
  storyPage,
  storyParams,
  teamParams,
  weeklyPick,
  weeklyPickQuery,
  whatWorks,
  whatWorksQuery,
} from '../../../contracts/learning.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { ADMIN, EVERYONE, LEADERS, STAFF } from '../../lib/roles';
import { heavyRead } from '../../plugins/reads.plugin';
import * as conversation from './conversation.service';
import * as digest from './digest.service';
import * as feed from './feed.service';
import * as picks from './weekly-pick.service';
import { whatWorks as findWhatWorks } from './what-works.service';

export const learningRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  const tags = ['learning'];

  // ---------- the team feed ----------
  app.get('/feed', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "A team's stories, newest first (my first team unless teamId says otherwise)",
      querystring: feedQuery,
      response: { 200: storyPage, ...problems },
    },
    handler: (request) => feed.teamFeed(db, tenantOf(request), request.query),
  });

  app.put('/feed/:extraId/thanks', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Thank the colleague for this story',
      params: storyParams,
      response: { 200: story, ...problems },
    },
    handler: (request) => feed.thank(db, tenantOf(request), request.params.extraId, true),
  });

  app.delete('/feed/:extraId/thanks', {
    config: { access: STAFF },
    schema: { tags, summary: 'Take my thanks back', params: storyParams, response: { 200: story, ...problems } },
    handler: (request) => feed.thank(db, tenantOf(request), request.params.extraId, false),
  });

  app.post('/feed/:extraId/comments', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'A short comment on a story',
      params: storyParams,
      body: commentBody,
      response: { 201: story, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await feed.addComment(db, tenantOf(request), request.params.extraId, request.body.body)),
  });

  app.delete('/feed/:extraId/comments/:commentId', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "Remove a comment (one's own; a team manager any)",
      params: commentParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await feed.removeComment(db, tenantOf(request), request.params.extraId, request.params.commentId);
      return reply.code(204).send(null);
    },
  });

  app.put('/extras/:extraId/feed', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Keep my extra out of the team feed, or let it back in',
      params: storyParams,
      body: inFeedBody,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await feed.setInFeed(db, tenantOf(request), request.params.extraId, request.body.inFeed);
      return reply.code(204).send(null);
    },
  });

  app.get('/extras/similar', {
    config: { access: STAFF },
    schema: {
      tags,
      summary:
        "What colleagues did on similar occasions, and how customers reacted (my teams' feeds and best practices)",
      querystring: similarQuery,
      response: { 200: similarStories, ...problems },
    },
    handler: (request) => feed.similarStories(db, tenantOf(request), request.query.occasion),
  });

  // ---------- best practices ----------
  app.get('/best-practices', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Stories put forward for the whole organisation, by value, kind or occasion',
      querystring: bestPracticesQuery,
      response: { 200: storyPage, ...problems },
    },
    handler: (request) => feed.listBestPractices(db, tenantOf(request), request.query),
  });

  app.post('/best-practices', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: "Put a story forward as a best practice, with a line on why (its team's manager or a director)",
      body: promoteBody,
      response: { 200: story, ...problems },
    },
    handler: (request) => feed.promote(db, tenantOf(request), request.body.extraId, request.body.why),
  });

  app.delete('/best-practices/:extraId', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: 'Withdraw a best practice',
      params: storyParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await feed.withdraw(db, tenantOf(request), request.params.extraId);
      return reply.code(204).send(null);
    },
  });

  // ---------- the weekly pick ----------
  app.get('/teams/:teamId/weekly-pick', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "The week's two stories for the team meeting (proposed, or the manager's choice)",
      params: teamParams,
      querystring: weeklyPickQuery,
      response: { 200: weeklyPick, ...problems },
    },
    handler: (request) => picks.findWeeklyPick(db, tenantOf(request), request.params.teamId, request.query.week),
  });

  app.put('/teams/:teamId/weekly-pick', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: "Choose the week's stories (the team's manager or a director)",
      params: teamParams,
      body: putWeeklyPickBody,
      response: { 200: weeklyPick, ...problems },
    },
    handler: (request) =>
      picks.chooseWeeklyPick(db, tenantOf(request), request.params.teamId, request.body.week, request.body.extraIds),
  });

  // ---------- the conversation view ----------
  app.get('/teams/:teamId/conversation', {
    config: { access: ['manager'] },
    schema: {
      tags,
      summary: "A conversation starter on the team's giving and the customers' reactions (managers of this team only)",
      params: teamParams,
      querystring: conversationQuery,
      response: { 200: conversationView, ...problems },
    },
    handler: (request) =>
      conversation.conversationView(db, tenantOf(request), request.params.teamId, request.query.from, request.query.to),
  });

  app.get('/teams/:teamId/conversation/notes', {
    config: { access: ['manager'] },
    schema: {
      tags,
      summary: 'My notes of conversations with a member of my team',
      params: teamParams,
      querystring: notesQuery,
      response: { 200: z.object({ items: z.array(conversationNote) }), ...problems },
    },
    handler: async (request) => ({
      items: await conversation.listNotes(db, tenantOf(request), request.params.teamId, request.query.memberId),
    }),
  });

  app.post('/teams/:teamId/conversation/notes', {
    config: { access: ['manager'] },
    schema: {
      tags,
      summary: 'Write down a conversation with a member (seen by me and that member only)',
      params: teamParams,
      body: noteBody,
      response: { 201: conversationNote, ...problems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await conversation.addNote(
            db,
            tenantOf(request),
            request.params.teamId,
            request.body.memberId,
            request.body.body,
          ),
        ),
  });

  app.get('/conversation-notes/me', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'What my managers wrote down of our conversations',
      response: { 200: z.object({ items: z.array(conversationNote) }), ...problems },
    },
    handler: async (request) => ({ items: await conversation.listMyNotes(db, tenantOf(request)) }),
  });

  // ---------- settings ----------
  app.get('/learning/settings', {
    config: { access: LEADERS },
    schema: {
      tags,
      summary: 'Whether managers see per-member figures, and the works council consent behind it',
      response: { 200: learningSettings, ...problems },
    },
    handler: (request) => conversation.findSettings(db, tenantOf(request)),
  });

  app.put('/learning/settings', {
    config: { access: ADMIN },
    schema: {
      tags,
      summary: 'Switch per-member figures on (with a recorded works council agreement) or off',
      body: putLearningSettingsBody,
      response: { 200: learningSettings, ...problems },
    },
    handler: (request) => conversation.putSettings(db, tenantOf(request), request.body),
  });

  // ---------- what works ----------
  app.get('/what-works', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'How customers reacted by kind, value, cost band and occasion theme, with counts and intervals',
      querystring: whatWorksQuery,
      response: { 200: whatWorks, ...problems },
    },
    handler: (request) => heavyRead(request, (read) => findWhatWorks(read, tenantOf(request), request.query)),
  });

  // ---------- digest ----------
  app.get('/digest/preference', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Whether I get the weekly digest by e-mail',
      response: { 200: digestPreference, ...problems },
    },
    handler: (request) => digest.findPreference(db, tenantOf(request)),
  });

  app.put('/digest/preference', {
    config: { access: EVERYONE },
    schema: {
      tags,
      summary: 'Turn the weekly digest e-mail on or off',
      body: putDigestPreferenceBody,
      response: { 200: digestPreference, ...problems },
    },
    handler: (request) => digest.putPreference(db, tenantOf(request), request.body.digest),
  });
};
