import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { readByRefs, readByUid, readFacets, readPage, type EntityRow, type PageQuery } from './read';
import { deleteEntitiesSql, orphanEntitiesSql, writeLocation, writeLocationFailure, type LocationWrite } from './write';
import type { DocumentError } from '../ingest/types';
import { andFilters, type EntityFilter } from '../query/filter';
import { filterSql } from './sql';

/** A location registered through the API, as Backstage returns it. */
export interface LocationRecord {
  id: string;
  type: string;
  target: string;
}

/** A location key's state: where it came from and how its last processing went. */
export interface LocationKeyRecord {
  key: string;
  originKey: string;
  parentKey: string | null;
  parentRef: string | null;
  status: 'pending' | 'ok' | 'error';
  errors: DocumentError[];
  processedAt: string | null;
}

interface KeyRow {
  key: string;
  origin_key: string;
  parent_key: string | null;
  parent_ref: string | null;
  status: LocationKeyRecord['status'];
  errors: string | null;
  processed_at: string | null;
}

const toKey = (r: KeyRow): LocationKeyRecord => ({
  key: r.key,
  originKey: r.origin_key,
  parentKey: r.parent_key,
  parentRef: r.parent_ref,
  status: r.status,
  errors: r.errors ? (JSON.parse(r.errors) as DocumentError[]) : [],
  processedAt: r.processed_at,
});

/** Whether something exists for the reader at all, and if so whether it matches a condition. */
export type MatchState = 'absent' | 'match' | 'no-match';

/**
 * Every catalog read and write, over either database driver. `readScope` limits every entity
 * read to what the reader may see (the permission policy's filter), so lists, pages, facets,
 * lookups and search are cut in SQL rather than after the fact.
 */
export class CatalogStore {
  constructor(
    readonly db: Database,
    readonly readScope?: EntityFilter,
  ) {}

  /** This store with every entity read limited to `scope` as well. */
  withReadScope(scope: EntityFilter | undefined): CatalogStore {
    return scope ? new CatalogStore(this.db, andFilters(this.readScope, scope)) : this;
  }

  /** One page of a query. */
  readPage(q: PageQuery) {
    return readPage(this.db, this.readScope ? { ...q, filter: andFilters(this.readScope, q.filter) } : q);
  }

  /** Entities by ref, aligned with the input. */
  readByRefs(refs: string[], filter?: PageQuery['filter']): Promise<(EntityRow | undefined)[]> {
    return readByRefs(this.db, refs, andFilters(this.readScope, filter));
  }

  /** One entity by uid. */
  readByUid(uid: string) {
    return readByUid(this.db, uid, this.readScope);
  }

  /** Facet counts. */
  readFacets(facets: string[], filter?: PageQuery['filter']) {
    return readFacets(this.db, facets, andFilters(this.readScope, filter));
  }

  /** Whether the entity (by uid or ref) is there for this reader, and whether it matches `filter`. */
  async entityMatch(where: { uid: string } | { ref: string }, filter: EntityFilter): Promise<MatchState> {
    const by = 'uid' in where ? sql`e.uid = ${where.uid}` : sql`e.ref = ${where.ref.toLowerCase()}`;
    const [row] = await this.db.all<{ ok: number }>(sql`SELECT ${filterSql(filter)} AS ok FROM entities e WHERE ${by} AND ${filterSql(this.readScope)}`);
    return !row ? 'absent' : row.ok ? 'match' : 'no-match';
  }

  /**
   * Whether everything a location produced (its Location entities aside, which have no owner)
   * matches `filter`; a location that produced nothing matches nothing.
   */
  async originMatch(originKey: string, filter: EntityFilter): Promise<Exclude<MatchState, 'absent'>> {
    const [row] = await this.db.all<{ total: number; matching: number }>(sql`
      SELECT count(*) AS total, coalesce(sum(${filterSql(filter)}), 0) AS matching FROM entities e
      WHERE e.kind != 'location' AND e.location_key IN (SELECT key FROM location_keys WHERE origin_key = ${originKey})`);
    return row && row.total > 0 && row.matching === row.total ? 'match' : 'no-match';
  }

  /** Replaces one location key's entities atomically. */
  writeLocation(w: LocationWrite) {
    return writeLocation(this.db, w);
  }

  /** Records a location key that could not be read. */
  writeLocationFailure(key: Parameters<typeof writeLocationFailure>[1], error: DocumentError) {
    return writeLocationFailure(this.db, key, error);
  }

  /** All registered locations. */
  listLocations(): Promise<LocationRecord[]> {
    return this.db.all<LocationRecord>(sql`SELECT id, type, target FROM locations ORDER BY created_at, id`);
  }

