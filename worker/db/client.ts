import type { SQL } from 'drizzle-orm';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { createClient } from '@libsql/client/web';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from './schema';
import type { Env } from '../env';
import type { Config } from '../config';

type Orm = DrizzleD1Database<typeof schema> | LibSQLDatabase<typeof schema>;

/** The catalog's view of its SQLite database, whichever driver is behind it. */
export interface Database {
  /** Runs one read and returns its rows as objects. */
  all<T>(query: SQL): Promise<T[]>;
  /** Runs several reads in one round trip. */
  readBatch(queries: SQL[]): Promise<unknown[][]>;
  /** Runs statements atomically (all or nothing) in one round trip. */
  writeBatch(queries: SQL[]): Promise<void>;
}

/** Adapts a drizzle database (D1 or libSQL; both speak SQLite and batch atomically). */
export function fromDrizzle(orm: Orm): Database {
  // The two drivers share the same async SQLite API; one structural type keeps call sites simple.
  const db = orm as DrizzleD1Database<typeof schema>;
  return {
    all: <T>(query: SQL) => db.all<T>(query),
    async readBatch(queries) {
      if (queries.length === 0) return [];
      const [first, ...rest] = queries.map((q) => db.all<unknown>(q));
      return (await db.batch([first!, ...rest])) as unknown[][];
    },
    async writeBatch(queries) {
      if (queries.length === 0) return;
      const [first, ...rest] = queries.map((q) => db.run(q));
      await db.batch([first!, ...rest]);
    },
  };
}

/** Opens the configured database: libSQL/Turso when `LIBSQL_URL` is set, else the D1 binding. */
export function openDatabase(env: Env, config: Config): Database {
  if (config.libsql) {
    return fromDrizzle(drizzleLibsql(createClient(config.libsql), { schema }));
  }
  return fromDrizzle(drizzleD1(env.DB, { schema }));
}
