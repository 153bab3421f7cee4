import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { EntityFilter } from '../query/filter';
import type { OrderField } from '../query/order';
import { filterSql, fullTextSql, keysetSql, orderBySql, sortColumnsSql } from './sql';

/** A stored entity as the API returns it: final JSON text plus the values it sorted by. */
export interface EntityRow {
  ref: string;
  json: string;
  sort: (string | number | null)[];
}

interface RawRow {
  ref: string;
  body: string;
  errors: string | null;
  rels: string;
  [sortKey: `k${number}`]: string | number | null;
}

const ENTITY_COLUMNS = sql`e.ref, e.body, e.errors, (SELECT json_group_array(json_object('type', r.type, 'targetRef', r.target)) FROM (SELECT DISTINCT type, target FROM relations WHERE source = e.ref ORDER BY type, target) r) AS rels`;

/** Assembles the final entity JSON from its stored body, relations and processing errors. */
function toRow(raw: RawRow, sortCount: number): EntityRow {
  const status = raw.errors ? `,"status":{"items":${raw.errors}}` : '';
  const sort: EntityRow['sort'] = [];
  for (let i = 0; i < sortCount; i++) sort.push(raw[`k${i}`] ?? null);
  sort.push(raw.ref);
  return { ref: raw.ref, json: `${raw.body.slice(0, -1)},"relations":${raw.rels}${status}}`, sort };
}

/** What one page of a query asks. */
export interface PageQuery {
  filter?: EntityFilter;
  order: OrderField[];
  fullText?: { term: string; fields: string[] };
  limit: number;
  offset?: number;
  /** Continue after (or, with `reverse`, before) this row's sort values. */
  boundary?: (string | number | null)[];
  reverse?: boolean;
  withTotal?: boolean;
}

/** Reads one page of entities (and the total count if asked) in a single round trip. */
export async function readPage(db: Database, q: PageQuery): Promise<{ rows: EntityRow[]; total?: number }> {
  const where = sql`${filterSql(q.filter)} AND ${fullTextSql(q.fullText)}`;
  const keyset = q.boundary ? sql` AND ${keysetSql(q.order, q.boundary, !!q.reverse)}` : sql``;
  const sortCols = q.order.length ? sql`, ${sortColumnsSql(q.order)}` : sql``;
  const offset = q.offset ? sql` OFFSET ${q.offset}` : sql``;
  const page = sql`SELECT ${ENTITY_COLUMNS}${sortCols} FROM entities e WHERE ${where}${keyset} ORDER BY ${orderBySql(q.order, !!q.reverse)} LIMIT ${q.limit}${offset}`;
  const queries: SQL[] = [page];
  if (q.withTotal) queries.push(sql`SELECT count(*) AS n FROM entities e WHERE ${where}`);
  const [rows, count] = await db.readBatch(queries);
  return {
    rows: (rows as RawRow[]).map((r) => toRow(r, q.order.length)),
    ...(count ? { total: (count[0] as { n: number }).n } : {}),
  };
}

/** Reads entities by ref, in the order asked, `undefined` where absent or filtered out. */
export async function readByRefs(
  db: Database,
  refs: string[],
  filter?: EntityFilter,
): Promise<(EntityRow | undefined)[]> {
  if (refs.length === 0) return [];
  const lowered = refs.map((r) => r.toLowerCase());
  const rows = await db.all<RawRow>(
    sql`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.ref IN (SELECT value FROM json_each(${JSON.stringify(lowered)})) AND ${filterSql(filter)}`,
  );
  const byRef = new Map(rows.map((r) => [r.ref, toRow(r, 0)]));
  return lowered.map((r) => byRef.get(r));
}

/** Reads one entity by uid, `undefined` where absent or filtered out. */
export async function readByUid(db: Database, uid: string, filter?: EntityFilter): Promise<EntityRow | undefined> {
  const [row] = await db.all<RawRow>(sql`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.uid = ${uid} AND ${filterSql(filter)}`);
  return row && toRow(row, 0);
}

/** Counts values per facet key among the entities matching `filter`. */
export async function readFacets(
  db: Database,
  facets: string[],
  filter?: EntityFilter,
): Promise<Record<string, { value: string; count: number }[]>> {
  const scope = filter ? sql` AND entity_id IN (SELECT e.id FROM entities e WHERE ${filterSql(filter)})` : sql``;
  const relationScope = filter ? sql` AND source IN (SELECT e.ref FROM entities e WHERE ${filterSql(filter)})` : sql``;
  const queries = facets.map((facet) => {
    const key = facet.toLowerCase();
    if (key.startsWith('relations.')) {
      const type = facet.slice('relations.'.length);
      return sql`SELECT target AS value, count(DISTINCT source) AS count FROM relations WHERE lower(type) = ${type.toLowerCase()}${relationScope} GROUP BY target`;
    }
    return sql`SELECT max(original_value) AS value, count(*) AS count FROM search WHERE key = ${key} AND value != ''${scope} GROUP BY value`;
  });
  const results = await db.readBatch(queries);
  return Object.fromEntries(
    facets.map((facet, i) => [
      facet,
      (results[i] as { value: string; count: number }[]).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    ]),
  );
}
