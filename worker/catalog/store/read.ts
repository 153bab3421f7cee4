import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { EntityFilter } from '../query/filter';
import type { OrderField } from '../query/order';
import { filterSql, fullTextIdsSql, fullTextSql, keysetSql, orderBySql, sortColumnsSql } from './sql';
import { GENERATION_SQL, generationOf, recall, remember, unlessAt } from './memo';
import { FACET_KEYS } from './flatten';

const FACET_KEY_SET = new Set(FACET_KEYS);

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

/** Boolean SQL for rows matching `filter`, the query's full text and, when paging, its keyset. */
function matchSql(q: PageQuery, filter: EntityFilter | undefined): SQL {
  const keyset = q.boundary ? sql` AND ${keysetSql(q.order, q.boundary, !!q.reverse)}` : sql``;
  return sql`${filterSql(filter)} AND ${fullTextSql(q.fullText)}${keyset}`;
}

/** The alternatives of an OR at the top of `filter`, or inside its top AND with the other terms attached to each. */
function orBranches(filter: EntityFilter | undefined): EntityFilter[] {
  if (!filter) return [];
  if ('any' in filter) return filter.any;
  if (!('all' in filter)) return [];
  const i = filter.all.findIndex((f) => 'any' in f);
  const or = filter.all[i];
  if (!or || !('any' in or)) return [];
  const rest = filter.all.filter((_, j) => j !== i);
  return or.any.map((b) => ({ all: [b, ...rest] }));
}

/**
 * How many more entries of the ref index a walk may step over than rows a sort may look up, for
 * the same cost: index entries are small and packed, entity rows large and spread out.
 */
const WALK_STEPS_PER_LOOKUP = 20;

/**
 * A full-text page in the default (ref) order. Sorting the matches looks up every one of them,
 * thousands of rows for a common term; walking the ref index and keeping the rows that match
 * stops after the page, but crosses the whole index when matches are rare. The statement holds
 * both plans, and the match count turns one of them off: a LIMIT of 0 ends a query before its
 * first row. A walk is chosen when it should step over fewer entries (page × entities ÷ matches)
 * than WALK_STEPS_PER_LOOKUP × the lookups a sort would make.
 */
function fullTextPageIdsSql(q: PageQuery, ids: SQL, dir: SQL, offset: number): SQL {
  const keyset = q.boundary ? sql` AND ${keysetSql(q.order, q.boundary, !!q.reverse)}` : sql``;
  const rest = sql`${filterSql(q.filter)}${keyset}`;
  const walk = sql`n * n * ${WALK_STEPS_PER_LOOKUP} > ${q.limit + offset} * (SELECT coalesce(max(id), 0) FROM entities)`;
  // `+e.id` keeps SQLite from driving the walk by the matches, so it follows the ref index.
  return sql`WITH hits AS MATERIALIZED (${ids}), matched AS MATERIALIZED (SELECT count(*) AS n FROM hits)
    SELECT * FROM (SELECT e.id, e.ref FROM entities e WHERE +e.id IN (SELECT id FROM hits) AND ${rest}
      ORDER BY e.ref ${dir} LIMIT (SELECT CASE WHEN ${walk} THEN ${q.limit} ELSE 0 END FROM matched) OFFSET ${offset})
    UNION ALL
    SELECT * FROM (SELECT e.id, e.ref FROM entities e WHERE e.id IN (SELECT id FROM hits) AND ${rest}
      ORDER BY e.ref ${dir} LIMIT (SELECT CASE WHEN ${walk} THEN 0 ELSE ${q.limit} END FROM matched) OFFSET ${offset})`;
}

/**
 * The ids (and sort values) of one page. Under the default order an OR of filters is answered
 * branch by branch: each walks its own index in ref order and stops at the page size, instead of
 * SQLite gathering and sorting every row that matches any branch.
 */
function pageIdsSql(q: PageQuery): SQL {
  const dir = q.reverse ? sql`DESC` : sql`ASC`;
  const offset = q.offset ?? 0;
  const branches = q.order.length === 0 ? orBranches(q.filter) : [];
  const ftsIds = q.order.length === 0 && branches.length <= 1 ? fullTextIdsSql(q.fullText) : undefined;
  if (ftsIds) return fullTextPageIdsSql(q, ftsIds, dir, offset);
  if (branches.length > 1) {
    const parts = branches.map(
      (b) => sql`SELECT * FROM (SELECT e.id, e.ref FROM entities e WHERE ${matchSql(q, b)} ORDER BY e.ref ${dir} LIMIT ${q.limit + offset})`,
    );
    return sql`SELECT id, ref FROM (${sql.join(parts, sql` UNION `)}) ORDER BY ref ${dir} LIMIT ${q.limit} OFFSET ${offset}`;
  }
  const sortCols = q.order.length ? sql`, ${sortColumnsSql(q.order)}` : sql``;
  return sql`SELECT e.id, e.ref${sortCols} FROM entities e WHERE ${matchSql(q, q.filter)} ORDER BY ${orderBySql(q.order, !!q.reverse)} LIMIT ${q.limit} OFFSET ${offset}`;
}