  /** A registered location by id. */
  async getLocation(id: string): Promise<LocationRecord | undefined> {
    const [row] = await this.db.all<LocationRecord>(sql`SELECT id, type, target FROM locations WHERE id = ${id}`);
    return row;
  }

  /** A registered location by type and target. */
  async findLocation(type: string, target: string): Promise<LocationRecord | undefined> {
    const [row] = await this.db.all<LocationRecord>(
      sql`SELECT id, type, target FROM locations WHERE type = ${type} AND target = ${target}`,
    );
    return row;
  }

  /** Registers a location; the caller processes it. */
  async addLocation(location: LocationRecord): Promise<void> {
    await this.db.writeBatch([
      sql`INSERT INTO locations (id, type, target, created_at) VALUES (${location.id}, ${location.type}, ${location.target}, ${new Date().toISOString()})`,
    ]);
  }

  /** The state of one location key. */
  async getLocationKey(key: string): Promise<LocationKeyRecord | undefined> {
    const [row] = await this.db.all<KeyRow>(sql`SELECT * FROM location_keys WHERE key = ${key}`);
    return row && toKey(row);
  }

  /** Every location key descending from an origin, with its processing state. */
  async keysOfOrigin(originKey: string): Promise<LocationKeyRecord[]> {
    const rows = await this.db.all<KeyRow>(sql`SELECT * FROM location_keys WHERE origin_key = ${originKey} ORDER BY key`);
    return rows.map(toKey);
  }

  /** Makes sure child keys exist (pending) so their progress is visible before they are processed. */
  async addChildKeys(children: { key: string; originKey: string; parentKey: string; parentRef?: string }[]): Promise<void> {
    if (children.length === 0) return;
    await this.db.writeBatch([
      sql`INSERT INTO location_keys (key, origin_key, parent_key, parent_ref, status)
          SELECT json_extract(value, '$.key'), json_extract(value, '$.originKey'), json_extract(value, '$.parentKey'), json_extract(value, '$.parentRef'), 'pending'
          FROM json_each(${JSON.stringify(children)}) WHERE true
          ON CONFLICT (key) DO UPDATE SET parent_key = excluded.parent_key, parent_ref = excluded.parent_ref`,
    ]);
  }

  /**
   * Retires location keys and everything below them: their entities are orphaned or deleted
   * and the keys forgotten. Used when a Location entity stops pointing at a target.
   */
  async retireKeys(keys: string[], strategy: 'keep' | 'delete'): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.db.all<{ key: string }>(sql`
      WITH RECURSIVE d(key) AS (
        SELECT value FROM json_each(${JSON.stringify(keys)})
        UNION SELECT lk.key FROM location_keys lk JOIN d ON lk.parent_key = d.key
      ) SELECT key FROM d`);
    const all = rows.map((r) => r.key);
    const refs = (
      await this.db.all<{ ref: string }>(
        sql`SELECT ref FROM entities WHERE location_key IN (SELECT value FROM json_each(${JSON.stringify(all)}))`,
      )
    ).map((r) => r.ref);
    const now = new Date().toISOString();
    await this.db.writeBatch([
      ...(strategy === 'delete' ? deleteEntitiesSql(refs) : orphanEntitiesSql(refs, now)),
      sql`DELETE FROM location_keys WHERE key IN (SELECT value FROM json_each(${JSON.stringify(all)}))`,
    ]);
    return refs;
  }

  /** Unregisters a location: the location, every key under it and all their entities go. */
  async removeLocation(location: LocationRecord, rootKey: string, bootstrapKey: string): Promise<void> {
    const keys = (await this.keysOfOrigin(rootKey)).map((k) => k.key);
    const refs = (
      await this.db.all<{ ref: string }>(
        sql`SELECT ref FROM entities WHERE location_key IN (SELECT value FROM json_each(${JSON.stringify([...keys, bootstrapKey])}))`,
      )
    ).map((r) => r.ref);
    await this.db.writeBatch([
      ...deleteEntitiesSql(refs),
      sql`DELETE FROM location_keys WHERE origin_key = ${rootKey} OR key = ${bootstrapKey}`,
      sql`DELETE FROM locations WHERE id = ${location.id}`,
    ]);
  }

  /** Deletes one entity (it comes back if its location still emits it on the next refresh). */
  async deleteEntity(ref: string): Promise<void> {
    await this.db.writeBatch(deleteEntitiesSql([ref]));
  }

  /** The location key and its state for an entity. */
  async entityLocation(ref: string): Promise<{ locationKey: string | null } | undefined> {
    const [row] = await this.db.all<{ location_key: string | null }>(
      sql`SELECT e.location_key FROM entities e WHERE e.ref = ${ref.toLowerCase()} AND ${filterSql(this.readScope)}`,
    );
    return row && { locationKey: row.location_key };
  }
}
