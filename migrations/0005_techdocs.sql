-- TechDocs: the state of each entity's documentation site (the files themselves are in R2 under
-- <namespace>/<kind>/<name>/), and one row per page for search.

-- One row per entity that has (or tried to get) a site. `etag` and `built_at` describe the site
-- being served; `state`/`error` the latest attempt, so a failed build shows its error while the
-- previous good site stays up. `source_hash` fingerprints the Markdown sources last built from
-- GitHub, so a push that leaves them alone rebuilds nothing.
CREATE TABLE techdocs_sites (
  entity_ref TEXT PRIMARY KEY,
  namespace TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  site_name TEXT,
  site_description TEXT,
  source TEXT,
  etag TEXT,
  source_hash TEXT,
  built_at TEXT,
  state TEXT NOT NULL,
  error TEXT,
  error_at TEXT,
  last_attempt_at TEXT
);

-- Searchable text of every page; rowid is what techdocs_pages_fts indexes.
CREATE TABLE techdocs_pages (
  id INTEGER PRIMARY KEY,
  entity_ref TEXT NOT NULL,
  path TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (entity_ref, path)
);

-- Full text over page titles and text; trigram, like the catalog's, for substring matches.
CREATE VIRTUAL TABLE techdocs_pages_fts USING fts5 (
  title, text,
  content = 'techdocs_pages', content_rowid = 'id',
  tokenize = 'trigram'
);

CREATE TRIGGER techdocs_pages_insert AFTER INSERT ON techdocs_pages BEGIN
  INSERT INTO techdocs_pages_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER techdocs_pages_delete AFTER DELETE ON techdocs_pages BEGIN
  INSERT INTO techdocs_pages_fts (techdocs_pages_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
