-- A second, small full-text index over names and titles only. Searching `metadata.name` and
-- `metadata.title` (the catalog list's search box, and the usual `fullTextFilterFields`) in
-- entities_fts reads trigram doclists that also cover every description, tag, kind, type and
-- owner; this table's doclists hold names and titles alone, so such a search reads a fraction
-- of the data. entities_fts stays for searches over every field and for the search page's
-- ranking and highlights. rowid = entities.id, as in entities_fts.
CREATE VIRTUAL TABLE entity_names_fts USING fts5 (
  name, title,
  tokenize = 'trigram'
);
INSERT INTO entity_names_fts (rowid, name, title) SELECT rowid, name, title FROM entities_fts;
