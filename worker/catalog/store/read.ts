import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import type { EntityFilter } from '../query/filter';
import type { OrderField } from '../query/order';
import { filterSql, fullTextMatch, fullTextSql, keysetSql, orderBySql, sortColumnsSql, tieBreakOrder } from './sql';
import { allCurrent, GENERATION_SQL, generationOf, Memo, unlessAt } from './memo';
import { FACET_KEYS } from './flatten';
import { entityRelationsSql } from './relations-sql';
import { RELATION_PAIRS, relationTypeOf } from '../model/relations';

const FACET_KEY_SET = new Set(FACET_KEYS);

/** Totals and facet counts: small, and slow to compute again. */
const countMemo = new Memo<unknown>({ entries: 500 });
// Pages apart, so a long cursor walk cannot push the counts out. An isolate has 128 MB: pages
// may hold an eighth of it, and none alone more than 1 MB.
const pageMemo = new Memo<EntityRow[]>({ entries: 500, bytes: 16 * 1024 * 1024, entryBytes: 1024 * 1024 });

/** A stored entity as the API returns it: final JSON text plus the values it sorted by. */
export interface EntityRow {
  ref: string;
  json: string;
  sort: (string | number | null)[];
}

interface RawRow {
  id: number;
  ref: string;
  body: string;
  errors: string | null;
  rels: string | null;
  [sortKey: `k${number}`]: string | number | null;
}

// Relations travel as lines of `type "targetRef"` (the ref quoted by SQLite as a JSON string):
// the D1 transport escapes every quote of JSON it carries, which for an entity's full relation
// objects cost more than building them.
const ENTITY_COLUMNS = sql`e.id, e.ref, e.body, e.errors, (SELECT group_concat(r.type || ' ' || json_quote(r.target), char(10)) FROM (${entityRelationsSql(sql`e.id`, sql`e.ref`)}) r) AS rels`;

/** The relations array of an entity, from its `type "targetRef"` lines (newlines inside a ref are escaped by then). */
function relationsJson(lines: string | null): string {
  if (!lines) return '[]';
  const items = lines.split('\n').map((line) => {
    const space = line.indexOf(' ');
    return `{"type":"${line.slice(0, space)}","targetRef":${line.slice(space + 1)}}`;
  });
  return `[${items.join(',')}]`;
}

