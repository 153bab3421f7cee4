-- Relations become a clustered table keyed by (source, type, target, origin). Every ingested
-- relation row used to cost three B-tree writes (the table and two indexes); now it costs two
-- (the table, which is also the by-source index, and the by-origin index). An entity's relations
-- and relation filters read the primary key's prefix; replacing an entity's rows uses the origin
-- index. A descriptor that lists the same relation twice now stores it once.
CREATE TABLE relations_clustered (
  origin TEXT NOT NULL,
  source TEXT NOT NULL,
  type TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (source, type, target, origin)
) WITHOUT ROWID;
INSERT OR IGNORE INTO relations_clustered (origin, source, type, target)
  SELECT origin, source, type, target FROM relations;
DROP TABLE relations;
ALTER TABLE relations_clustered RENAME TO relations;
CREATE INDEX relations_origin ON relations (origin);
