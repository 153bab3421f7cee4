-- Per-user settings of the portal: the entities each user starred, for the catalog and home page.
-- Keyed by the signed-in identity's user ref; the entity ref is stored normalised (lowercase), as
-- the catalog stores refs. A star outlives its entity: the home page shows what is still readable.
CREATE TABLE user_starred_entities (
  user_ref TEXT NOT NULL,
  entity_ref TEXT NOT NULL,
  starred_at TEXT NOT NULL,
  PRIMARY KEY (user_ref, entity_ref)
) WITHOUT ROWID;

-- The home page lists recently changed entities (newest `updated_at` first); without this index
-- that is a scan of every entity body.
CREATE INDEX entities_updated ON entities (updated_at);
