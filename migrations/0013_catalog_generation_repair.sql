-- The catalog generation (table and triggers) was added to 0001_catalog.sql after that migration
-- had already run on early local databases, which therefore lack it and fail every page, total
-- and facet read. This creates whatever of it is missing; on any other database it changes nothing.
CREATE TABLE IF NOT EXISTS catalog_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT OR IGNORE INTO catalog_generation (id, value) VALUES (1, random() % 9007199254740992);
CREATE TRIGGER IF NOT EXISTS entities_generation_insert AFTER INSERT ON entities BEGIN
  UPDATE catalog_generation SET value = random() % 9007199254740992 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS entities_generation_update AFTER UPDATE ON entities BEGIN
  UPDATE catalog_generation SET value = random() % 9007199254740992 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS entities_generation_delete AFTER DELETE ON entities BEGIN
  UPDATE catalog_generation SET value = random() % 9007199254740992 WHERE id = 1;
END;
