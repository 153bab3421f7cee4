import { sql, type SQL } from 'drizzle-orm';

// Totals and facets scan every matching row: at 100,000 entities that is tens of milliseconds,
// far more than a page itself. Catalogs are read much more often than they change, so such
// results are kept per isolate and reused while the catalog generation (a token that triggers
// replace on every entity write, see migrations/0001_catalog.sql) is the one they were computed
// at. The check runs in the same batch, hence the same transaction, as the guarded statements:
// a reused result is exactly what recomputing it would give.

const MAX_ENTRIES = 500;

interface Entry {
  generation: number;
  value: unknown;
}

const entries = new Map<string, Entry>();

/** Reads the current generation; put it in the same batch as the statements `unlessAt` guards. */
export const GENERATION_SQL = sql`SELECT value FROM catalog_generation`;

/** A LIMIT clause that makes a statement return nothing, without running it, while the catalog is at `generation`. */
export function unlessAt(generation: number | undefined): SQL {
  return sql` LIMIT (SELECT CASE WHEN value IS ${generation ?? null} THEN 0 ELSE -1 END FROM catalog_generation)`;
}

/** The remembered result for `key`, if any (it may be stale: compare its generation). */
export function recall(key: string): Entry | undefined {
  return entries.get(key);
}

/** Remembers `value` as the result for `key` at `generation`, forgetting the oldest entry when full. */
export function remember(key: string, generation: number, value: unknown): void {
  entries.delete(key);
  entries.set(key, { generation, value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

/** The generation a GENERATION_SQL result holds. */
export function generationOf(rows: unknown[]): number {
  return (rows[0] as { value: number }).value;
}
