-- Catalog storage: final entities, their relations, a flattened search table for filter paths,
-- FTS5 for full text, registered locations and every location key that produces entities.

-- Locations registered through the API (POST /api/catalog/locations).
CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  target TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (type, target)
);

-- Every location key that yields entities: registered roots and the targets of Location entities.
CREATE TABLE location_keys (
  key TEXT PRIMARY KEY,
  origin_key TEXT NOT NULL,
  parent_key TEXT,
  -- The Location entity whose target this key is (for roots, the location generated at registration).
  parent_ref TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  errors TEXT,
  content_hash TEXT,
  processed_at TEXT
);
CREATE INDEX location_keys_parent ON location_keys (parent_key);
CREATE INDEX location_keys_origin ON location_keys (origin_key);

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  ref TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  location_key TEXT,
  hash TEXT NOT NULL,
  etag TEXT NOT NULL,
  body TEXT NOT NULL,
  orphan INTEGER NOT NULL DEFAULT 0,
  errors TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX entities_kind_ref ON entities (kind, ref);
CREATE INDEX entities_location ON entities (location_key);

-- Relations in both directions; `origin` is the ref of the entity whose descriptor emitted the row.
-- Each index costs a random page write per row at ingestion, so only the two that queries use exist:
-- by source (an entity's relations, relation filters) and by origin (replacing an entity's rows).
CREATE TABLE relations (
  origin TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  target TEXT NOT NULL
);
CREATE INDEX relations_source ON relations (source, type, target);
CREATE INDEX relations_origin ON relations (origin);

-- Flattened entity fields for `filter=` on any dotted path. `value` is lowercased ('' when too long
-- to index, so only existence can be asked); clustered on (key, value) so filters and facets are range scans.
CREATE TABLE search (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  original_value TEXT,
  PRIMARY KEY (key, value, entity_id)
) WITHOUT ROWID;
CREATE INDEX search_entity ON search (entity_id);

-- Full text over the fields people search by; rowid = entities.id. Trigram gives substring matches.
CREATE VIRTUAL TABLE entities_fts USING fts5 (
  name, title, description, tags, kind, type, owner,
  tokenize = 'trigram'
);

-- A token that changes with every write to an entity row, so results derived from the whole
-- catalog (counts, facets) can be reused until it moves. Random rather than a counter: two
-- databases (test isolates, a D1 and a libSQL one) never share a value with different content.
-- Kept within 53 bits so every driver reads it as an exact JavaScript number.
CREATE TABLE catalog_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO catalog_generation (id, value) VALUES (1, random() % 9007199254740992);
CREATE TRIGGER entities_generation_insert AFTER INSERT ON entities BEGIN
  UPDATE catalog_generation SET value = random() % 9007199254740992 WHERE id = 1;
END;
CREATE TRIGGER entities_generation_update AFTER UPDATE ON entities BEGIN
  UPDATE catalog_generation SET value = random() % 9007199254740992 WHERE id = 1;
END;
CREATE TRIGGER entities_generation_delete AFTER DELETE ON entities BEGIN
  UPDATE catalog_generation SET value = random() % 9007199254740992 WHERE id = 1;
END;
