import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { me } from '../../../contracts/auth.contract';
import {
  addCodePersonBody,
  codeHolder,
  codeMemberParams,
  codeSignInBody,
  counterDevice,
  counterDeviceParams,
  counterPinState,
  createCounterDeviceBody,
  createdCounterDevice,
  importBody,
  importPreview,
  importResult,
  issuedCode,
  issuedCounterPin,
  putCounterPinBody,
} from '../../../contracts/workforce.contract';
import type { Deps } from '../../deps';
import { languageFromHeader } from '../../lib/i18n';
import { problems } from '../../lib/openapi';
import { authOf, headersOf, tenantOf } from '../../lib/request-context';
import { ADMIN, STAFF } from '../../lib/roles';
import * as codes from './codes.service';
import * as counter from './counter.service';
import * as bulk from './import.service';

/** Who adds people without an e-mail address and replaces their cards: administrators, and managers for their own teams. */
const CODE_KEEPERS = ['manager', 'admin'] as const;

export const workforceRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---------- personal sign-in codes ----------
  app.post('/auth/code-sign-in', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with a personal sign-in code (throttled like a password); the phone stays signed in',
      body: codeSignInBody,
      response: { 200: me, ...problems },
    },
    handler: async (request, reply) => {
      const result = await codes.signInWithCode(deps, request.body, {
        headers: headersOf(request),
        ip: request.ip,
        fallbackLanguage: languageFromHeader(request.headers['accept-language']),
      });
      reply.header('set-cookie', result.cookies);
      return result.body;
    },
  });

  app.get('/sign-in-codes', {
    config: { access: CODE_KEEPERS },
    schema: {
      tags: ['sign-in codes'],
      summary: 'People who sign in with a code (a manager: of the teams they manage)',
      response: { 200: z.object({ items: z.array(codeHolder) }), ...problems },
    },
    handler: async (request) => ({ items: await codes.listCodeHolders(deps, tenantOf(request)) }),
  });

  app.post('/sign-in-codes', {
    config: { access: CODE_KEEPERS },
    schema: {
      tags: ['sign-in codes'],
      summary: 'Add a person without an e-mail address to a team: the answer holds their sign-in code, shown once',
      body: addCodePersonBody,
      response: { 201: issuedCode, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await codes.addCodePerson(deps, tenantOf(request), request.body)),
  });

  app.post('/sign-in-codes/:memberId/replace', {
    config: { access: CODE_KEEPERS },
    schema: {
      tags: ['sign-in codes'],
      summary: 'A new card for a lost one: the old code stops working and every session of the person ends',
      params: codeMemberParams,
      response: { 200: issuedCode, ...problems },
    },
    handler: (request) => codes.replaceCode(deps, tenantOf(request), request.params.memberId),
  });

  app.post('/members/:memberId/counter-pin', {
    config: { access: CODE_KEEPERS },
    schema: {
      tags: ['counter devices'],
      summary:
        'Make a new counter PIN for a person of a team you manage (an administrator: anyone), shown once; the old PIN stops at once',
      params: codeMemberParams,
      response: { 200: issuedCounterPin, ...problems },
    },
    handler: (request) => counter.issuePinFor(deps, tenantOf(request), request.params.memberId),
  });

  // ---------- the person's own counter PIN ----------
  app.get('/me/counter-pin', {
    config: { access: STAFF },
    schema: {
      tags: ['me'],
      summary: 'Whether you have a PIN for counter devices',
      response: { 200: counterPinState, ...problems },
    },
    handler: (request) => counter.hasPin(deps, tenantOf(request)),
  });

  app.put('/me/counter-pin', {
    config: { access: STAFF },
    schema: {
      tags: ['me'],
      summary: 'Set your PIN for counter devices (4 to 8 digits)',
      body: putCounterPinBody,
      response: { 200: counterPinState, ...problems },
    },
    handler: (request) => counter.setPin(deps, tenantOf(request), request.body.pin),
  });

  app.delete('/me/counter-pin', {
    config: { access: STAFF },
    schema: {
      tags: ['me'],
      summary: 'Remove your PIN: counter devices no longer show your name',
      response: { 200: counterPinState, ...problems },
    },
    handler: (request) => counter.removePin(deps, tenantOf(request)),
  });

  // ---------- counter devices ----------
  app.get('/counter-devices', {
    config: { access: ADMIN },
    schema: {
      tags: ['counter devices'],
      summary: 'Counter devices, revoked ones included',
      response: { 200: z.object({ items: z.array(counterDevice) }), ...problems },
    },
    handler: async (request) => ({ items: await counter.listDevices(deps, tenantOf(request)) }),
  });

  app.post('/counter-devices', {
    config: { access: ADMIN },
    schema: {
      tags: ['counter devices'],
      summary: 'Make a counter device for a team: the answer holds its set-up link (once, for a day)',
      body: createCounterDeviceBody,
      response: { 201: createdCounterDevice, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await counter.createDevice(deps, tenantOf(request), request.body)),
  });

  app.post('/counter-devices/:deviceId/revoke', {
    config: { access: ADMIN },
    schema: {
      tags: ['counter devices'],
      summary: 'Revoke a counter device: it stops working at once',
      params: counterDeviceParams,
      response: { 200: counterDevice, ...problems },
    },
    handler: (request) => counter.revokeDevice(deps, tenantOf(request), request.params.deviceId),
  });

  // ---------- bulk import ----------
  app.post('/members/import/preview', {
    config: { access: ADMIN },
    schema: {
      tags: ['members'],
      summary:
        'Check a CSV file or pasted rows (name, e-mail or none, team, role, language): each row with its problems, nothing saved',
      body: importBody,
      response: { 200: importPreview, ...problems },
    },
    handler: (request) => bulk.previewImport(deps, tenantOf(request), request.body.text),
  });

  app.post('/members/import', {
    config: { access: ADMIN },
    schema: {
      tags: ['members'],
      summary:
        'Import the rows (only when none has a problem): missing teams made, invitations mailed, sign-in codes for people without e-mail',
      body: importBody,
      response: { 201: importResult, ...problems },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(
          await bulk.runImport({ ...deps, log: request.log }, tenantOf(request), authOf(request), request.body.text),
        ),
  });
};
