import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { InputError } from '../../lib/errors';
import { parseFields } from '../query/fields';
import { andFilters, parseFilterParams } from '../query/filter';
import { filterSql } from '../store/sql';
import { itemsJson, parseLimit } from './page';

/** Longest list the home page (or anyone) may ask for: it is a glance, not a way to page the catalog. */
const MAX_RECENT = 100;

/**
 * What changed lately in the catalog, for the home page: entities whose stored descriptor last
 * changed (were written with new content or orphaned) most recently, newest first, with when.
 * Not part of Backstage's API, whose entities carry no such time.
 */
export const recentRoutes = new Hono<AppEnv>().get('/entities/recently-changed', async (c) => {
  const limit = parseLimit(c.req.query('limit'), 10);
  if (limit > MAX_RECENT) throw new InputError(`Invalid limit ${limit}, at most ${MAX_RECENT}`);
  const fields = parseFields(c.req.queries('fields') ?? []);
  const store = c.var.store;
  const filter = andFilters(store.readScope, parseFilterParams(c.req.queries('filter') ?? []));
  const changed = await store.db.all<{ ref: string; changedAt: string }>(
    sql`SELECT e.ref, e.updated_at AS changedAt FROM entities e WHERE ${filterSql(filter)} ORDER BY e.updated_at DESC, e.ref LIMIT ${limit}`,
  );
  const rows = await store.readByRefs(changed.map((r) => r.ref));
  // Entities deleted between the two reads are left out rather than answered as null.
  const present = changed.flatMap((r, i) => (rows[i] ? [{ changedAt: r.changedAt, row: rows[i] }] : []));
  const entities = JSON.parse(itemsJson(present.map((p) => p.row), fields)) as unknown[];
  return c.json({ items: present.map((p, i) => ({ changedAt: p.changedAt, entity: entities[i] })) });
});
