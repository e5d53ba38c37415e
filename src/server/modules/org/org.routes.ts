import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createInvitationBody,
  createTeamBody,
  invitation,
  invitationParams,
  listMembersQuery,
  member,
  memberParams,
  organization,
  putTeamMemberBody,
  team,
  teamDetail,
  teamMemberParams,
  teamParams,
  updateMemberBody,
  updateOrganizationBody,
  updateTeamBody,
} from '../../../contracts/org.contract';
import type { Deps } from '../../deps';
import { problems } from '../../lib/openapi';
import { authOf, tenantOf } from '../../lib/request-context';
import { ADMIN, EVERYONE, LEADERS, STAFF } from '../../lib/roles';
import * as invitations from './invitations.service';
import * as members from './members.service';
import * as service from './org.service';
import * as teams from './teams.service';

export const orgRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // ---------- organisation ----------
  app.get('/organization', {
    config: { access: EVERYONE },
    schema: {
      tags: ['organization'],
      summary: 'The organisation you work in',
      response: { 200: organization, ...problems },
    },
    handler: (request) => service.findOrganization(deps, tenantOf(request)),
  });

  app.patch('/organization', {
    config: { access: ADMIN },
    schema: {
      tags: ['organization'],
      summary: 'Change name, default language or time zone',
      body: updateOrganizationBody,
      response: { 200: organization, ...problems },
    },
    handler: (request) => service.updateOrganization(deps, tenantOf(request), request.body),
  });

  // ---------- members ----------
  app.get('/members', {
    config: { access: LEADERS },
    schema: {
      tags: ['members'],
      summary: 'Members of the organisation',
      querystring: listMembersQuery,
      response: { 200: z.object({ items: z.array(member) }), ...problems },
    },
    handler: async (request) => ({ items: await members.listMembers(deps, tenantOf(request), request.query) }),
  });

  app.get('/members/:memberId', {
    config: { access: LEADERS },
    schema: { tags: ['members'], summary: 'One member', params: memberParams, response: { 200: member, ...problems } },
    handler: (request) => members.findMember(deps, tenantOf(request), request.params.memberId),
  });

  app.patch('/members/:memberId', {
    config: { access: ADMIN },
    schema: {
      tags: ['members'],
      summary: 'Change roles or job title',
      params: memberParams,
      body: updateMemberBody,
      response: { 200: member, ...problems },
    },
    handler: (request) => members.updateMember(deps, tenantOf(request), request.params.memberId, request.body),
  });

  app.post('/members/:memberId/deactivate', {
    config: { access: ADMIN },
    schema: {
      tags: ['members'],
      summary: 'Deactivate: the member can no longer sign in here; their history stays',
      params: memberParams,
      response: { 200: member, ...problems },
    },
    handler: (request) => members.deactivateMember(deps, tenantOf(request), request.params.memberId),
  });

  app.post('/members/:memberId/reactivate', {
    config: { access: ADMIN },
    schema: { tags: ['members'], summary: 'Reactivate', params: memberParams, response: { 200: member, ...problems } },
    handler: (request) => members.reactivateMember(deps, tenantOf(request), request.params.memberId),
  });

  // ---------- invitations ----------
  app.get('/invitations', {
    config: { access: ADMIN },
    schema: {
      tags: ['invitations'],
      summary: 'Pending invitations',
      response: { 200: z.object({ items: z.array(invitation) }), ...problems },
    },
    handler: async (request) => ({ items: await invitations.listInvitations(deps, tenantOf(request)) }),
  });

  app.post('/invitations', {
    config: { access: ADMIN },
    schema: {
      tags: ['invitations'],
      summary: 'Invite a person by e-mail',
      body: createInvitationBody,
      response: { 201: invitation, ...problems },
    },
    handler: async (request, reply) => {
      const created = await invitations.inviteMember(deps, tenantOf(request), authOf(request), request.body);
      return reply.code(201).send(created);
    },
  });

  app.post('/invitations/:invitationId/resend', {
    config: { access: ADMIN },
    schema: {
      tags: ['invitations'],
      summary: 'Send the invitation again with a new link',
      params: invitationParams,
      response: { 200: invitation, ...problems },
    },
    handler: (request) =>
      invitations.resendInvitation(deps, tenantOf(request), authOf(request), request.params.invitationId),
  });

  app.delete('/invitations/:invitationId', {
    config: { access: ADMIN },
    schema: {
      tags: ['invitations'],
      summary: 'Withdraw an invitation',
      params: invitationParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await invitations.revokeInvitation(deps, tenantOf(request), request.params.invitationId);
      return reply.code(204).send(null);
    },
  });

  // ---------- teams ----------
  app.get('/teams', {
    config: { access: STAFF },
    schema: { tags: ['teams'], summary: 'Teams', response: { 200: z.object({ items: z.array(team) }), ...problems } },
    handler: async (request) => ({ items: await teams.listTeams(deps, tenantOf(request)) }),
  });

  app.get('/teams/:teamId', {
    config: { access: STAFF },
    schema: {
      tags: ['teams'],
      summary: 'A team and its members',
      params: teamParams,
      response: { 200: teamDetail, ...problems },
    },
    handler: (request) => teams.findTeam(deps, tenantOf(request), request.params.teamId),
  });

  app.post('/teams', {
    config: { access: ADMIN },
    schema: {
      tags: ['teams'],
      summary: 'Create a team',
      body: createTeamBody,
      response: { 201: teamDetail, ...problems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await teams.createTeam(deps, tenantOf(request), request.body)),
  });

  app.patch('/teams/:teamId', {
    config: { access: ADMIN },
    schema: {
      tags: ['teams'],
      summary: 'Rename or describe a team',
      params: teamParams,
      body: updateTeamBody,
      response: { 200: teamDetail, ...problems },
    },
    handler: (request) => teams.updateTeam(deps, tenantOf(request), request.params.teamId, request.body),
  });

  app.delete('/teams/:teamId', {
    config: { access: ADMIN },
    schema: {
      tags: ['teams'],
      summary: 'Archive a team',
      params: teamParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (request, reply) => {
      await teams.archiveTeam(deps, tenantOf(request), request.params.teamId);
      return reply.code(204).send(null);
    },
  });

  app.put('/teams/:teamId/members/:memberId', {
    config: { access: ADMIN },
    schema: {
      tags: ['teams'],
      summary: 'Add a member to a team, or make them (no longer) its manager',
      params: teamMemberParams,
      body: putTeamMemberBody,
      response: { 200: teamDetail, ...problems },
    },
    handler: (request) =>
      teams.putTeamMember(deps, tenantOf(request), request.params.teamId, request.params.memberId, request.body),
  });

  app.delete('/teams/:teamId/members/:memberId', {
    config: { access: ADMIN },
    schema: {
      tags: ['teams'],
      summary: 'Take a member out of a team',
      params: teamMemberParams,
      response: { 200: teamDetail, ...problems },
    },
    handler: (request) =>
      teams.removeTeamMember(deps, tenantOf(request), request.params.teamId, request.params.memberId),
  });
};