/** The same order as `orderBySql`, over the sort values a page-ids subquery `p` selected. */
function pageOrderSql(q: PageQuery): SQL {
  const dir = (o: 'asc' | 'desc') => ((o === 'asc') !== !!q.reverse ? sql`ASC` : sql`DESC`);
  const keys = q.order.map((o, i) => sql`${sql.raw(`p.k${i}`)} ${dir(o.order)}`);
  keys.push(sql`p.ref ${dir('asc')}`);
  return sql.join(keys, sql`, `);
}

/**
 * Reads one page of entities (and the total count if asked) in a single round trip. Bodies and
 * relations are read for the page's rows only, after the ids are chosen, so sorting a large
 * match never drags every matching body along.
 */
export async function readPage(db: Database, q: PageQuery): Promise<{ rows: EntityRow[]; total?: number }> {
  const sortCols = q.order.map((_, i) => sql.raw(`, p.k${i} AS k${i}`));
  const page = sql`SELECT ${ENTITY_COLUMNS}${sql.join(sortCols)} FROM (${pageIdsSql(q)}) p CROSS JOIN entities e ON e.id = p.id ORDER BY ${pageOrderSql(q)}`;
  if (!q.withTotal) {
    const [rows] = await db.readBatch([page]);
    return { rows: (rows as RawRow[]).map((r) => toRow(r, q.order.length)) };
  }
  const key = JSON.stringify(['total', q.filter ?? null, q.fullText ?? null]);
  const cached = recall(key);
  const where = sql`${filterSql(q.filter)} AND ${fullTextSql(q.fullText)}`;
  const count = sql`SELECT count(*) AS n FROM entities e WHERE ${where}${unlessAt(cached?.generation)}`;
  const [rows, counted, generation] = await db.readBatch([page, count, GENERATION_SQL]);
  const current = generationOf(generation!);
  let total: number;
  if (cached && cached.generation === current) total = cached.value as number;
  else {
    total = (counted![0] as { n: number }).n;
    remember(key, current, total);
  }
  return { rows: (rows as RawRow[]).map((r) => toRow(r, q.order.length)), total };
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

/** Counts values per facet key among the entities matching `filter`; reused while the catalog is unchanged. */
export async function readFacets(
  db: Database,
  facets: string[],
  filter?: EntityFilter,
): Promise<Record<string, { value: string; count: number }[]>> {
  const key = JSON.stringify(['facets', facets, filter ?? null]);
  const cached = recall(key);
  const guard = unlessAt(cached?.generation);
  const scope = filter ? sql` AND entity_id IN (SELECT e.id FROM entities e WHERE ${filterSql(filter)})` : sql``;
  const relationScope = filter ? sql` AND source IN (SELECT e.ref FROM entities e WHERE ${filterSql(filter)})` : sql``;
  const queries = facets.map((facet) => {
    const key = facet.toLowerCase();
    if (key.startsWith('relations.')) {
      const type = facet.slice('relations.'.length);
      return sql`SELECT target AS value, count(DISTINCT source) AS count FROM relations WHERE lower(type) = ${type.toLowerCase()}${relationScope} GROUP BY target${guard}`;
    }
    const table = FACET_KEY_SET.has(key) ? sql`facet_values` : sql`search`;
    return sql`SELECT max(original_value) AS value, count(*) AS count FROM ${table} WHERE key = ${key} AND value != ''${scope} GROUP BY value${guard}`;
  });
  const [generation, ...results] = await db.readBatch([GENERATION_SQL, ...queries]);
  const current = generationOf(generation!);
  if (cached && cached.generation === current) return cached.value as Record<string, { value: string; count: number }[]>;
  const counts = Object.fromEntries(
    facets.map((facet, i) => [
      facet,
      (results[i] as { value: string; count: number }[]).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
    ]),
  );
  remember(key, current, counts);
  return counts;
}
