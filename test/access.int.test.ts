import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/contracts/constants';
import { createOrgFixture, type OrgFixture } from './helpers/fixtures';
import { apiRoutes, fillParams } from './helpers/routes';
import { cookieFrom, createTestApp, signIn, type TestApp } from './helpers/test-app';

// Who may call what, written out by hand: this table is the specification the route table must match.
type Expected = 'public' | 'signedIn' | 'counterDevice' | Role[];
const ALL: Role[] = ['member', 'manager', 'director', 'advisor', 'admin'];
const STAFF: Role[] = ['member', 'manager', 'director', 'admin'];
const PEOPLE: Role[] = ['manager', 'director', 'admin'];
const ADMIN: Role[] = ['admin'];
const STEERING: Role[] = ['director', 'admin'];
/** Adds people without an e-mail address and replaces their cards (a manager for the teams they manage). */
const CODE_KEEPERS: Role[] = ['manager', 'admin'];

const EXPECTED_ACCESS: Record<string, Expected> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'GET /api/config': 'public',
  'GET /api/manifest.webmanifest': 'public',
  'POST /api/v1/auth/sign-up': 'public',
  'POST /api/v1/auth/sign-up/confirm': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': 'signedIn',
  'POST /api/v1/auth/password/forgot': 'public',
  'POST /api/v1/auth/password/reset': 'public',
  'POST /api/v1/auth/invitations/preview': 'public',
  'POST /api/v1/auth/invitations/accept': 'public',
  'GET /api/v1/session': 'public',
  'GET /api/v1/auth/sso/start': 'public',
  'GET /api/v1/auth/sso/callback': 'public',
  'GET /api/v1/me': 'signedIn',
  'PATCH /api/v1/me': 'signedIn',
  'POST /api/v1/me/organization': 'signedIn',
  'POST /api/v1/me/password': 'signedIn',
  'GET /api/v1/me/export': ALL,
  'GET /api/v1/me/figure-views': ALL,
  'GET /api/v1/privacy/statement': ALL,
  'GET /api/v1/organization': ALL,
  'PATCH /api/v1/organization': ADMIN,
  'GET /api/v1/members': PEOPLE,
  'GET /api/v1/members/:memberId': PEOPLE,
  'PATCH /api/v1/members/:memberId': ADMIN,
  'POST /api/v1/members/:memberId/deactivate': ADMIN,
  'POST /api/v1/members/:memberId/reactivate': ADMIN,
  'GET /api/v1/members/:memberId/export': ADMIN,
  'POST /api/v1/members/:memberId/erase': ADMIN,
  'GET /api/v1/invitations': ADMIN,
  'POST /api/v1/invitations': ADMIN,
  'POST /api/v1/invitations/:invitationId/resend': ADMIN,
  'DELETE /api/v1/invitations/:invitationId': ADMIN,
  'GET /api/v1/sso': ADMIN,
  'PUT /api/v1/sso': ADMIN,
  'DELETE /api/v1/sso': ADMIN,
  'POST /api/v1/sso/domains/check': ADMIN,
  'GET /api/v1/sso/requests': ADMIN,
  'POST /api/v1/sso/requests/:requestId/approve': ADMIN,
  'DELETE /api/v1/sso/requests/:requestId': ADMIN,
  'GET /api/v1/teams': STAFF,
  'GET /api/v1/teams/:teamId': STAFF,
  'POST /api/v1/teams': ADMIN,
  'PATCH /api/v1/teams/:teamId': ADMIN,
  'DELETE /api/v1/teams/:teamId': ADMIN,
  'PUT /api/v1/teams/:teamId/members/:memberId': ADMIN,
  'DELETE /api/v1/teams/:teamId/members/:memberId': ADMIN,
  'GET /api/v1/purpose': STAFF,
  'PUT /api/v1/purpose': STEERING,
  'GET /api/v1/values': STAFF,
  'POST /api/v1/values': STEERING,
  'PUT /api/v1/values/order': STEERING,
  'PATCH /api/v1/values/:valueId': STEERING,
  'POST /api/v1/values/:valueId/retire': STEERING,
  'POST /api/v1/values/:valueId/restore': STEERING,
  'GET /api/v1/offerings': STAFF,
  'POST /api/v1/offerings': STEERING,
  'PATCH /api/v1/offerings/:offeringId': STEERING,
  'POST /api/v1/offerings/:offeringId/retire': STEERING,
  'POST /api/v1/offerings/:offeringId/restore': STEERING,
  'GET /api/v1/mandates': PEOPLE,
  'PUT /api/v1/mandates': STEERING,
  'DELETE /api/v1/mandates/:mandateId': STEERING,
  'GET /api/v1/mandates/me': STAFF,
  'POST /api/v1/extras': STAFF,
  'GET /api/v1/extras': STAFF,
  'GET /api/v1/extras/export.csv': STAFF,
  'GET /api/v1/extras/suggestions': STAFF,
  'GET /api/v1/extras/:extraId': STAFF,
  'PATCH /api/v1/extras/:extraId': STAFF,
  'DELETE /api/v1/extras/:extraId': STAFF,
  'PUT /api/v1/extras/:extraId/reaction': STAFF,
  'POST /api/v1/extras/:extraId/hide': PEOPLE,
  'POST /api/v1/extras/:extraId/unhide': PEOPLE,
  'GET /api/v1/feed': STAFF,
  'PUT /api/v1/feed/:extraId/thanks': STAFF,
  'DELETE /api/v1/feed/:extraId/thanks': STAFF,
  'POST /api/v1/feed/:extraId/comments': STAFF,
  'DELETE /api/v1/feed/:extraId/comments/:commentId': STAFF,
  'PUT /api/v1/extras/:extraId/feed': STAFF,
  'GET /api/v1/extras/similar': STAFF,
  'GET /api/v1/best-practices': STAFF,
  'POST /api/v1/best-practices': PEOPLE,
  'DELETE /api/v1/best-practices/:extraId': PEOPLE,
  'GET /api/v1/teams/:teamId/weekly-pick': STAFF,
  'PUT /api/v1/teams/:teamId/weekly-pick': PEOPLE,
  'GET /api/v1/teams/:teamId/conversation': ['manager'],
  'GET /api/v1/teams/:teamId/conversation/notes': ['manager'],
  'POST /api/v1/teams/:teamId/conversation/notes': ['manager'],
  'GET /api/v1/conversation-notes/me': STAFF,
  'GET /api/v1/learning/settings': PEOPLE,
  'PUT /api/v1/learning/settings': ADMIN,
  'GET /api/v1/what-works': STAFF,
  'GET /api/v1/digest/preference': ALL,
  'PUT /api/v1/digest/preference': ALL,
  'GET /api/v1/customers': STAFF,
  'POST /api/v1/promises/check': STAFF,
  'POST /api/v1/promises': STAFF,
  'GET /api/v1/promises': STAFF,
  'GET /api/v1/promises/export.csv': STAFF,
  'GET /api/v1/promises/:promiseId': STAFF,
  'POST /api/v1/promises/:promiseId/renegotiate': STAFF,
  'POST /api/v1/promises/:promiseId/delivery': STAFF,
  'POST /api/v1/promises/:promiseId/steps/:stepId/accept': STAFF,
  'POST /api/v1/promises/:promiseId/steps/:stepId/done': STAFF,
  'POST /api/v1/promises/:promiseId/steps/:stepId/send-back': STAFF,
  'POST /api/v1/promises/:promiseId/steps/:stepId/rating': STAFF,
  'PUT /api/v1/promises/:promiseId/steps/:stepId/owner': STAFF,
  'GET /api/v1/promises/:promiseId/steps/:stepId/comments': STAFF,
  'POST /api/v1/promises/:promiseId/steps/:stepId/comments': STAFF,
  'GET /api/v1/steps': STAFF,
  'GET /api/v1/chain': STAFF,
  'GET /api/v1/team-figures': STAFF,
  'GET /api/v1/internal-scan': STAFF,
  'PUT /api/v1/internal-scan': STAFF,
  'GET /api/v1/questions/bank': STEERING,
  'POST /api/v1/questions/bank': STEERING,
  'DELETE /api/v1/questions/bank/:questionId': STEERING,
  'GET /api/v1/campaigns': STAFF,
  'POST /api/v1/campaigns': STEERING,
  'POST /api/v1/campaigns/audience-size': STEERING,
  'GET /api/v1/campaigns/:campaignId': STAFF,
  'DELETE /api/v1/campaigns/:campaignId': STEERING,
  'PUT /api/v1/campaigns/:campaignId/answers': STAFF,
  'PUT /api/v1/campaigns/:campaignId/mirror': STAFF,
  'POST /api/v1/campaigns/:campaignId/close': STEERING,
  'GET /api/v1/campaigns/:campaignId/participation': PEOPLE,
  'GET /api/v1/campaigns/:campaignId/results': STAFF,
  'GET /api/v1/campaigns/:campaignId/results.csv': STAFF,
  'GET /api/v1/campaigns/:campaignId/mirror': PEOPLE,
  'POST /api/v1/campaigns/:campaignId/actions': PEOPLE,
  'GET /api/v1/campaign-actions': STAFF,
  'PATCH /api/v1/campaign-actions/:actionId': STAFF,
  'POST /api/v1/extras/:extraId/voice-link': STAFF,
  'POST /api/v1/promises/:promiseId/voice-link': STAFF,
  'GET /api/v1/extras/:extraId/reaction-request': STAFF,
  'POST /api/v1/extras/:extraId/reaction-request': STAFF,
  'GET /api/v1/promises/:promiseId/reaction-request': STAFF,
  'POST /api/v1/promises/:promiseId/reaction-request': STAFF,
  'GET /api/v1/voice-links/:linkId/qr.svg': STAFF,
  'GET /api/v1/voice-links/:linkId/qr.png': STAFF,
  'GET /api/v1/touchpoints': PEOPLE,
  'POST /api/v1/touchpoints': STEERING,
  'PATCH /api/v1/touchpoints/:touchpointId': STEERING,
  'GET /api/v1/customer-reactions': STAFF,
  'POST /api/v1/customers/:customerId/forget': PEOPLE,
  'DELETE /api/v1/customer-reactions/:reactionId/contact': PEOPLE,
  'GET /api/v1/voice-followups': STAFF,
  'GET /api/v1/voice-followups/:followupId': STAFF,
  'PUT /api/v1/voice-followups/:followupId/assignee': PEOPLE,
  'POST /api/v1/voice-followups/:followupId/messages': STAFF,
  'POST /api/v1/voice-followups/:followupId/close': STAFF,
  'GET /api/v1/voice-settings': PEOPLE,
  'PUT /api/v1/voice-settings': ADMIN,
  'GET /api/v1/needs': ALL,
  'POST /api/v1/needs': ALL,
  'PUT /api/v1/needs/:needId/support': ALL,
  'PUT /api/v1/needs/:needId/recognition': STEERING,
  'GET /api/v1/proposals': ALL,
  'POST /api/v1/proposals': ALL,
  'GET /api/v1/proposals/:proposalId': ALL,
  'PATCH /api/v1/proposals/:proposalId': ALL,
  'POST /api/v1/proposals/:proposalId/resubmit': ALL,
  'POST /api/v1/proposals/:proposalId/withdraw': ALL,
  'GET /api/v1/decision-queue': STEERING,
  'POST /api/v1/proposals/:proposalId/decision': STEERING,
  'GET /api/v1/tower': STEERING,
  'POST /api/v1/thanks': STAFF,
  'GET /api/v1/thanks/received': STAFF,
  'DELETE /api/v1/thanks/:thanksId': STAFF,
  'GET /api/v1/teams/:teamId/thanks': STAFF,
  'GET /api/v1/notifications': ALL,
  'POST /api/v1/notifications/read-all': ALL,
  'POST /api/v1/notifications/:notificationId/read': ALL,
  'POST /api/v1/auth/code-sign-in': 'public',
  'GET /api/v1/sign-in-codes': CODE_KEEPERS,
  'POST /api/v1/sign-in-codes': CODE_KEEPERS,
  'POST /api/v1/sign-in-codes/:memberId/replace': CODE_KEEPERS,
  'POST /api/v1/members/:memberId/counter-pin': CODE_KEEPERS,
  'GET /api/v1/me/counter-pin': STAFF,
  'PUT /api/v1/me/counter-pin': STAFF,
  'DELETE /api/v1/me/counter-pin': STAFF,
  'GET /api/v1/counter-devices': ADMIN,
  'POST /api/v1/counter-devices': ADMIN,
  'POST /api/v1/counter-devices/:deviceId/revoke': ADMIN,
  'POST /api/v1/members/import/preview': ADMIN,
  'POST /api/v1/members/import': ADMIN,
  'POST /api/v1/counter/activate': 'public',
  'GET /api/v1/counter': 'counterDevice',
  'POST /api/v1/counter/unlock': 'counterDevice',
  'POST /api/v1/counter/lock': 'counterDevice',
  'POST /api/v1/counter/extras': 'counterDevice',
  'GET /api/v1/counter/steps': 'counterDevice',
  'POST /api/v1/counter/promises/:promiseId/steps/:stepId/take-up': 'counterDevice',
  'GET /api/v1/me/inbox': ALL,
  'GET /api/v1/setup': ADMIN,
  'PUT /api/v1/setup/skipped': ADMIN,
  'GET /api/v1/webhooks': ADMIN,
  'POST /api/v1/webhooks': ADMIN,
  'PATCH /api/v1/webhooks/:webhookId': ADMIN,
  'DELETE /api/v1/webhooks/:webhookId': ADMIN,
  'GET /api/v1/webhooks/:webhookId/deliveries': ADMIN,
  'GET /api/v1/api-keys': ADMIN,
  'POST /api/v1/api-keys': ADMIN,
  'POST /api/v1/api-keys/:keyId/revoke': ADMIN,
};

