import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { TooManyRequestsError } from '../lib/errors';

const WINDOW_MS = 60_000;

/**
 * Counts one request of `client` against `bucket` in a fixed one-minute window kept in the
 * database, which every isolate and colo shares (an in-memory counter would be per isolate, so
 * an attacker spreading requests would never meet it). Throws 429 past `limit`.
 */
export async function rateLimit(db: Database, bucket: string, client: string, limit: number, now = Date.now()): Promise<void> {
  const window = Math.floor(now / WINDOW_MS);
  const [row] = await db.all<{ count: number }>(sql`
    INSERT INTO auth_rate_limits (key, window, count) VALUES (${`${bucket}:${client}`}, ${window}, 1)
    ON CONFLICT (key) DO UPDATE SET count = CASE WHEN window = excluded.window THEN count + 1 ELSE 1 END, window = excluded.window
    RETURNING count`);
  if ((row?.count ?? 0) > limit) {
    throw new TooManyRequestsError(`Too many ${bucket} requests; try again in a minute`);
  }
}

/** Forgets windows that are over (run by the cron trigger). */
export function pruneRateLimitsSql(now = Date.now()) {
  return sql`DELETE FROM auth_rate_limits WHERE window < ${Math.floor(now / WINDOW_MS)}`;
}
