import { index, integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

// One schema for D1 and libSQL. It mirrors migrations/*.sql, which are the source of truth for
// what exists in a database (FTS5 virtual tables cannot be described here, so SQL stays canonical).

/** Locations registered through the API. */
export const locations = sqliteTable(
  'locations',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    target: text('target').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [unique().on(t.type, t.target)],
);

/** Every location key that yields entities, with the outcome of its last processing. */
export const locationKeys = sqliteTable(
  'location_keys',
  {
    key: text('key').primaryKey(),
    originKey: text('origin_key').notNull(),
    parentKey: text('parent_key'),
    parentRef: text('parent_ref'),
    status: text('status', { enum: ['pending', 'ok', 'error'] }).notNull().default('pending'),
    errors: text('errors'),
    contentHash: text('content_hash'),
    processedAt: text('processed_at'),
  },
  (t) => [index('location_keys_parent').on(t.parentKey), index('location_keys_origin').on(t.originKey)],
);

/** Final entities; `body` is the entity JSON without relations and status. */
export const entities = sqliteTable(
  'entities',
  {
    id: integer('id').primaryKey(),
    uid: text('uid').notNull().unique(),
    ref: text('ref').notNull().unique(),
    kind: text('kind').notNull(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    locationKey: text('location_key'),
    hash: text('hash').notNull(),
    etag: text('etag').notNull(),
    body: text('body').notNull(),
    orphan: integer('orphan').notNull().default(0),
    errors: text('errors'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('entities_kind_ref').on(t.kind, t.ref), index('entities_location').on(t.locationKey)],
);

/** Relation rows in both directions, owned by the entity (`origin`) whose descriptor emitted them. */
export const relations = sqliteTable(
  'relations',
  {
    origin: text('origin').notNull(),
    source: text('source').notNull(),
    type: text('type').notNull(),
    target: text('target').notNull(),
  },
  (t) => [
    index('relations_source').on(t.source, t.type, t.target),
    index('relations_target').on(t.target, t.type),
    index('relations_origin').on(t.origin),
  ],
);

/** Flattened fields of every entity, for filters and facets. */
export const search = sqliteTable(
  'search',
  {
    key: text('key').notNull(),
    value: text('value').notNull(),
    entityId: integer('entity_id').notNull(),
    originalValue: text('original_value'),
  },
  (t) => [primaryKey({ columns: [t.key, t.value, t.entityId] }), index('search_entity').on(t.entityId)],
);
