import { sql, type SQL } from 'drizzle-orm';
import type { EntityFilter } from '../query/filter';
import type { OrderField } from '../query/order';
import { FTS_COLUMNS } from './flatten';
import { RELATION_PAIRS } from '../model/relations';

// SQL fragments over `entities e`. Lists of values travel as one JSON parameter (json_each), so
// no query ever approaches D1's limit on bound parameters, whatever the filter.

const RELATION_TYPES = new Map(Object.keys(RELATION_PAIRS).map((t) => [t.toLowerCase(), t]));

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

function leafSql(key: string, m: Match): SQL {
  const column = COLUMN_KEYS[key];
  if (column) return matchSql(column, m) ?? sql`1`;
  if (key.startsWith('relations.')) {
    const type = RELATION_TYPES.get(key.slice('relations.'.length));
    if (!type) return sql`0`;
    const match = matchSql(sql`r.target`, m);
    return sql`EXISTS (SELECT 1 FROM relations r WHERE r.source = e.ref AND r.type = ${type}${match ? sql` AND ${match}` : sql``})`;
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

/** The query of the ids (column `id`) a full-text filter matches through FTS5, if FTS5 can answer it. */
export function fullTextIdsSql(fullText: { term: string; fields: string[] } | undefined): SQL | undefined {
  if (!fullText || !fullText.term) return undefined;
  const term = fullText.term.toLowerCase();
  const columns = fullText.fields.map((f) => FTS_COLUMNS[f.toLowerCase()]);
  if ([...term].length < 3 || !columns.every((c) => c !== undefined)) return undefined;
  const phrase = `"${term.replace(/"/g, '""')}"`;
  const match = columns.length ? `{${[...new Set(columns)].join(' ')}} : ${phrase}` : phrase;
  if (columns.length && columns.every((c) => NAME_COLUMNS.has(c!))) {
    return sql`SELECT rowid AS id FROM entity_names_fts WHERE entity_names_fts MATCH ${match}`;
  }
  return sql`SELECT rowid AS id FROM entities_fts WHERE entities_fts MATCH ${match}`;
}

/** Compiles a full-text filter: FTS5 trigram match where it can, a LIKE over search rows otherwise. */
export function fullTextSql(fullText: { term: string; fields: string[] } | undefined): SQL {
  if (!fullText || !fullText.term) return sql`1`;
  const ids = fullTextIdsSql(fullText);
  if (ids) return sql`e.id IN (${ids})`;
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

/** The ORDER BY list: the requested keys, then the ref as a unique tie-break. */
export function orderBySql(order: OrderField[], reverse: boolean): SQL {
  const dir = (o: 'asc' | 'desc') => ((o === 'asc') !== reverse ? sql`ASC` : sql`DESC`);
  const keys = order.map((o) => sql`${orderExpression(o.field)} ${dir(o.order)}`);
  keys.push(sql`e.ref ${dir('asc')}`);
  return sql.join(keys, sql`, `);
}

/**
 * Keyset condition: rows strictly after `boundary` (sort values then ref) in the given order,
 * or strictly before it when `reverse` — expanded so mixed asc/desc keys work.
 */
export function keysetSql(order: OrderField[], boundary: (string | number | null)[], reverse: boolean): SQL {
  const exprs = [...order.map((o) => orderExpression(o.field)), sql`e.ref`];
  const dirs = [...order.map((o) => o.order), 'asc' as const];
  const alternatives: SQL[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const equal = exprs.slice(0, i).map((x, j) => sql`${x} = ${boundary[j] ?? null}`);
    const after = (dirs[i] === 'asc') !== reverse ? sql`>` : sql`<`;
    alternatives.push(sql.join([...equal, sql`${exprs[i]} ${after} ${boundary[i] ?? null}`], sql` AND `));
  }
  return sql`(${sql.join(alternatives, sql` OR `)})`;
}

/** The sort values of each row, selected alongside it so the next cursor can be built. */
export function sortColumnsSql(order: OrderField[]): SQL {
  return sql.join(
    order.map((o, i) => sql`${orderExpression(o.field)} AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
}
