-- Facet counts group a key's rows by value. Since migration 0008 the search table is ordered by
-- (key, entity, value), so grouping needs a sort: 40–110 ms per key at 100,000 entities instead
-- of a walk in value order. This table keeps the rows of the keys the portal counts facets on —
-- few values each, so a new entity's rows land at the end of a value's run and a batch shares
-- those pages — in value order again. Other keys are still counted from the search table.
-- The key list is FACET_KEYS in worker/catalog/store/flatten.ts.
CREATE TABLE facet_values (
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  original_value TEXT,
  PRIMARY KEY (key, value, entity_id)
) WITHOUT ROWID;
INSERT INTO facet_values (key, value, entity_id, original_value)
  SELECT key, value, entity_id, original_value FROM search
  WHERE key IN ('kind', 'metadata.namespace', 'metadata.tags', 'spec.type', 'spec.lifecycle', 'spec.system')
  ORDER BY key, value, entity_id;
