import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseUuidArray } from './client';

describe('uuid[] from PostgreSQL', () => {
  const general = (value: string) =>
    (pg.types.arrayParser as { create(v: string, t: (x: string) => string): { parse(): unknown } })
      .create(value, (x) => x)
      .parse();

  it('reads what pg reads', () => {
    for (const value of [
      '{}',
      '{6725cdb7-5d94-4562-b16e-2ecfd26700b2}',
      '{6725cdb7-5d94-4562-b16e-2ecfd26700b2,a0aac5c0-a2f5-4954-823a-8684dd3587c0}',
      '{NULL,a0aac5c0-a2f5-4954-823a-8684dd3587c0}',
      '{{6725cdb7-5d94-4562-b16e-2ecfd26700b2},{a0aac5c0-a2f5-4954-823a-8684dd3587c0}}',
    ]) {
      expect(parseUuidArray(value)).toEqual(general(value));
    }
  });
});
