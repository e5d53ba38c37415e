import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isoText } from './client';

const text = new PgDialect().sqlToQuery(
  sql`select ${isoText(sql.raw('$1::timestamptz'))} as iso, $1::timestamptz::text as pg`,
).sql;

describe('isoText', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: `${inject('pgServerUrl')}/postgres` });
    await client.connect();
  });
  afterAll(() => client.end());

  it('writes a time as Date.toISOString() wrote the Date pg made of it, in any session time zone', async () => {
    const times = [
      ['2026-12-07 20:28:15.123456+00', '2026-12-07T20:28:15.123Z'],
      ['2026-12-07 21:28:15.999999+01', '2026-12-07T20:28:15.999Z'], // milliseconds cut, not rounded
      ['2026-03-29 02:59:59.5+02', '2026-03-29T00:59:59.500Z'], // the hour summer time starts
      ['2026-10-25 02:30:00+01', '2026-10-25T01:30:00.000Z'],
      ['2027-01-01 00:00:00+00', '2027-01-01T00:00:00.000Z'],
      ['2026-02-28 23:59:59.0009-05:45', '2026-03-01T05:44:59.000Z'],
    ];
    for (const zone of ['UTC', 'Europe/Amsterdam', 'America/St_Johns', 'Asia/Kathmandu']) {
      await client.query(`set time zone '${zone}'`);
      for (const [value, expected] of times) {
        const { rows } = await client.query<{ iso: string; pg: string }>(text, [value]);
        expect(rows[0]!.iso).toBe(expected);
        // What the lists answered before: PostgreSQL's text of the time, made a Date, written back.
        expect(rows[0]!.iso).toBe(new Date(rows[0]!.pg).toISOString());
      }
    }
  });

  it('takes an expression whole: a time plus an interval', async () => {
    const query = new PgDialect().sqlToQuery(
      sql`select ${isoText(sql.raw("$1::timestamptz + interval '24 hours'"))} as iso`,
    ).sql;
    await client.query(`set time zone 'Europe/Amsterdam'`);
    const { rows } = await client.query(query, ['2026-10-24 02:30:00.25+02']);
    expect(rows[0].iso).toBe('2026-10-25T00:30:00.250Z');
  });

  it('keeps a missing time missing', async () => {
    const { rows } = await client.query(text, [null]);
    expect(rows[0].iso).toBeNull();
  });
});
