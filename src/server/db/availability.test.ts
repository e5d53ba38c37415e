import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, markDatabaseError } from './availability';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('what counts as the database being away (a 503, logged once) rather than a fault (a 500)', () => {
  it('PostgreSQL shutting down, starting up or refusing more connections', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001']) {
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    }
  });

  it('a lost or timed-out connection, as pg and its pool report it', () => {
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
  });

  it('a refused or reset connection from the database pool or inside a Drizzle query, also behind its wrapper', () => {
    expect(isDatabaseUnavailable(markDatabaseError(withCode('ECONNREFUSED')))).toBe(true);
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], withCode('ECONNRESET')))).toBe(true);
    const unixSocketGone = Object.assign(withCode('ENOENT'), { address: '/tmp/pg/.s.PGSQL.5433' });
    expect(isDatabaseUnavailable(markDatabaseError(unixSocketGone))).toBe(true);
    const everyAddressRefused = markDatabaseError(
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
    );
    expect(isDatabaseUnavailable(everyAddressRefused)).toBe(true);
  });

  it('not the same socket errors from elsewhere (an SMTP server), nor errors in a query', () => {
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('ETIMEDOUT'))).toBe(false);
    expect(isDatabaseUnavailable(markDatabaseError(withCode('ENOENT')))).toBe(false);
    expect(isDatabaseUnavailable(new DrizzleQueryError('insert', [], withCode('23505', 'duplicate key')))).toBe(false);
    expect(
      isDatabaseUnavailable(
        new DrizzleQueryError('select', [], withCode('42P01', 'relation "teams_away" does not exist')),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
