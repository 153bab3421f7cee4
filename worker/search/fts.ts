import type { SQL } from 'drizzle-orm';
import type { Context } from 'hono';
import { filterSql } from '../catalog/store/sql';
import type { AppEnv } from '../env';

/** Builds an FTS5 query: every word of 3+ characters as a quoted substring, all required. */
function ftsQuery(term: string): string | undefined {
  const words = term
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => [...w].length >= 3)
    .slice(0, 10);
  return words.length ? words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ') : undefined;
}

/**
 * Runs one FTS5 search as a page of hits and the total, both limited to what the reader may read
 * (`readable`), so nothing else is found, counted or ranked. A term with no searchable word finds nothing.
 */
export async function readableMatches<Hit>(
  c: Context<AppEnv>,
  term: string,
  queries: (match: string, readable: SQL) => [page: SQL, count: SQL],
): Promise<{ hits: Hit[]; total: number }> {
  const match = ftsQuery(term);
  if (!match) return { hits: [], total: 0 };
  const [hits, count] = await c.var.store.db.readBatch(queries(match, filterSql(c.var.store.readScope)));
  return { hits: hits as Hit[], total: (count as { n: number }[])[0]?.n ?? 0 };
}
