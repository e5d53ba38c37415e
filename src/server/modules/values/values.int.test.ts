import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../../../../test/helpers/api-call';
import { createOrgFixture, type OrgFixture } from '../../../../test/helpers/fixtures';
import { createTestApp, signIn, type TestApp } from '../../../../test/helpers/test-app';

let t: TestApp;
let f: OrgFixture;
let director: string;
let member: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await createOrgFixture(t.database.db, 'values');
  director = await signIn(t.app, f.people.director.email);
  member = await signIn(t.app, f.people.member.email);
});
afterAll(() => t.close());

const call = apiCaller(
  () => t.app,
  (cookie: string) => cookie,
  '',
);

describe('purpose', () => {
  it('starts empty, the director writes it, everyone reads it', async () => {
    expect((await call(member, 'GET', '/api/v1/purpose')).json()).toMatchObject({ purpose: '', updatedAt: null });
    const written = await call(director, 'PUT', '/api/v1/purpose', {
      purpose: 'Gasten voelen zich bij ons thuis.',
      offerSummary: 'Kamers, ontbijt en vergaderruimte',
      audience: 'Zakelijke gasten en toeristen',
    });
    expect(written.statusCode).toBe(200);
    expect((await call(member, 'GET', '/api/v1/purpose')).json().purpose).toBe('Gasten voelen zich bij ons thuis.');
    expect((await call(member, 'PUT', '/api/v1/purpose', { purpose: 'Van mij' })).statusCode).toBe(403);
  });
});

describe('core values', () => {
  it('need two to five observable behaviours', async () => {
    expect((await call(director, 'POST', '/api/v1/values', { name: 'Eén', behaviours: ['alleen'] })).statusCode).toBe(
      400,
    );
    const six = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect((await call(director, 'POST', '/api/v1/values', { name: 'Zes', behaviours: six })).statusCode).toBe(400);
  });

  it('are ordered, can be reordered, and retired without losing the extras that point at them', async () => {
    const a = (
      await call(director, 'POST', '/api/v1/values', { name: 'Gastvrij', behaviours: ['groet iedereen', 'kent namen'] })
    ).json();
    const b = (
      await call(director, 'POST', '/api/v1/values', {
        name: 'Eerlijk',
        behaviours: ['zegt nee als het nee is', 'belooft niets onmogelijks'],
      })
    ).json();
    expect((await call(member, 'GET', '/api/v1/values')).json().items.map((v: { name: string }) => v.name)).toEqual([
      'Gastvrij',
      'Eerlijk',
    ]);

    const reordered = await call(director, 'PUT', '/api/v1/values/order', { ids: [b.id, a.id] });
    expect(reordered.json().items.map((v: { name: string }) => v.name)).toEqual(['Eerlijk', 'Gastvrij']);
    expect((await call(director, 'PUT', '/api/v1/values/order', { ids: [b.id] })).statusCode).toBe(400);

    const extra = await call(member, 'POST', '/api/v1/extras', {
      occasion: 'Vroeg vertrek',
      action: 'Ontbijt mee',
      kind: 'gift',
      costCents: 0,
      minutes: 5,
      valueIds: [a.id],
    });
    expect(extra.statusCode).toBe(201);

    expect((await call(director, 'POST', `/api/v1/values/${a.id}/retire`)).json().retiredAt).not.toBeNull();
    expect((await call(member, 'GET', '/api/v1/values')).json().items.map((v: { id: string }) => v.id)).toEqual([b.id]);
    expect((await call(member, 'GET', '/api/v1/values?includeRetired=true')).json().items).toHaveLength(2);
    expect((await call(member, 'GET', `/api/v1/extras/${extra.json().id}`)).json().valueIds).toEqual([a.id]);
    const withRetired = await call(member, 'POST', '/api/v1/extras', {
      occasion: 'x',
      action: 'y',
      kind: 'gift',
      costCents: 0,
      minutes: 0,
      valueIds: [a.id],
    });
    expect(withRetired.json().errors[0].path).toBe('body.valueIds');
    expect((await call(director, 'POST', `/api/v1/values/${a.id}/restore`)).json().retiredAt).toBeNull();
  });
});

describe('offer profile', () => {
  it('keeps guidelines as data: lead time in days and conditions', async () => {
    const created = await call(director, 'POST', '/api/v1/offerings', {
      name: 'Vergaderarrangement',
      audience: 'Bedrijven',
      leadTimeDays: 14,
      conditions: ['Minimaal 8 personen', 'Aanbetaling van 30%'],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await call(director, 'PATCH', `/api/v1/offerings/${id}`, { leadTimeDays: 10 })).json().leadTimeDays).toBe(
      10,
    );
    const listed = (await call(member, 'GET', '/api/v1/offerings')).json().items;
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'Vergaderarrangement',
        leadTimeDays: 10,
        conditions: ['Minimaal 8 personen', 'Aanbetaling van 30%'],
      }),
    ]);
    expect((await call(director, 'PATCH', `/api/v1/offerings/${id}`, { leadTimeDays: -1 })).statusCode).toBe(400);
    await call(director, 'POST', `/api/v1/offerings/${id}/retire`);
    expect((await call(member, 'GET', '/api/v1/offerings')).json().items).toEqual([]);
  });
});
