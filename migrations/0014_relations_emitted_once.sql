-- Each relation pair is stored once, the way its entity emitted it, and found from its other end
-- through a full-text index instead of a B-tree.
--
-- Until now both directions of a pair were rows (`X ownedBy G` and `G ownerOf X`), and the index
-- by source put every row emitted towards another entity on a random page of an index far larger
-- than SQLite's page cache: about five random page writes per ingested entity, most of an
-- ingestion's database time. Now:
--
-- * relations holds the rows whose source is the entity that emitted them, clustered by that
--   entity (origin_id), so a new entity's rows append. `source` is the origin's ref, kept so a
--   turned-around row needs no lookup of its origin.
-- * relation_targets, an FTS5 index with one row per origin (rowid = origin_id) whose tokens are
--   the hex-encoded refs its relations point at, answers "who points at this entity". FTS5
--   collects a transaction's tokens in memory and writes them as one new segment, merging
--   segments later, so the index grows by appending instead of by random page writes. Hex makes
--   every ref exactly one token whatever characters it holds; a match is then confirmed against
--   relations.target, so the index only ever narrows the origins to look at.
--
-- An entity's relations are its own rows plus the rows pointing at it turned around (the inverse
-- type, with the origin as target): the same set the table held before, as Backstage shows it.
CREATE TABLE relations_emitted (
  origin_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (origin_id, type, target)
) WITHOUT ROWID;
-- Rows an entity emitted towards itself are turned around first, so a pair stored only that way
-- is kept too; a turned-around row equal to a stored one is ignored.
INSERT OR IGNORE INTO relations_emitted (origin_id, source, type, target)
  SELECT origin_id, source, type, target FROM (
    SELECT r.origin_id, r.source, r.type, r.target FROM relations r JOIN entities e ON e.id = r.origin_id AND e.ref = r.source
    UNION
    SELECT r.origin_id, r.target, CASE r.type
      WHEN 'ownedBy' THEN 'ownerOf'
      WHEN 'ownerOf' THEN 'ownedBy'
      WHEN 'consumesApi' THEN 'apiConsumedBy'
      WHEN 'apiConsumedBy' THEN 'consumesApi'
      WHEN 'providesApi' THEN 'apiProvidedBy'
      WHEN 'apiProvidedBy' THEN 'providesApi'
      WHEN 'dependsOn' THEN 'dependencyOf'
      WHEN 'dependencyOf' THEN 'dependsOn'
      WHEN 'parentOf' THEN 'childOf'
      WHEN 'childOf' THEN 'parentOf'
      WHEN 'memberOf' THEN 'hasMember'
      WHEN 'hasMember' THEN 'memberOf'
      WHEN 'partOf' THEN 'hasPart'
      WHEN 'hasPart' THEN 'partOf'
    END, r.source
    FROM relations r JOIN entities e ON e.id = r.origin_id AND e.ref = r.target AND e.ref != r.source
  ) WHERE type IS NOT NULL
  ORDER BY origin_id, type, target;
DROP TABLE relations;
ALTER TABLE relations_emitted RENAME TO relations;

CREATE VIRTUAL TABLE relation_targets USING fts5 (
  targets,
  content = '', contentless_delete = 1, detail = 'none', tokenize = 'ascii'
);
INSERT INTO relation_targets (rowid, targets)
  SELECT origin_id, group_concat(hex(target), ' ') FROM relations GROUP BY origin_id;
