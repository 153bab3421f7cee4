import { sql, type SQL } from 'drizzle-orm';
import { RELATION_PAIRS } from '../model/relations';

// The relations table holds each pair once, as its origin emitted it (source = the origin);
// relation_targets finds the origins pointing at a ref (migration 0014). These fragments turn
// that back into the relations of an entity, both directions, as Backstage lists them.

/** `column`'s relation type turned around (ownedBy → ownerOf), NULL for a type Backstage does not define. */
export function inverseTypeSql(column: SQL): SQL {
  const cases = Object.entries(RELATION_PAIRS).map(([type, inverse]) => sql.raw(` WHEN '${type}' THEN '${inverse}'`));
  return sql`CASE ${column}${sql.join(cases)} END`;
}

/**
 * The tables (relation rows as `r`) and condition that find the rows other entities emitted
 * towards `ref`; `ref` may name a column of a table joined before them.
 */
export function towardsSql(ref: SQL): { from: SQL; where: SQL } {
  return {
    from: sql`relation_targets t CROSS JOIN relations r ON r.origin_id = t.rowid AND r.target = ${ref}`,
    where: sql`relation_targets MATCH '"' || hex(${ref}) || '"'`,
  };
}

/**
 * Rows `(source, type, target)` of the relations other entities emitted towards `ref`, as
 * stored; each one read the other way round is a relation of `ref`.
 */
function rowsTowardsSql(ref: SQL): SQL {
  const towards = towardsSql(ref);
  return sql`SELECT r.source, r.type, r.target FROM ${towards.from} WHERE ${towards.where}`;
}

/** Every relation of the entity with this id and ref as `(type, target)` rows, each once, in (type, target) order. */
export function entityRelationsSql(id: SQL, ref: SQL): SQL {
  return sql`SELECT type, target FROM (
      SELECT type, target FROM relations WHERE origin_id = ${id}
      UNION ALL SELECT ${inverseTypeSql(sql`x.type`)}, x.source FROM (${rowsTowardsSql(ref)}) x
    ) GROUP BY type, target`;
}
