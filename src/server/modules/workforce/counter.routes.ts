import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { extra } from '../../../contracts/extras.contract';
import {
  activateCounterBody,
  counterExtraBody,
  counterState,
  counterStepParams,
  counterSteps,
  counterUnlockBody,
} from '../../../contracts/workforce.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import * as counter from './counter.service';

declare module 'fastify' {
  interface FastifyRequest {
    counterDevice: counter.Device | null;
  }
}

/**
 * What a counter device can do, and nothing more: these routes answer only to the device's own cookie
 * (never to a person's session, so nobody's export, settings or notes open on it), and the actions to
 * the person who entered their PIN last, until they are idle.
 */
export const counterRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/counter/activate', {
    config: { access: 'public' },
    schema: {
      tags: ['counter'],
      summary: 'Make this browser the counter device of a set-up link (once)',
      body: activateCounterBody,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      reply.header('set-cookie', await counter.activateDevice(deps, request.body.token));
      return reply.code(204).send(null);
    },
  });

  app.decorateRequest('counterDevice', null);
  const needDevice = async (request: FastifyRequest) => {
    request.counterDevice = await counter.findDevice(deps, request.headers.cookie);
  };
  const device = app;
  {
    const deviceOf = (request: { counterDevice: counter.Device | null }) => request.counterDevice!;
    const cookieOf = (request: { headers: { cookie?: string } }) => request.headers.cookie;

    device.get('/counter', {
      config: { access: 'counterDevice' },
      onRequest: needDevice,
      schema: {
        tags: ['counter'],
        summary: 'The counter: its team, the people who can tap their name, who works at it now',
        response: { 200: counterState, ...problems },
      },
      handler: (request) => counter.counterState(deps, deviceOf(request), cookieOf(request)),
    });

    device.post('/counter/unlock', {
      config: { access: 'counterDevice' },
      onRequest: needDevice,
      schema: {
        tags: ['counter'],
        summary: 'A person starts with their PIN (throttled per person and per device); the one before is signed out',
        body: counterUnlockBody,
        response: { 204: z.null(), ...problems },
      },
      handler: async (request, reply) => {
        reply.header('set-cookie', await counter.unlock(deps, deviceOf(request), request.body));
        return reply.code(204).send(null);
      },
    });

    device.post('/counter/lock', {
      config: { access: 'counterDevice' },
      onRequest: needDevice,
      schema: {
        tags: ['counter'],
        summary: 'Sign the person out of the counter',
        response: { 204: z.null(), ...problems },
      },
      handler: async (request, reply) => {
        reply.header('set-cookie', await counter.lock(deps, deviceOf(request)));
        return reply.code(204).send(null);
      },
    });

    device.post('/counter/extras', {
      config: { access: 'counterDevice' },
      onRequest: needDevice,
      schema: {
        tags: ['counter'],
        summary: 'Log an extra as the person at the counter',
        body: counterExtraBody,
        response: { 201: extra, ...problems },
      },
      handler: async (request, reply) => {
        const result = await counter.logExtra(deps, deviceOf(request), cookieOf(request), request.body);
        return reply.code(201).send(result.body);
      },
    });

    device.get('/counter/steps', {
      config: { access: 'counterDevice' },
      onRequest: needDevice,
      schema: {
        tags: ['counter'],
        summary: "The counter team's open steps",
        response: { 200: counterSteps, ...problems },
      },
      handler: (request) => counter.listSteps(deps, deviceOf(request), cookieOf(request)),
    });

    device.post('/counter/promises/:promiseId/steps/:stepId/take-up', {
      config: { access: 'counterDevice' },
      onRequest: needDevice,
      schema: {
        tags: ['counter'],
        summary: 'Take up one of the team’s steps as the person at the counter',
        params: counterStepParams,
        response: { 204: z.null(), ...problems },
      },
      handler: async (request, reply) => {
        await counter.takeUpStep(
          deps,
          deviceOf(request),
          cookieOf(request),
          request.params.promiseId,
          request.params.stepId,
        );
        return reply.code(204).send(null);
      },
    });
  }
};
