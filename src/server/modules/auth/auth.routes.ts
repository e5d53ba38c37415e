import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptedAnswer,
  acceptInvitationBody,
  changePasswordBody,
  confirmSignUpBody,
  forgotPasswordBody,
  invitationPreview,
  invitationTokenBody,
  me,
  resetPasswordBody,
  session,
  signInBody,
  signUpBody,
  switchOrganizationBody,
  updateMeBody,
} from '../../../contracts/auth.contract';
import type { Deps } from '../../deps';
import { languageFromHeader } from '../../lib/i18n';
import { problems } from '../../lib/openapi';
import { authOf, headersOf } from '../../lib/request-context';
import * as service from './auth.service';
import * as passwords from './password.service';
import * as signUp from './sign-up.service';

function withCookies<T>(reply: FastifyReply, result: service.WithCookies<T>, status = 200) {
  if (result.cookies.length) reply.header('set-cookie', result.cookies);
  return reply.code(status).send(result.body);
}

const fallbackLanguage = (request: FastifyRequest) => languageFromHeader(request.headers['accept-language']);

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/auth/sign-up', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary:
        'Ask to create an organisation: a link to confirm is mailed (the answer is the same for addresses that have an account; their owner is mailed instead)',
      body: signUpBody,
      response: { 202: acceptedAnswer, ...problems },
    },
    handler: async (request, reply) => {
      await signUp.requestSignUp(deps, { language: fallbackLanguage(request), ...request.body }, request.ip);
      return reply.code(202).send({ ok: true });
    },
  });

  app.post('/auth/sign-up/confirm', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary:
        'Confirm a sign-up with the token from the e-mailed link: creates the organisation and its first administrator, and signs in',
      body: confirmSignUpBody,
      response: { 201: me, ...problems },
    },
    handler: async (request, reply) =>
      withCookies(reply, await signUp.confirmSignUp(deps, request.body.token, { headers: headersOf(request) }), 201),
  });

  app.post('/auth/sign-in', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      body: signInBody,
      response: { 200: me, ...problems },
    },
    handler: async (request, reply) =>
      withCookies(
        reply,
        await service.signIn(deps, request.body, {
          headers: headersOf(request),
          ip: request.ip,
          fallbackLanguage: fallbackLanguage(request),
        }),
      ),
  });

  app.post('/auth/sign-out', {
    config: { access: 'signedIn' },
    schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 204: z.null(), ...problems } },
    handler: async (request, reply) => {
      const cookies = await service.signOut(deps, headersOf(request));
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.code(204).send(null);
    },
  });

  app.post('/auth/password/forgot', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Mail a password reset link (the answer is the same, in the same time, for unknown addresses)',
      body: forgotPasswordBody,
      response: { 202: acceptedAnswer, ...problems },
    },
    handler: async (request, reply) => {
      await passwords.requestPasswordReset(deps, request.body, request.ip);
      return reply.code(202).send({ ok: true });
    },
  });

  app.post('/auth/password/reset', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Choose a new password with the token from the e-mailed link',
      body: resetPasswordBody,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await passwords.resetPassword(deps, request.body);
      return reply.code(204).send(null);
    },
  });

  app.post('/auth/invitations/preview', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'What an invitation link is for (token in the body, never in the address)',
      body: invitationTokenBody,
      response: { 200: invitationPreview, ...problems },
    },
    handler: (request) => service.previewInvitation(deps, request.body.token),
  });

  app.post('/auth/invitations/accept', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Accept an invitation and sign in',
      body: acceptInvitationBody,
      response: { 200: me, ...problems },
    },
    handler: async (request, reply) =>
      withCookies(
        reply,
        await service.acceptInvitation(deps, request.body, { headers: headersOf(request), ip: request.ip }),
      ),
  });

  app.get('/session', {
    config: { access: 'public' },
    schema: {
      tags: ['me'],
      summary:
        'Whether someone is signed in, and who: 200 with signedIn false when nobody is (GET /me answers 401 then)',
      response: { 200: session, ...problems },
    },
    handler: async (request) => {
      const auth = request.auth;
      if (!auth) return { signedIn: false, me: null };
      return { signedIn: true, me: await service.findMe(deps.db, auth.userId, auth.activeOrgId, auth.language) };
    },
  });

  app.get('/me', {
    config: { access: 'signedIn' },
    schema: { tags: ['me'], summary: 'Who you are, your organisations and roles', response: { 200: me, ...problems } },
    handler: (request) => {
      const auth = authOf(request);
      return service.findMe(deps.db, auth.userId, auth.activeOrgId, auth.language, auth.ssoOrgId);
    },
  });

  app.patch('/me', {
    config: { access: 'signedIn' },
    schema: {
      tags: ['me'],
      summary: 'Change your name or language',
      body: updateMeBody,
      response: { 200: me, ...problems },
    },
    handler: (request) => service.updateMe(deps, authOf(request), request.body),
  });

  app.post('/me/organization', {
    config: { access: 'signedIn' },
    schema: {
      tags: ['me'],
      summary: 'Switch to another organisation you belong to',
      body: switchOrganizationBody,
      response: { 200: me, ...problems },
    },
    handler: (request) => service.switchOrganization(deps, authOf(request), request.body.organizationId),
  });

  app.post('/me/password', {
    config: { access: 'signedIn' },
    schema: {
      tags: ['me'],
      summary: 'Change your password (signs out your other sessions)',
      body: changePasswordBody,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      const cookies = await passwords.changePassword(deps, authOf(request), request.body, headersOf(request));
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.code(204).send(null);
    },
  });
};
