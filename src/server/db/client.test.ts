import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseUuidArray } from './client';

describe('uuid[] from PostgreSQL', () => {
  // pg's general array parser, as it reads text[] (and read uuid[] before)
  const general = pg.types.getTypeParser(1009 as Parameters<typeof pg.types.getTypeParser>[0], 'text') as (
    value: string,
  ) => unknown;

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
