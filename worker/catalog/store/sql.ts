import { sql, type SQL } from 'drizzle-orm';
import type { EntityFilter } from '../query/filter';
import type { OrderField } from '../query/order';
import { FTS_COLUMNS } from './flatten';
import { RELATION_PAIRS, relationTypeOf, type RelationType } from '../model/relations';

// SQL fragments over `entities e`. Lists of values travel as one JSON parameter (json_each), so
// no query ever approaches D1's limit on bound parameters, whatever the filter.

/** Columns that answer some keys directly, sparing the search table. */
const COLUMN_KEYS: Record<string, SQL> = {
  kind: sql`e.kind`,
  'metadata.namespace': sql`e.namespace`,
  'metadata.name': sql`e.name`,
};

function inList(column: SQL, values: string[]): SQL {
  return values.length === 1
    ? sql`${column} = ${values[0]}`
    : sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** Sorts absent values after every real one; also the upper bound of a prefix range. */
const LAST = '\u{10FFFF}';

type Match = { values?: string[]; prefix?: string };

/** The condition on one column: equal to one of the values, in the prefix range, or anything. */
function matchSql(column: SQL, m: Match): SQL | undefined {
  if (m.prefix !== undefined) return sql`${column} >= ${m.prefix} AND ${column} < ${m.prefix + LAST}`;
  return m.values ? inList(column, m.values) : undefined;
}

/**
 * `e` has relation `type` to a matching entity when it emitted that row itself, or when the other
 * end emitted the inverse towards it. The second is asked once for the whole query: by the
 * matching origins' own rows when values are given, else by every row of the inverse type.
 */
function relationSql(type: RelationType, m: Match): SQL {
  const target = matchSql(sql`r.target`, m);
  const emitted = sql`EXISTS (SELECT 1 FROM relations r WHERE r.origin_id = e.id AND r.type = ${type}${target ? sql` AND ${target}` : sql``})`;
  const origins = m.values
    ? sql` AND r.origin_id IN (SELECT id FROM entities WHERE ${inList(sql`ref`, m.values)})`
    : m.prefix !== undefined
      ? sql` AND ${matchSql(sql`r.source`, m)}`
      : sql``;
  const received = sql`e.ref IN (SELECT r.target FROM relations r WHERE r.type = ${RELATION_PAIRS[type]}${origins})`;
  return sql`(${emitted} OR ${received})`;
}

function leafSql(key: string, m: Match): SQL {
  const column = COLUMN_KEYS[key];
  if (column) return matchSql(column, m) ?? sql`1`;
  if (key.startsWith('relations.')) {
    const type = relationTypeOf(key.slice('relations.'.length));
    return type ? relationSql(type, m) : sql`0`;
  }
  const match = matchSql(sql`s.value`, m);
  return sql`EXISTS (SELECT 1 FROM search s WHERE s.key = ${key}${match ? sql` AND ${match}` : sql``} AND s.entity_id = e.id)`;
}

/** Compiles a filter tree to a boolean SQL expression. */
export function filterSql(filter: EntityFilter | undefined): SQL {
  if (!filter) return sql`1`;
  if ('all' in filter) return filter.all.length ? sql`(${sql.join(filter.all.map(filterSql), sql` AND `)})` : sql`1`;
  if ('any' in filter) return filter.any.length ? sql`(${sql.join(filter.any.map(filterSql), sql` OR `)})` : sql`0`;
  if ('not' in filter) return sql`NOT (${filterSql(filter.not)})`;
  return leafSql(filter.key, filter);
}

/** Columns that the small names-only index (entity_names_fts) also holds. */
const NAME_COLUMNS = new Set<string>(['name', 'title']);

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The FTS5 table and MATCH expression that answer a full-text filter, if FTS5 can answer it. */
export function fullTextMatch(fullText: { term: string; fields: string[] } | undefined): { table: SQL; match: string } | undefined {
  if (!fullText || !fullText.term) return undefined;
  const term = fullText.term.toLowerCase();
  const columns = fullText.fields.map((f) => FTS_COLUMNS[f.toLowerCase()]);
  if ([...term].length < 3 || !columns.every((c) => c !== undefined)) return undefined;
  const phrase = `"${term.replace(/"/g, '""')}"`;
  const match = columns.length ? `{${[...new Set(columns)].join(' ')}} : ${phrase}` : phrase;
  const namesOnly = columns.length > 0 && columns.every((c) => NAME_COLUMNS.has(c!));
  return { table: namesOnly ? sql`entity_names_fts` : sql`entities_fts`, match };
}

/** Compiles a full-text filter: FTS5 trigram match where it can, a LIKE over search rows otherwise. */
export function fullTextSql(fullText: { term: string; fields: string[] } | undefined): SQL {
  if (!fullText || !fullText.term) return sql`1`;
  const fts = fullTextMatch(fullText);
  if (fts) return sql`e.id IN (SELECT rowid FROM ${fts.table} WHERE ${fts.table} MATCH ${fts.match})`;
  const term = fullText.term.toLowerCase();
  const like = `%${escapeLike(term)}%`;
  const keys = fullText.fields.length
    ? sql` AND s.key IN (SELECT value FROM json_each(${JSON.stringify(fullText.fields.map((f) => f.toLowerCase()))}))`
    : sql``;
  return sql`EXISTS (SELECT 1 FROM search s WHERE s.entity_id = e.id${keys} AND s.value LIKE ${like} ESCAPE '\\')`;
}

/** The SQL expression a sort key orders by. */
export function orderExpression(field: string): SQL {
  const column = COLUMN_KEYS[field];
  if (column) return column;
  return sql`COALESCE((SELECT min(s.value) FROM search s WHERE s.entity_id = e.id AND s.key = ${field}), ${LAST})`;
}

/**
 * The direction of the id that breaks ties: the first key's, as in Backstage, so an index on
 * (…, key) read backwards serves a descending sort whole.
 */
export function tieBreakOrder(order: OrderField[]): 'asc' | 'desc' {
  return order[0]?.order ?? 'asc';
}

/** The ORDER BY list: the requested keys, then the id as a unique tie-break (Backstage's is its entity id too). */
export function orderBySql(order: OrderField[], reverse: boolean): SQL {
  const dir = (o: 'asc' | 'desc') => ((o === 'asc') !== reverse ? sql`ASC` : sql`DESC`);
  const keys = order.map((o) => sql`${orderExpression(o.field)} ${dir(o.order)}`);
  keys.push(sql`e.id ${dir(tieBreakOrder(order))}`);
  return sql.join(keys, sql`, `);
}

/**
 * Keyset condition: rows strictly after `boundary` (sort values then id) in the given order,
 * or strictly before it when `reverse` — expanded so mixed asc/desc keys work. The first key's
 * bound, when it is a column, is repeated on its own so SQLite can seek to it in an index instead
 * of walking up to it.
 */
export function keysetSql(order: OrderField[], boundary: (string | number | null)[], reverse: boolean): SQL {
  const exprs = [...order.map((o) => orderExpression(o.field)), sql`e.id`];
  const dirs = [...order.map((o) => o.order), tieBreakOrder(order)];
  const forward = (i: number) => (dirs[i] === 'asc') !== reverse;
  const alternatives: SQL[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const equal = exprs.slice(0, i).map((x, j) => sql`${x} = ${boundary[j] ?? null}`);
    alternatives.push(sql.join([...equal, sql`${exprs[i]} ${forward(i) ? sql`>` : sql`<`} ${boundary[i] ?? null}`], sql` AND `));
  }
  const or = sql`(${sql.join(alternatives, sql` OR `)})`;
  if (!order[0] || !Object.hasOwn(COLUMN_KEYS, order[0].field)) return or;
  return sql`${exprs[0]} ${forward(0) ? sql`>=` : sql`<=`} ${boundary[0] ?? null} AND ${or}`;
}

/** The sort values of each row, selected alongside it so the next cursor can be built. */
export function sortColumnsSql(order: OrderField[]): SQL {
  return sql.join(
    order.map((o, i) => sql`${orderExpression(o.field)} AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
}
