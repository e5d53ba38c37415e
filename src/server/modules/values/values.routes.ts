import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  coreValue,
  createOfferingBody,
  createValueBody,
  listOfferingsQuery,
  listValuesQuery,
  offering,
  offeringParams,
  purpose,
  reorderValuesBody,
  updateOfferingBody,
  updatePurposeBody,
  updateValueBody,
  valueParams,
} from '../../../contracts/values.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { tenantOf } from '../../lib/request-context';
import { STAFF, STEERING } from '../../lib/roles';
import * as service from './values.service';

export const valuesRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps: { db } }) => {
  const tags = ['values'];

  app.get('/purpose', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: "The organisation's why and offer profile in words",
      response: { 200: purpose, ...problems },
    },
    handler: (request) => service.findPurpose(db, tenantOf(request)),
  });

  app.put('/purpose', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Set the purpose and offer profile',
      body: updatePurposeBody,
      response: { 200: purpose, ...problems },
    },
    handler: (request) => service.updatePurpose(db, tenantOf(request), request.body),
  });

  app.get('/values', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'Core values with their behaviours, in order',
      querystring: listValuesQuery,
      response: { 200: z.object({ items: z.array(coreValue) }), ...problems },
    },
    handler: async (request) => ({
      items: await service.listValues(db, tenantOf(request), request.query.includeRetired),
    }),
  });

  app.post('/values', {
    config: { access: STEERING },
    schema: { tags, summary: 'Add a core value', body: createValueBody, response: { 201: coreValue, ...problems } },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createValue(db, tenantOf(request), request.body)),
  });

  app.put('/values/order', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Put the active values in a new order',
      body: reorderValuesBody,
      response: { 200: z.object({ items: z.array(coreValue) }), ...problems },
    },
    handler: async (request) => ({ items: await service.reorderValues(db, tenantOf(request), request.body.ids) }),
  });

  app.patch('/values/:valueId', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Change a value',
      params: valueParams,
      body: updateValueBody,
      response: { 200: coreValue, ...problems },
    },
    handler: (request) => service.updateValue(db, tenantOf(request), request.params.valueId, request.body),
  });

  app.post('/values/:valueId/retire', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Retire a value (its history stays)',
      params: valueParams,
      response: { 200: coreValue, ...problems },
    },
    handler: (request) => service.setValueRetired(db, tenantOf(request), request.params.valueId, true),
  });

  app.post('/values/:valueId/restore', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Bring a retired value back',
      params: valueParams,
      response: { 200: coreValue, ...problems },
    },
    handler: (request) => service.setValueRetired(db, tenantOf(request), request.params.valueId, false),
  });

  app.get('/offerings', {
    config: { access: STAFF },
    schema: {
      tags,
      summary: 'What we offer, with the guidelines everyone must know',
      querystring: listOfferingsQuery,
      response: { 200: z.object({ items: z.array(offering) }), ...problems },
    },
    handler: async (request) => ({
      items: await service.listOfferings(db, tenantOf(request), request.query.includeRetired),
    }),
  });

  app.post('/offerings', {
    config: { access: STEERING },
    schema: { tags, summary: 'Add an offering', body: createOfferingBody, response: { 201: offering, ...problems } },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createOffering(db, tenantOf(request), request.body)),
  });

  app.patch('/offerings/:offeringId', {
    config: { access: STEERING },
    schema: {
      tags,
      summary: 'Change an offering or its guidelines',
      params: offeringParams,
      body: updateOfferingBody,
      response: { 200: offering, ...problems },
    },
    handler: (request) => service.updateOffering(db, tenantOf(request), request.params.offeringId, request.body),
  });

  app.post('/offerings/:offeringId/retire', {
    config: { access: STEERING },
    schema: { tags, summary: 'Stop offering it', params: offeringParams, response: { 200: offering, ...problems } },
    handler: (request) => service.setOfferingRetired(db, tenantOf(request), request.params.offeringId, true),
  });

  app.post('/offerings/:offeringId/restore', {
    config: { access: STEERING },
    schema: { tags, summary: 'Offer it again', params: offeringParams, response: { 200: offering, ...problems } },
    handler: (request) => service.setOfferingRetired(db, tenantOf(request), request.params.offeringId, false),
  });
};
