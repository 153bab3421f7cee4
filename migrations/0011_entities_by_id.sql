-- A query without orderField now returns entities in id order (Backstage orders by its internal
-- entity id too). Full-text matches then come out of FTS5 already in that order, so a page stops
-- after its last match instead of gathering and sorting every one; and a kind's entities are
-- walked through (kind, id), an index a new entity only ever appends to. (kind, name) serves the
-- portal's own default sort, by name within a kind.
DROP INDEX entities_kind_ref;
CREATE INDEX entities_kind ON entities (kind);
CREATE INDEX entities_kind_name ON entities (kind, name);
