import type { Entity } from '../model/entity';

/** One row of the search table: a dotted key and a lowercased value ('' when only existence counts). */
export interface SearchRow {
  key: string;
  value: string;
  original: string | null;
}

/**
 * Keys whose rows are also kept in value order (table facet_values, migration 0010) so their
 * facet counts need no sort: the portal's facet filters and kind, each value shared by many
 * entities, so a new entity's rows land at the end of a value's run.
 */
export const FACET_KEYS: readonly string[] = ['kind', 'metadata.namespace', 'metadata.tags', 'spec.type', 'spec.lifecycle', 'spec.system'];

/** Values longer than this are not indexed (as in Backstage): only the key's existence is. */
const MAX_VALUE_LENGTH = 200;
/** A descriptor with an enormous spec should not flood the table. */
const MAX_ROWS = 2000;

/** Flattens an entity into search rows: nested keys joined by dots, array items under one key. */
export function flattenForSearch(entity: Entity): SearchRow[] {
  const rows = new Map<string, SearchRow>();
  const add = (key: string, value: string | null) => {
    if (rows.size >= MAX_ROWS) return;
    const indexed = value !== null && value.length <= MAX_VALUE_LENGTH;
    const row = { key, value: indexed ? value.toLowerCase() : '', original: indexed ? value : null };
    rows.set(`${row.key}\u0000${row.value}`, row);
  };
  const walk = (value: unknown, key: string, depth: number): void => {
    if (value === null || value === undefined || depth > 32) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, key, depth + 1);
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k.toLowerCase()}` : k.toLowerCase(), depth + 1);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      add(key, String(value));
    }
  };
  const { relations: _relations, status: _status, ...rest } = entity;
  walk(rest, '', 0);
  return [...rows.values()];
}

/** The text columns of the full-text index, in table order. */
export interface FtsRow {
  name: string;
  title: string;
  description: string;
  tags: string;
  kind: string;
  type: string;
  owner: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Picks the fields people search by. */
export function fullTextRow(entity: Entity): FtsRow {
  return {
    name: entity.metadata.name,
    title: str(entity.metadata.title),
    description: str(entity.metadata.description),
    tags: (entity.metadata.tags ?? []).join(' '),
    kind: entity.kind,
    type: str(entity.spec?.type),
    owner: str(entity.spec?.owner),
  };
}

/** Maps a `fullTextFilterFields` entry to its column in the FTS table, if it has one. */
export const FTS_COLUMNS: Record<string, keyof FtsRow> = {
  'metadata.name': 'name',
  'metadata.title': 'title',
  'metadata.description': 'description',
  'metadata.tags': 'tags',
  kind: 'kind',
  'spec.type': 'type',
  'spec.owner': 'owner',
};
