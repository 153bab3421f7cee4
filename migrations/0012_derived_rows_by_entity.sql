-- Search and relation rows are keyed by the entity that produced them, so a new entity's rows
-- append at the end of each table and no second index has to find them again for a rewrite.
--
-- Search rows: clustered on (entity_id, key, value). The (entity_id) index of migration 0008,
-- a second copy of every row, goes: the key itself now finds an entity's rows. Filters and
-- sort keys probe (entity, key, value) per candidate entity as before; facet counts of keys
-- outside facet_values scan the table once per catalog generation (the result is cached).
--
-- Relations: clustered on (origin_id, source, type, target), origin_id being the id of the
-- entity whose descriptor emitted the row. The by-origin index of migration 0007 (a random page
-- per new entity) goes; relations_source answers an entity's relations and relation filters,
-- in (type, target) order with copies from two origins side by side.
CREATE TABLE search_by_entity (
  entity_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  original_value TEXT,
  PRIMARY KEY (entity_id, key, value)
) WITHOUT ROWID;
INSERT INTO search_by_entity (entity_id, key, value, original_value)
  SELECT entity_id, key, value, original_value FROM search ORDER BY entity_id, key, value;
DROP TABLE search;
ALTER TABLE search_by_entity RENAME TO search;

CREATE TABLE relations_by_origin (
  origin_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (origin_id, source, type, target)
) WITHOUT ROWID;
INSERT OR IGNORE INTO relations_by_origin (origin_id, source, type, target)
  SELECT e.id, r.source, r.type, r.target FROM relations r JOIN entities e ON e.ref = r.origin
  ORDER BY e.id, r.source, r.type, r.target;
DROP TABLE relations;
ALTER TABLE relations_by_origin RENAME TO relations;
CREATE INDEX relations_source ON relations (source, type, target);
