import { AppError } from './app-error';

/**
 * Where the next page starts in a list ordered by a moment, newest first, and then by id. The moment is
 * ISO text as PostgreSQL keeps it, to the microsecond (db/client exactIsoText): a Date's milliseconds
 * would start the next page before rows that share the last row's millisecond, and leave them out.
 */
export interface Keyset {
  at: string;
  id: string;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** An opaque cursor for the row a page ended with: its moment as ISO text in UTC, and its id. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** The cursor back as a keyset; a cursor that was not made by encodeCursor is a 400. */
export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || !ISO_UTC.test(at) || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
      throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'querystring.cursor', code: 'invalid_format', message: 'bad cursor' }],
    });
  }
}
