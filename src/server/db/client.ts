import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as authSchema from './schema/auth.schema';
import * as orgSchema from './schema/org.schema';
import * as valuesSchema from './schema/values.schema';
import * as extrasSchema from './schema/extras.schema';
import * as platformSchema from './schema/platform.schema';
import * as learningSchema from './schema/learning.schema';
import * as promisesSchema from './schema/promises.schema';

export const schema = { ...authSchema, ...orgSchema, ...valuesSchema, ...extrasSchema, ...learningSchema, ...promisesSchema, ...platformSchema };
export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction or the database itself: repo functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

export function openDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // A client in use also reports a lost connection as an 'error' event; its query fails on its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}
