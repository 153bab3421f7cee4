-- The search table is re-clustered on (key, entity_id, value). Under (key, value, entity_id) an
-- entity's unique values (its name, title, annotations, link URLs) each landed on a random page
-- of a table far larger than the cache, so ingesting one entity dirtied about a dozen pages.
-- New entities have the largest ids, so under (key, entity_id, value) their rows append at the
-- end of each key's range and a whole batch shares those few pages. Filters probe the table per
-- candidate entity (key, entity, value), which the new key answers as directly as the old one;
-- facets now group a key's rows with a sort, once per catalog generation (the result is cached).
CREATE TABLE search_by_entity (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  original_value TEXT,
  PRIMARY KEY (key, entity_id, value)
) WITHOUT ROWID;
INSERT INTO search_by_entity (key, value, entity_id, original_value)
  SELECT key, value, entity_id, original_value FROM search ORDER BY key, entity_id, value;
DROP TABLE search;
ALTER TABLE search_by_entity RENAME TO search;
CREATE INDEX search_entity ON search (entity_id);