const normalize = (access: unknown) => (Array.isArray(access) ? [...access].sort() : access);

let t: TestApp;
let a: OrgFixture;
let b: OrgFixture;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  t = await createTestApp({}, (app) => {
    // A route that forgot to say who may call it.
    app.get('/api/v1/forgotten-rule', async () => ({ secret: 'should never be served' }));
  });
  a = await createOrgFixture(t.database.db, 'a');
  b = await createOrgFixture(t.database.db, 'b');
  for (const role of ROLES) cookies[role] = await signIn(t.app, a.people[role].email);
});
afterAll(() => t.close());

describe('the route table', () => {
  it('refuses a route that declares no access rule, even to an administrator', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/forgotten-rule',
      headers: { cookie: cookies.admin },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
    expect(response.body).not.toContain('should never be served');
  });

  it('matches the written specification: every API route has exactly the expected rule', () => {
    const actual = Object.fromEntries(
      apiRoutes(t.app.routeTable)
        .filter((r) => r.url !== '/api/v1/forgotten-rule')
        .map((r) => [`${r.method} ${r.url}`, normalize(r.access)]),
    );
    const expected = Object.fromEntries(Object.entries(EXPECTED_ACCESS).map(([k, v]) => [k, normalize(v)]));
    expect(actual).toEqual(expected);
  });

  it('only logging an extra may go on a session found earlier (its statement verifies it); every other route checks it', () => {
    const deferring = apiRoutes(t.app.routeTable)
      .filter((r) => r.sessionCheckedByWrite)
      .map((r) => `${r.method} ${r.url}`);
    expect(deferring).toEqual(['POST /api/v1/extras']);
  });

  it('each role gets exactly what it should, and nobody signed out gets past the door', async () => {
    const failures: string[] = [];
    for (const route of apiRoutes(t.app.routeTable)) {
      const expected = EXPECTED_ACCESS[`${route.method} ${route.url}`];
      if (!expected || expected === 'public') continue;
      // Unknown ids: an allowed caller reaches the handler (404 or 400), a refused one is stopped first.
      const url = fillParams(route.url, {});
      const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};

      const anonymous = await t.app.inject({ method: route.method as 'GET', url, payload });
      if (anonymous.statusCode !== 401)
        failures.push(`anonymous ${route.method} ${route.url}: ${anonymous.statusCode}`);

      if (expected === 'signedIn') continue;
      if (expected === 'counterDevice') {
        // Only a counter device's own cookie opens these: a person's session, of any role, does not.
        for (const role of ROLES) {
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            payload,
            headers: { cookie: cookies[role] },
          });
          if (response.statusCode !== 401 || response.json().code !== 'counter_device_required')
            failures.push(`${role} ${route.method} ${route.url}: ${response.statusCode}`);
        }
        continue;
      }
      for (const role of ROLES) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          payload,
          headers: { cookie: cookies[role] },
        });
        const allowed = expected.includes(role);
        const refused = response.statusCode === 403 && response.json().code === 'forbidden';
        if (allowed === refused || response.statusCode === 401 || response.statusCode >= 500) {
          failures.push(
            `${role} ${route.method} ${route.url}: ${response.statusCode} (expected ${allowed ? 'allowed' : 'refused'})`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('API keys', () => {
  it("a key of each role gets exactly what that role gets, and never a person's own routes", async () => {
    const failures: string[] = [];
    for (const role of ['member', 'director'] as const) {
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        payload: { name: `Tabel ${role}`, role, expiresInDays: 1 },
        headers: { cookie: cookies.admin },
      });
      const authorization = `Bearer ${made.json().key}`;
      for (const route of apiRoutes(t.app.routeTable)) {
        const expected = EXPECTED_ACCESS[`${route.method} ${route.url}`];
        if (!expected || expected === 'public') continue;
        // Not the revoke route of a key in use here: it would end the test's own key.
        if (route.url === '/api/v1/api-keys/:keyId/revoke') continue;
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: fillParams(route.url, {}),
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
          headers: { authorization },
        });
        const allowed = Array.isArray(expected) && expected.includes(role);
        const refused = response.statusCode === 403;
        if (allowed === refused || response.statusCode === 401 || response.statusCode >= 500)
          failures.push(`${role} key ${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('organisations never see each other', () => {
  it('answers 404 to an administrator of B for every id of A, and changes nothing in A', async () => {
    const adminA = cookies.admin;
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      payload: { email: 'pending@example.test' },
      headers: { cookie: adminA },
    });
    const steering = cookies.director;
    const value = await t.app.inject({
      method: 'POST',
      url: '/api/v1/values',
      payload: { name: 'Gastvrij', behaviours: ['groet', 'luistert'] },
      headers: { cookie: steering },
    });
    const offer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/offerings',
      payload: { name: 'Kamer' },
      headers: { cookie: steering },
    });
    const mandateOfA = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/mandates',
      payload: {
        scope: { type: 'role', role: 'member' },
        period: 'week',
        budgetCents: 100,
        maxPerExtraCents: 100,
        allowedKinds: ['gift'],
      },
      headers: { cookie: steering },
    });
    const extraOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/extras',
      payload: {
        occasion: 'Jarig',
        action: 'Taart',
        kind: 'gift',
        costCents: 500,
        minutes: 5,
        aboveMandateReason: 'verjaardag',
      },
      headers: { cookie: cookies.member },
    });
    expect(extraOfA.statusCode, extraOfA.body).toBe(201);
    const notification = (
      await t.database.pool.query(`select id from notifications where org_id = $1 limit 1`, [a.orgId])
    ).rows[0];
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const promiseOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/promises',
      payload: {
        customer: { name: 'Klant van A' },
        what: 'Een afspraak van A',
        dueDate: inTenDays,
        offeringId: offer.json().id,
        ownerTeamId: a.teamId,
        steps: [{ teamId: a.teamId, what: 'Stap van A', dueDate: inTenDays }],
      },
      headers: { cookie: cookies.member },
    });
    expect(promiseOfA.statusCode, promiseOfA.body).toBe(201);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const ownQuestion = await t.app.inject({
      method: 'POST',
      url: '/api/v1/questions/bank',
      payload: { theme: 'values', kind: 'agree5', text: { nl: 'Een eigen vraag van A' } },
      headers: { cookie: steering },
    });
    const campaignOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/campaigns',
      payload: {
        title: 'Ronde van A',
        opensOn: today,
        closesOn: inTenDays,
        audience: { all: true },
        questionKeys: ['mandate.room', ownQuestion.json().key],
      },
      headers: { cookie: steering },
    });
    expect(campaignOfA.statusCode, campaignOfA.body).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignOfA.json().id}/close`,
      headers: { cookie: steering },
    });
    const actionOfA = await t.app.inject({
      method: 'POST',
      url: `/api/v1/campaigns/${campaignOfA.json().id}/actions`,
      payload: { groupKey: 'org', what: 'Een actie van A', dueOn: inTenDays },
      headers: { cookie: steering },
    });
    expect(actionOfA.statusCode, actionOfA.body).toBe(201);
    const touchpointOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/touchpoints',
      payload: { name: 'Balie van A', teamId: a.teamId },
      headers: { cookie: steering },
    });
    expect(touchpointOfA.statusCode, touchpointOfA.body).toBe(201);
    const reactionOfA = await t.app.inject({
      method: 'POST',
      url: new URL(touchpointOfA.json().link.url).pathname,
      payload: 'score=1&comment=slecht&contact=yes&name=Mevr.%20Jansen&phone=0612345678',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reactionOfA.statusCode).toBe(303);
    const followupOfA = (
      await t.database.pool.query(`select id, reaction_id from voice_followups where org_id = $1`, [a.orgId])
    ).rows[0];
    const needOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/needs',
      payload: { what: 'Een behoefte van A', forWhom: 'Gasten', whyNow: 'Nu' },
      headers: { cookie: cookies.advisor },
    });
    expect(needOfA.statusCode, needOfA.body).toBe(201);
    const proposalOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/proposals',
      payload: {
        kind: 'new',
        title: 'Voorstel van A',
        needId: needOfA.json().id,
        proposal: 'Doen',
        effectCustomers: 'Blij',
        effectStaff: 'Blij',
        costCents: 100,
        risks: 'Geen',
        decisionWantedBy: null,
      },
      headers: { cookie: cookies.advisor },
    });
    expect(proposalOfA.statusCode, proposalOfA.body).toBe(201);
    const codePersonOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sign-in-codes',
      payload: { name: 'Zonder mail van A', teamId: a.teamId },
      headers: { cookie: adminA },
    });
    expect(codePersonOfA.statusCode, codePersonOfA.body).toBe(201);
    const deviceOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/counter-devices',
      payload: { name: 'Balie van A', teamId: a.teamId },
      headers: { cookie: adminA },
    });
    expect(deviceOfA.statusCode, deviceOfA.body).toBe(201);
    // Someone who signed in with A's identity provider and waits for A's approval.
    const waiting = await t.database.pool.query(
      `insert into sso_join_requests (org_id, user_id) values ($1, $2) returning id`,
      [a.orgId, b.people.member.userId],
    );
    const webhookOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      payload: { name: 'Webhook van A', url: 'https://hooks.example.com/a', events: ['extra.logged'] },
      headers: { cookie: adminA },
    });
    expect(webhookOfA.statusCode, webhookOfA.body).toBe(201);
    const keyOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      payload: { name: 'Sleutel van A', role: 'member', expiresInDays: 30 },
      headers: { cookie: adminA },
    });
    expect(keyOfA.statusCode, keyOfA.body).toBe(201);
    const thanksOfA = await t.app.inject({
      method: 'POST',
      url: '/api/v1/thanks',
      payload: { toMemberId: a.outsider.memberId, words: 'Dank van A' },
      headers: { cookie: cookies.member },
    });
    expect(thanksOfA.statusCode, thanksOfA.body).toBe(201);
    const idsOfA = {
      thanksId: thanksOfA.json().id,
      webhookId: webhookOfA.json().id,
      keyId: keyOfA.json().id,
      requestId: waiting.rows[0].id,
      needId: needOfA.json().id,
      proposalId: proposalOfA.json().id,
      linkId: touchpointOfA.json().link.id,
      touchpointId: touchpointOfA.json().id,
      followupId: followupOfA.id,
      reactionId: followupOfA.reaction_id,
      campaignId: campaignOfA.json().id,
      questionId: ownQuestion.json().key.slice('own:'.length),
      actionId: actionOfA.json().id,
      memberId: a.people.member.memberId,
      teamId: a.teamId,
      invitationId: invite.json().id,
      valueId: value.json().id,
      offeringId: offer.json().id,
      mandateId: mandateOfA.json().id,
      extraId: extraOfA.json().id,
      notificationId: notification.id,
      promiseId: promiseOfA.json().id,
      customerId: promiseOfA.json().customer.id,
      stepId: promiseOfA.json().steps[0].id,
      deviceId: deviceOfA.json().device.id,
    };
    expect(Object.values(idsOfA).every(Boolean)).toBe(true);
    const validBody: Record<string, unknown> = {
      'PUT /api/v1/extras/:extraId/reaction': { reactionText: 'blij', reactionScore: 5 },
      'POST /api/v1/extras/:extraId/hide': { reason: 'overgenomen' },
      'PATCH /api/v1/extras/:extraId': { costCents: 0 },
      'PATCH /api/v1/values/:valueId': { name: 'Overgenomen' },
      'PATCH /api/v1/offerings/:offeringId': { name: 'Overgenomen' },
      'PATCH /api/v1/members/:memberId': { roles: ['admin'] },
      'PATCH /api/v1/teams/:teamId': { name: 'Taken over' },
      'PUT /api/v1/teams/:teamId/members/:memberId': { isManager: true },
      'POST /api/v1/feed/:extraId/comments': { body: 'Overgenomen' },
      'PUT /api/v1/extras/:extraId/feed': { inFeed: false },
      'PUT /api/v1/teams/:teamId/weekly-pick': { week: '2026-11-16', extraIds: [extraOfA.json().id] },
      'POST /api/v1/teams/:teamId/conversation/notes': { memberId: a.people.member.memberId, body: 'Overgenomen' },
      'POST /api/v1/promises/:promiseId/renegotiate': { dueDate: inTenDays, reason: 'Overgenomen' },
      'POST /api/v1/promises/:promiseId/steps/:stepId/send-back': { reason: 'Overgenomen' },
      'POST /api/v1/promises/:promiseId/steps/:stepId/rating': { score: 1 },
      'PUT /api/v1/promises/:promiseId/steps/:stepId/owner': { memberId: b.people.member.memberId },
      'POST /api/v1/promises/:promiseId/steps/:stepId/comments': { body: 'Overgenomen' },
      'PUT /api/v1/campaigns/:campaignId/answers': { answers: [] },
      'PUT /api/v1/campaigns/:campaignId/mirror': { answers: [] },
      'POST /api/v1/campaigns/:campaignId/actions': { groupKey: 'org', what: 'Overgenomen', dueOn: inTenDays },
      'PATCH /api/v1/campaign-actions/:actionId': { done: true },
      'PATCH /api/v1/touchpoints/:touchpointId': { name: 'Overgenomen' },
      'POST /api/v1/voice-followups/:followupId/close': { outcome: 'resolved' },
      'PUT /api/v1/voice-followups/:followupId/assignee': { memberId: b.people.member.memberId },
      'POST /api/v1/voice-followups/:followupId/messages': { text: 'Overgenomen' },
      'POST /api/v1/extras/:extraId/reaction-request': { email: 'klant@example.com', consent: true },
      'POST /api/v1/promises/:promiseId/reaction-request': { email: 'klant@example.com', consent: true },
      'PUT /api/v1/needs/:needId/support': { support: true },
      'PUT /api/v1/needs/:needId/recognition': { recognised: true },
      'PATCH /api/v1/proposals/:proposalId': { title: 'Overgenomen' },
      'POST /api/v1/proposals/:proposalId/resubmit': { reason: 'Overgenomen' },
      'POST /api/v1/proposals/:proposalId/decision': { decision: 'approve', reason: 'Overgenomen' },
      'PATCH /api/v1/webhooks/:webhookId': { name: 'Overgenomen', url: 'https://hooks.example.com/b' },
    };
    const validQuery: Record<string, string> = {
      'GET /api/v1/teams/:teamId/conversation': '?from=2026-01-01&to=2026-01-31',
      'GET /api/v1/teams/:teamId/conversation/notes': `?memberId=${a.people.member.memberId}`,
    };
    const adminB = await signIn(t.app, b.people.admin.email);
    // Routes an administrator may not call at all are tried by the person of B who may.
    const managerB = await signIn(t.app, b.people.manager.email);
    const counterOfB = await counterSessionOf(b, adminB);
    const counterBody = (await t.app.inject({ method: 'GET', url: '/api/v1/counter', headers: { cookie: counterOfB } }))
      .body;
    expect(counterBody).not.toContain(a.people.member.name);
    expect(counterBody).not.toContain(a.orgId);
    const callerOfB = (key: string) => {
      const expected = EXPECTED_ACCESS[key];
      if (expected === 'counterDevice') return counterOfB;
      return Array.isArray(expected) && !expected.includes('admin') ? managerB : adminB;
    };
    const before = await snapshotOrg(a.orgId);

    const leaks: string[] = [];
    for (const route of apiRoutes(t.app.routeTable).filter((r) => r.url.includes(':'))) {
      const key = `${route.method} ${route.url}`;
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: fillParams(route.url, idsOfA) + (validQuery[key] ?? ''),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : (validBody[key] ?? {}),
        headers: { cookie: callerOfB(key) },
      });
      if (response.statusCode !== 404) leaks.push(`${key}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOrg(a.orgId)).toEqual(before);
  });

  it('lists of B hold nothing of A', async () => {
    const adminB = await signIn(t.app, b.people.admin.email);
    for (const url of [
      '/api/v1/members?status=all',
      '/api/v1/teams',
      '/api/v1/invitations',
      '/api/v1/organization',
      '/api/v1/promises?scope=all',
      '/api/v1/customers',
      '/api/v1/chain',
      '/api/v1/steps',
      '/api/v1/steps?scope=mine',
      '/api/v1/steps?due=late',
      '/api/v1/steps?due=this_week',
      '/api/v1/campaigns',
      '/api/v1/campaign-actions',
      '/api/v1/questions/bank',
      '/api/v1/touchpoints',
      '/api/v1/customer-reactions?scope=all',
      '/api/v1/voice-followups',
      '/api/v1/needs',
      '/api/v1/proposals',
      '/api/v1/decision-queue',
      '/api/v1/tower',
      '/api/v1/sign-in-codes',
      '/api/v1/counter-devices',
      '/api/v1/sso',
      '/api/v1/sso/requests',
      '/api/v1/webhooks',
      '/api/v1/api-keys',
      '/api/v1/thanks/received',
    ]) {
      const body = (await t.app.inject({ method: 'GET', url, headers: { cookie: adminB } })).body;
      expect(body).not.toContain(a.orgId);
      expect(body).not.toContain(a.people.member.email);
      expect(body).not.toContain(a.teamId);
    }
  });
  it('lists built once and prepared by name answer each organisation with its own rows only', async () => {
    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const value = await t.app.inject({
      method: 'POST',
      url: '/api/v1/values',
      headers: { cookie: cookies.director },
      payload: { name: 'Alleen in A', behaviours: ['Groet iedereen', 'Kijkt om'] },
    });
    expect(value.statusCode).toBe(201);
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v1/extras',
      headers: { cookie: cookies.member },
      payload: {
        occasion: 'Gast in A',
        action: 'Geholpen',
        kind: 'time',
        costCents: 0,
        minutes: 5,
        aboveMandateReason: 'Een mandaat dat eerder in dit bestand werd gezet',
      },
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const lists = ['/api/v1/extras?scope=all', '/api/v1/extras', '/api/v1/values', '/api/v1/members', '/api/v1/feed'];
    // A first, so that every statement is prepared and holds A's values once; then B asks the same.
    expect((await get('/api/v1/extras?scope=all', cookies.director)).body).toContain(extra.json().id);
    for (const url of [...lists, '/api/v1/notifications', '/api/v1/me']) {
      for (const role of ['member', 'manager', 'director'] as const) await get(url, cookies[role]);
    }
    const ofA = [a.orgId, a.teamId, a.people.member.email, value.json().id, extra.json().id];
    for (const role of ['member', 'manager', 'director'] as const) {
      const cookie = await signIn(t.app, b.people[role].email);
      for (const url of [...lists, '/api/v1/notifications', '/api/v1/me']) {
        const response = await get(url, cookie);
        if (response.statusCode !== 200) continue; // a list this role does not see
        for (const id of ofA) expect(response.body, `${role} of B, ${url}`).not.toContain(id);
      }
    }
  });
});

/** A counter device of the organisation's team, with its member signed in on it by their PIN: the Cookie header. */
async function counterSessionOf(org: OrgFixture, adminCookie: string): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/counter-devices',
    payload: { name: 'Balie', teamId: org.teamId },
    headers: { cookie: adminCookie },
  });
  const activated = await t.app.inject({
    method: 'POST',
    url: '/api/v1/counter/activate',
    payload: { token: created.json().setupUrl.split('#setup=')[1] },
  });
  const member = await signIn(t.app, org.people.member.email);
  await t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/counter-pin',
    payload: { pin: '2580' },
    headers: { cookie: member },
  });
  const device = cookieFrom(activated);
  const unlocked = await t.app.inject({
    method: 'POST',
    url: '/api/v1/counter/unlock',
    payload: { memberId: org.people.member.memberId, pin: '2580' },
    headers: { cookie: device },
  });
  expect(unlocked.statusCode, unlocked.body).toBe(204);
  return `${device}; ${cookieFrom(unlocked)}`;
}

async function snapshotOrg(orgId: string) {
  const tables = [
    'organizations',
    'members',
    'teams',
    'team_members',
    'invitations',
    'core_values',
    'offerings',
    'mandates',
    'extras',
    'extra_reactions',
    'notifications',
    'extra_thanks',
    'extra_comments',
    'colleague_thanks',
    'best_practices',
    'weekly_picks',
    'conversation_notes',
    'customers',
    'promises',
    'promise_steps',
    'promise_events',
    'step_ratings',
    'step_comments',
    'org_questions',
    'campaigns',
    'campaign_questions',
    'campaign_audience',
    'campaign_ballots',
    'campaign_answers',
    'campaign_results',
    'campaign_actions',
    'touchpoints',
    'voice_links',
    'customer_reactions',
    'voice_followups',
    'voice_followup_messages',
    'voice_settings',
    'reaction_requests',
    'needs',
    'need_supports',
    'proposals',
    'proposal_events',
    'sign_in_codes',
    'counter_devices',
    'counter_pins',
    'counter_sessions',
    'sso_connections',
    'sso_domains',
    'sso_join_requests',
    'webhook_endpoints',
    'webhook_deliveries',
    'api_keys',
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const column = table === 'organizations' ? 'id' : 'org_id';
    const { rows } = await t.database.pool.query(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x where ${column} = $1`,
      [orgId],
    );
    out[table] = rows[0].h;
  }
  return out;
}
