import { sql, type SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { createClient, type Client, type InValue } from '@libsql/client/web';
import type { Env } from '../env';
import type { Config } from '../config';

/** The catalog's view of its SQLite database, whichever driver is behind it. */
export interface Database {
  /** Runs one read and returns its rows as objects. */
  all<T>(query: SQL): Promise<T[]>;
  /** Runs several reads in one round trip. */
  readBatch(queries: SQL[]): Promise<unknown[][]>;
  /** Runs statements atomically (all or nothing) in one round trip. */
  writeBatch(queries: SQL[]): Promise<void>;
  /** The table-valued function that walks a JSON parameter's items fastest on this driver. */
  readonly jsonItems: SQL;
}

// Queries are written with drizzle's `sql` builder (typed, parameterised) and rendered by its
// SQLite dialect; batches then go straight to the driver, which keeps hot paths free of ORM
// overhead and lets one code path serve both D1 and libSQL.
const dialect = new SQLiteAsyncDialect();

function render(query: SQL): { sql: string; params: unknown[] } {
  return dialect.sqlToQuery(query);
}

/** Adapts a D1 binding. */
export function fromD1(d1: D1Database): Database {
  const prepare = (q: SQL) => {
    const { sql, params } = render(q);
    return d1.prepare(sql).bind(...params);
  };
  return {
    async all<T>(query: SQL) {
      return (await prepare(query).all<T>()).results;
    },
    async readBatch(queries) {
      if (queries.length === 0) return [];
      return (await d1.batch(queries.map(prepare))).map((r) => r.results);
    },
    async writeBatch(queries) {
      if (queries.length === 0) return;
      await d1.batch(queries.map(prepare));
    },
    // Binary JSON items (SQLite 3.45+): `->>` reads them without parsing text again.
    jsonItems: sql.raw('jsonb_each'),
  };
}

/** Adapts a libSQL client (a Turso/sqld URL in the Worker, a local file in Node tests). */
export function fromLibsql(client: Pick<Client, 'execute' | 'batch'>): Database {
  const stmt = (q: SQL) => {
    const { sql, params } = render(q);
    return { sql, args: params as InValue[] };
  };
  const objects = (rs: { columns: string[]; rows: ArrayLike<unknown>[] }) =>
    rs.rows.map((row) => Object.fromEntries(rs.columns.map((c, i) => [c, row[i]])));
  return {
    async all<T>(query: SQL) {
      return objects(await client.execute(stmt(query))) as T[];
    },
    async readBatch(queries) {
      if (queries.length === 0) return [];
      return (await client.batch(queries.map(stmt), 'read')).map(objects);
    },
    async writeBatch(queries) {
      if (queries.length === 0) return;
      await client.batch(queries.map(stmt), 'write');
    },
    // libSQL's SQLite predates jsonb_each.
    jsonItems: sql.raw('json_each'),
  };
}

/** Opens the configured database: libSQL/Turso when `LIBSQL_URL` is set, else the D1 binding. */
export function openDatabase(env: Env, config: Config): Database {
  if (config.libsql) return fromLibsql(createClient(config.libsql));
  return fromD1(env.DB);
}
