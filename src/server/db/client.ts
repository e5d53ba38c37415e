import { is, Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { type AnyPgColumn, PgDialect, PgTransaction } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { markDatabaseError } from './availability';
import * as authSchema from './schema/auth.schema';
import * as extrasSchema from './schema/extras.schema';
import * as learningSchema from './schema/learning.schema';
import * as orgSchema from './schema/org.schema';
import * as platformSchema from './schema/platform.schema';
import * as promisesSchema from './schema/promises.schema';
import * as valuesSchema from './schema/values.schema';

export const schema = {
  ...authSchema,
  ...orgSchema,
  ...valuesSchema,
  ...extrasSchema,
  ...learningSchema,
  ...promisesSchema,
  ...platformSchema,
};
export type Schema = typeof schema;
export type Db = NodePgDatabase<Schema>;
/** A transaction or the database itself: repo functions accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

/**
 * A column's name in the database, as a string: the client names columns in snake_case (casing below),
 * and so does this. For where SQL takes a name as a value (a key of a row turned into JSON).
 */
export const columnName = (column: AnyPgColumn) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

/**
 * A column's bare name, for what takes no table prefix in raw SQL (the column list of an insert, the SET
 * list of an update): an interpolated column renders qualified by its table.
 */
export const bareColumn = (column: AnyPgColumn) => sql.identifier(columnName(column));

const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * uuid[] as PostgreSQL writes it ('{a,b}', NULL for a missing element) parsed by splitting: a uuid is never
 * quoted, so this gives what pg's general array parser gives, at a fraction of its cost (the lists carry
 * two id arrays per row). Anything else (nesting, quotes) goes to pg's parser.
 */
const UUID_ARRAY = 2951 as Parameters<typeof pg.types.getTypeParser>[0]; // uuid[]: no name among pg's builtins
const parseArray = pg.types.getTypeParser(UUID_ARRAY, 'text') as (value: string) => unknown;
export function parseUuidArray(value: string): unknown {
  if (value === '{}') return [];
  if (value.charCodeAt(0) !== 123 || value.indexOf('{', 1) !== -1 || value.includes('"')) return parseArray(value);
  return value
    .slice(1, -1)
    .split(',')
    .map((id) => (id === 'NULL' ? null : id));
}
pg.types.setTypeParser(UUID_ARRAY, 'text', parseUuidArray);

/**
 * A timestamptz as the text Date's toISOString() writes (UTC, milliseconds cut, not rounded, and a Z),
 * written by PostgreSQL: a list that only passes its times on needs no Date per value, nor pg's parsing
 * of PostgreSQL's own form. Whatever the session's time zone. For years 1 to 9999, which every time here
 * is (toISOString writes others as ±YYYYYY).
 */
