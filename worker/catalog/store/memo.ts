import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';

// Totals and facets scan every matching row: at 100,000 entities that is tens of milliseconds,
// far more than a page itself. A page is cheap to find but costly to carry: its bodies and
// relations (about 120 KB for 50 components) pass through the database transport, which costs
// more than the SQL. Catalogs are read much more often than they change, so such results are
// kept per isolate and reused while the catalog generation (a token that triggers replace on
// every entity write, see migrations/0001_catalog.sql) is the one they were computed at. When
// every result a request needs is held, reading the generation alone settles it; otherwise the
// check runs in the same batch, hence the same transaction, as the guarded statements. Either
// way a reused result is exactly what recomputing it would give at that moment.

/** What a memo may hold: entries at most, and optionally bytes in all and per entry. */
export interface MemoLimits {
  entries: number;
  bytes?: number;
  entryBytes?: number;
}

/** A remembered result and the catalog generation it was computed at. */
export interface Remembered<T> {
  generation: number;
  value: T;
  bytes: number;
}

/** Results kept per isolate, least recently used forgotten first when over its limits. */
export class Memo<T> {
  private readonly entries = new Map<string, Remembered<T>>();
  private bytes = 0;

  constructor(private readonly limits: MemoLimits) {}

  /** The remembered result for `key`, if any (it may be stale: compare its generation). */
  recall(key: string): Remembered<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Map order is the eviction order: a result just used is the last to go.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Remembers `value` (about `bytes` large) as the result for `key` at `generation`. */
  remember(key: string, generation: number, value: T, bytes = 0): void {
    this.forget(key);
    const { entries, bytes: maxBytes = Infinity, entryBytes = Infinity } = this.limits;
    if (bytes > entryBytes) return;
    this.entries.set(key, { generation, value, bytes });
    this.bytes += bytes;
    while (this.entries.size > entries || this.bytes > maxBytes) this.forget(this.entries.keys().next().value!);
  }

  /**
   * `kept`'s value if it was computed at `generation`, else `fresh()`, which is then remembered
   * for `key` at that generation (`size` tells its bytes). `kept` must be the entry the guarded
   * statements were built from: one recalled later may have been replaced meanwhile.
   */
  reuse(key: string, kept: Remembered<T> | undefined, generation: number, fresh: () => T, size?: (value: T) => number): T {
    if (kept?.generation === generation) return kept.value;
    const value = fresh();
    this.remember(key, generation, value, size?.(value));
    return value;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** Reads the current generation; put it in the same batch as the statements `unlessAt` guards. */
export const GENERATION_SQL = sql`SELECT value FROM catalog_generation`;

/**
 * Whether every remembered result was computed at the catalog's current generation. One tiny
 * read replaces sending and preparing the guarded statements when the answer is already held;
 * a result found stale is read again with its guards, as if nothing had been held.
 */
export async function allCurrent(db: Database, kept: (Remembered<unknown> | undefined)[]): Promise<boolean> {
  if (kept.some((k) => !k || k.generation !== kept[0]!.generation)) return false;
  const generation = generationOf(await db.all(GENERATION_SQL));
  return kept[0]!.generation === generation;
}

/** A LIMIT clause that makes a statement return nothing, without running it, while the catalog is at `generation`. */
export function unlessAt(generation: number | undefined): SQL {
  return sql` LIMIT (SELECT CASE WHEN value IS ${generation ?? null} THEN 0 ELSE -1 END FROM catalog_generation)`;
}

/** The generation a GENERATION_SQL result holds. */
export function generationOf(rows: unknown[]): number {
  return (rows[0] as { value: number }).value;
}
