import { sql, type SQL } from 'drizzle-orm';

// Totals and facets scan every matching row: at 100,000 entities that is tens of milliseconds,
// far more than a page itself. A page is cheap to find but costly to carry: its bodies and
// relations (about 120 KB for 50 components) pass through the database transport, which costs
// more than the SQL. Catalogs are read much more often than they change, so such results are
// kept per isolate and reused while the catalog generation (a token that triggers replace on
// every entity write, see migrations/0001_catalog.sql) is the one they were computed at. The
// check runs in the same batch, hence the same transaction, as the guarded statements: a reused
// result is exactly what recomputing it would give.

const MAX_ENTRIES = 500;
// An isolate has 128 MB; remembered pages may hold an eighth of it, and none alone more than 1 MB.
const MAX_BYTES = 16 * 1024 * 1024;
const MAX_ENTRY_BYTES = 1024 * 1024;

interface Entry {
  generation: number;
  value: unknown;
  bytes: number;
}

const entries = new Map<string, Entry>();
let totalBytes = 0;

function forget(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  totalBytes -= entry.bytes;
}

/** Reads the current generation; put it in the same batch as the statements `unlessAt` guards. */
export const GENERATION_SQL = sql`SELECT value FROM catalog_generation`;

/** A LIMIT clause that makes a statement return nothing, without running it, while the catalog is at `generation`. */
export function unlessAt(generation: number | undefined): SQL {
  return sql` LIMIT (SELECT CASE WHEN value IS ${generation ?? null} THEN 0 ELSE -1 END FROM catalog_generation)`;
}

/** The remembered result for `key`, if any (it may be stale: compare its generation). */
export function recall(key: string): Entry | undefined {
  const entry = entries.get(key);
  if (entry) {
    // Map order is the eviction order: a result just used is the last to go.
    entries.delete(key);
    entries.set(key, entry);
  }
  return entry;
}

/**
 * Remembers `value` (about `bytes` large) as the result for `key` at `generation`, forgetting the
 * least recently used entries while over the entry or byte budget.
 */
export function remember(key: string, generation: number, value: unknown, bytes = 0): void {
  forget(key);
  if (bytes > MAX_ENTRY_BYTES) return;
  entries.set(key, { generation, value, bytes });
  totalBytes += bytes;
  while (entries.size > MAX_ENTRIES || totalBytes > MAX_BYTES) forget(entries.keys().next().value!);
}

/** The generation a GENERATION_SQL result holds. */
export function generationOf(rows: unknown[]): number {
  return (rows[0] as { value: number }).value;
}