/** Assembles the final entity JSON from its stored body, relations and processing errors. */
function toRow(raw: RawRow, sortCount: number): EntityRow {
  const status = raw.errors ? `,"status":{"items":${raw.errors}}` : '';
  const sort: EntityRow['sort'] = [];
  for (let i = 0; i < sortCount; i++) sort.push(raw[`k${i}`] ?? null);
  sort.push(raw.id);
  return { ref: raw.ref, json: `${raw.body.slice(0, -1)},"relations":${relationsJson(raw.rels)}${status}}`, sort };
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
 * A full-text page in the default (id) order. FTS5 yields its matches in rowid order, which is the
 * entity id, so the page ends at its last match: a common term costs no more than a rare one.
 */
function fullTextPageIdsSql(q: PageQuery, fts: { table: SQL; match: string }, dir: SQL, offset: number): SQL {
  const after = q.boundary ? sql` AND ${fts.table}.rowid ${q.reverse ? sql`<` : sql`>`} ${q.boundary[0] ?? null}` : sql``;
  return sql`SELECT e.id FROM ${fts.table} CROSS JOIN entities e ON e.id = ${fts.table}.rowid
    WHERE ${fts.table} MATCH ${fts.match} AND ${filterSql(q.filter)}${after}
    ORDER BY ${fts.table}.rowid ${dir} LIMIT ${q.limit} OFFSET ${offset}`;
}

/**
 * The ids (and sort values) of one page. Under the default order an OR of filters is answered
 * branch by branch: each walks its own index in id order and stops at the page size, instead of
 * SQLite gathering and sorting every row that matches any branch.
 */
function pageIdsSql(q: PageQuery): SQL {
  const dir = q.reverse ? sql`DESC` : sql`ASC`;
  const offset = q.offset ?? 0;
  const branches = q.order.length === 0 ? orBranches(q.filter) : [];
  const fts = q.order.length === 0 && branches.length <= 1 ? fullTextMatch(q.fullText) : undefined;
  if (fts) return fullTextPageIdsSql(q, fts, dir, offset);
  if (branches.length > 1) {
    const parts = branches.map(
      (b) => sql`SELECT * FROM (SELECT e.id FROM entities e WHERE ${matchSql(q, b)} ORDER BY e.id ${dir} LIMIT ${q.limit + offset})`,
    );
    return sql`SELECT id FROM (${sql.join(parts, sql` UNION `)}) ORDER BY id ${dir} LIMIT ${q.limit} OFFSET ${offset}`;
  }
  const sortCols = q.order.length ? sql`, ${sortColumnsSql(q.order)}` : sql``;
  return sql`SELECT e.id${sortCols} FROM entities e WHERE ${matchSql(q, q.filter)} ORDER BY ${orderBySql(q.order, !!q.reverse)} LIMIT ${q.limit} OFFSET ${offset}`;
}

/** The same order as `orderBySql`, over the sort values a page-ids subquery `p` selected. */
function pageOrderSql(q: PageQuery): SQL {
  const dir = (o: 'asc' | 'desc') => ((o === 'asc') !== !!q.reverse ? sql`ASC` : sql`DESC`);
  const keys = q.order.map((o, i) => sql`${sql.raw(`p.k${i}`)} ${dir(o.order)}`);
  keys.push(sql`p.id ${dir(tieBreakOrder(q.order))}`);
  return sql.join(keys, sql`, `);
}

/**
 * Reads one page of entities (and the total count if asked) in a single round trip. Bodies and
 * relations are read for the page's rows only, after the ids are chosen, so sorting a large
 * match never drags every matching body along. A page read before is reused while the catalog
 * is unchanged: the guard makes SQLite skip the page then, so only the generation travels.
 */
export async function readPage(db: Database, q: PageQuery): Promise<{ rows: EntityRow[]; total?: number }> {
  const pageKey = JSON.stringify(['page', q.filter ?? null, q.order, q.fullText ?? null, q.limit, q.offset ?? 0, q.boundary ?? null, !!q.reverse]);
  const cachedPage = pageMemo.recall(pageKey);
  const totalKey = JSON.stringify(['total', q.filter ?? null, q.fullText ?? null]);
  const cachedTotal = q.withTotal ? countMemo.recall(totalKey) : undefined;
  if (await allCurrent(db, q.withTotal ? [cachedPage, cachedTotal] : [cachedPage])) {
    return { rows: cachedPage!.value, ...(cachedTotal ? { total: cachedTotal.value as number } : {}) };
  }
  const sortCols = q.order.map((_, i) => sql.raw(`, p.k${i} AS k${i}`));
  const page = sql`SELECT ${ENTITY_COLUMNS}${sql.join(sortCols)} FROM (${pageIdsSql(q)}) p CROSS JOIN entities e ON e.id = p.id
    ORDER BY ${pageOrderSql(q)}${unlessAt(cachedPage?.generation)}`;
  // Without a WHERE clause SQLite counts a table from its B-tree pages instead of visiting every row.
  const where = q.filter || q.fullText?.term ? sql` WHERE ${filterSql(q.filter)} AND ${fullTextSql(q.fullText)}` : sql``;
  const count = q.withTotal ? sql`SELECT count(*) AS n FROM entities e${where}${unlessAt(cachedTotal?.generation)}` : undefined;
  const [found, generation, counted] = await db.readBatch(count ? [page, GENERATION_SQL, count] : [page, GENERATION_SQL]);
  const current = generationOf(generation!);
  const rows = pageMemo.reuse(
    pageKey,
    cachedPage,
    current,
    () => (found as RawRow[]).map((r) => toRow(r, q.order.length)),
    (fresh) => fresh.reduce((n, r) => n + r.json.length, 0),
  );
  if (!count) return { rows };
  return { rows, total: countMemo.reuse(totalKey, cachedTotal, current, () => (counted![0] as { n: number }).n) as number };
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
  const cached = countMemo.recall(key);
  if (await allCurrent(db, [cached])) return cached!.value as Record<string, { value: string; count: number }[]>;
  const guard = unlessAt(cached?.generation);
  const scope = filter ? sql` AND entity_id IN (SELECT e.id FROM entities e WHERE ${filterSql(filter)})` : sql``;
  const relationScope = filter ? sql` WHERE entity IN (SELECT e.ref FROM entities e WHERE ${filterSql(filter)})` : sql``;
  const queries = facets.map((facet) => {
    const key = facet.toLowerCase();
    if (key.startsWith('relations.')) {
      // An entity has relation T to V when it emitted (entity, T, V) or V emitted (V, inverse T, entity):
      // one scan reads both. A type Backstage does not define matches nothing, as in filters.
      const type = relationTypeOf(key.slice('relations.'.length));
      if (!type) return sql`SELECT NULL AS value, 0 AS count LIMIT 0`;
      return sql`SELECT value, count(DISTINCT entity) AS count FROM (
          SELECT CASE type WHEN ${type} THEN target ELSE source END AS value, CASE type WHEN ${type} THEN source ELSE target END AS entity
          FROM relations WHERE type IN (${type}, ${RELATION_PAIRS[type]})
        )${relationScope} GROUP BY value${guard}`;
    }
    const table = FACET_KEY_SET.has(key) ? sql`facet_values` : sql`search`;
    return sql`SELECT max(original_value) AS value, count(*) AS count FROM ${table} WHERE key = ${key} AND value != ''${scope} GROUP BY value${guard}`;
  });
  const [generation, ...results] = await db.readBatch([GENERATION_SQL, ...queries]);
  const counts = () =>
    Object.fromEntries(
      facets.map((facet, i) => [
        facet,
        (results[i] as { value: string; count: number }[]).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      ]),
    );
  return countMemo.reuse(key, cached, generationOf(generation!), counts) as Record<string, { value: string; count: number }[]>;
}
