import { AppError } from './app-error';

/** Where the next page starts in a list ordered by a moment, newest first, and then by id. */
export interface Keyset {
  at: Date;
  id: string;
}

/** An opaque cursor for the row a page ended with. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** The cursor back as a keyset; a cursor that was not made by encodeCursor is a 400. */
export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { at: date, id };
  } catch {
    throw new AppError('validation_failed', 400, {
      errors: [{ path: 'querystring.cursor', code: 'invalid_format', message: 'bad cursor' }],
    });
  }
}