export const isoText = (column: SQLWrapper) =>
  sql`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A timestamptz as ISO text with all of PostgreSQL's microseconds: where a page of a list ends
 * (lib/cursor). Rows written in one transaction share their time to the microsecond; with milliseconds
 * only, the next page would start before them and leave them out.
 */
export const exactIsoText = (column: SQLWrapper) =>
  sql`to_char((${column}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Parameter n of a statement made with statementText, with its type when given: `$3::uuid[]`. */
export const placeholder = (n: number, type?: string) => sql.raw(type ? `$${n}::${type}` : `$${n}`);

/**
 * The text of a statement that is prepared by name and given its values apart (`$1`, `$2` … written in
 * it with sql.raw), made once from a query that names its tables and columns through the schema objects.
 */
export function statementText(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  if (params.length > 0) throw new Error('a statement made once takes its values as $n, not as interpolated values');
  return text;
}

/**
 * `column = any($ids)`: a list of ids as one parameter (a placeholder of runPrepared or runStatement's
 * `$`), so the text stays one whatever their number.
 */
export const inIds = (column: AnyPgColumn, ids: SQLWrapper) => sql`${column} = any(${ids}::uuid[])`;

/** A statement made once (statementText) with the name PostgreSQL prepares it under on each connection. */
export interface NamedStatement {
  name: string;
  text: string;
}

/**
 * Runs a named statement straight on the pool (drizzle() gives the pool as `$client`): PostgreSQL plans it
 * once per connection, and no query is built in Node. For the statements every request or list sends.
 */
export async function queryNamed<R extends pg.QueryResultRow>(
  db: Db,
  statement: NamedStatement,
  values: unknown[],
): Promise<R[]> {
  const { rows } = await (db as Db & { $client: pg.Pool }).$client.query<R>({ ...statement, values });
  return rows;
}

type Execute = (placeholders?: Record<string, unknown>) => Promise<unknown>;
const preparedQueries = new WeakMap<object, Map<string, { execute: Execute }>>();

/**
 * Runs a Drizzle query that is built once per database and prepared by name (PostgreSQL plans it once
 * per connection): `build` writes its values as `sql.placeholder('x')`, and `values` gives them. Building
 * a select costs more CPU than running it (~0.2 ms for a list of ~25 columns), so the queries of the
 * lists every screen asks for are built once. A name stands for one text: a query whose conditions vary
 * takes the variant in its name. In a transaction (its own connection) the query is built each time,
 * with the same placeholders.
 */
export function runPrepared<E extends Execute>(
  db: Tx,
  name: string,
  build: (db: Tx) => { execute: E; prepare(name: string): { execute: E } },
  values: Record<string, unknown>,
): ReturnType<E> {
  if (db instanceof PgTransaction) return build(db).execute(values) as ReturnType<E>;
  let queries = preparedQueries.get(db);
  if (!queries) {
    queries = new Map();
    preparedQueries.set(db, queries);
  }
  let query = queries.get(name);
  if (!query) {
    query = build(db).prepare(name);
    queries.set(name, query);
  }
  return query.execute(values) as ReturnType<E>;
}

/**
 * Rows as Drizzle's db.execute gives them (its node-postgres session): dates, timestamps and intervals
 * (and their arrays) as PostgreSQL's text, everything else through pg's parsers.
 */
const RAW_DATES = new Set([1082, 1114, 1184, 1186, 1182, 1115, 1185, 1187, 1231]);
const executeTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    RAW_DATES.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;
const statements = new Map<string, { text: string; keys: string[] }>();

/**
 * Runs raw SQL as db.execute does, but made into text once and prepared by name: `build` names each value
 * with `$('key')` and `values` gives them. Making the text of a long statement costs Drizzle more CPU
 * than PostgreSQL's answer costs pg, so the raw statements of the busiest lists take this road; what the
 * statement says must not depend on the values (a variant goes in the name). In a transaction (its own
 * connection) the statement is built each time with the values in place.
 */
export async function runStatement<R>(
  db: Tx,
  name: string,
  build: ($: (key: string) => SQLWrapper) => SQL,
  values: Record<string, unknown>,
): Promise<R[]> {
  if (db instanceof PgTransaction) {
    const { rows } = await db.execute(build((key) => sql.param(values[key])));
    return rows as R[];
  }
  let statement = statements.get(name);
  if (!statement) {
    const query = dialect.sqlToQuery(build((key) => sql.placeholder(key)));
    const keys = query.params.map((param) => {
      if (!is(param, Placeholder)) throw new Error(`statement ${name}: every value goes in through $('key')`);
      return param.name;
    });
    statement = { text: query.sql, keys };
    statements.set(name, statement);
  }
  const { rows } = await (db as Db & { $client: pg.Pool }).$client.query({
    name,
    text: statement.text,
    values: statement.keys.map((key) => values[key]),
    types: executeTypes,
  });
  return rows as R[];
}

/**
 * Runs independent reads side by side on the pool, and one after the other in a transaction: a
 * transaction is one connection, which runs one query at a time (pg deprecates queueing a second
 * query on a busy client, and it would wait anyway).
 */
export async function readTogether<T extends readonly unknown[]>(
  db: Tx,
  reads: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** How long a request waits for a connection before the database counts as away (a 503, not a hang). */
const CONNECT_TIMEOUT_MS = 5_000;

export function openDatabase(url: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // TCP keep-alive: a connection to a server that vanished (a host gone, a cut network) is found dead.
    keepAlive: true,
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  // (buildApp adds the listener that logs an outage once: db/availability.ts.)
  pool.on('error', () => {});
  // A client in use also reports a lost connection as an 'error' event; its query fails on its own.
  pool.on('connect', (client) => client.on('error', () => {}));
  markPoolErrors(pool);
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}

/**
 * Errors from the pool's own query() and connect() are marked as the database's, so a refused or reset
 * connection (ECONNREFUSED, ECONNRESET: codes that other network calls share) is known to mean the
 * database is away. Queries through Drizzle are recognised by Drizzle's own error.
 */
function markPoolErrors(pool: pg.Pool) {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const marked =
    (call: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (err: unknown, ...rest: unknown[]) => callback(err && markDatabaseError(err), ...rest);
        return call(...args);
      }
      const result = call(...args);
      return result instanceof Promise
        ? result.catch((err: unknown) => {
            throw markDatabaseError(err);
          })
        : result;
    };
  pool.query = marked(query) as typeof pool.query;
  pool.connect = marked(connect) as typeof pool.connect;
}
