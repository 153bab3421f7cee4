import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { hexDigest, toHex } from '../../lib/digest';
import { ANNOTATION, PROCESSING_STATUS_TYPE, type EntityStatusItem } from '../model/entity';
import type { ChildLocation, DocumentError, LocationOutput, ProcessedEntity } from '../ingest/types';
import { FACET_KEYS, flattenForSearch, fullTextRow } from './flatten';
import { relationsFromSide } from '../model/relations';

/** One location key's processing outcome, to be written atomically. */
export interface LocationWrite {
  locationKey: string;
  originKey: string;
  parentKey?: string;
  parentRef?: string;
  output: LocationOutput;
  contentHash?: string;
  orphanStrategy: 'keep' | 'delete';
}

/** What a write changed, for callers and logs. */
export interface WriteSummary {
  written: string[];
  unchanged: string[];
  orphaned: string[];
  deleted: string[];
  errors: DocumentError[];
  children: ChildLocation[];
  /** The keys whose parent was this location key before the write (read in the same round trip as its entities). */
  previousChildKeys: string[];
}

interface ExistingRow {
  id: number;
  uid: string;
  ref: string;
  hash: string;
  location_key: string | null;
  orphan: number;
  errors: string | null;
}

/**
 * D1 caps a string value at 2 MB; counted in UTF-16 units, 500k stays below that even when
 * every character takes three bytes, so large JSON parameters are split at this size.
 */
const CHUNK_CHARS = 500_000;

/** Items as JSON arrays of at most CHUNK_CHARS characters each, for `json_each` parameters. */
export function chunkJson<T>(items: T[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const item of items) {
    const text = JSON.stringify(item);
    if (size + text.length > CHUNK_CHARS && current.length) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 0;
    }
    current.push(text);
    size += text.length + 1;
  }
  if (current.length) chunks.push(`[${current.join(',')}]`);
  return chunks;
}

/**
 * A version 7 UUID (RFC 9562): time first, so new uids land at the end of the uid index
 * instead of on a random page of it, which at 100,000 entities costs a page write per entity.
 */
function uuidV7(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function statusItems(errors: DocumentError[]): EntityStatusItem[] {
  return errors.map((e) => ({
    type: PROCESSING_STATUS_TYPE,
    level: 'error',
    message: `${e.rule}: ${e.message}`,
    error: { name: e.rule === 'conflict' ? 'ConflictError' : 'InputError', message: e.message },
  }));
}

const refsParam = (refs: string[]) => JSON.stringify(refs);

const FACET_KEYS_PARAM = JSON.stringify(FACET_KEYS);

/** SQL deleting everything derived from the given entities' rows: search, facet and full-text rows, and the relations they emitted. */
function clearDerived(refs: string[]): SQL[] {
  if (refs.length === 0) return [];
  const ids = sql`SELECT id FROM entities WHERE ref IN (SELECT value FROM json_each(${refsParam(refs)}))`;
  // facet_values is ordered by value, so its rows are found through the search rows they copy.
  return [
    sql`DELETE FROM facet_values WHERE (key, value, entity_id) IN (SELECT key, value, entity_id FROM search WHERE entity_id IN (${ids}) AND key IN (SELECT value FROM json_each(${FACET_KEYS_PARAM})))`,
    sql`DELETE FROM search WHERE entity_id IN (${ids})`,
    sql`DELETE FROM entities_fts WHERE rowid IN (${ids})`,
    sql`DELETE FROM entity_names_fts WHERE rowid IN (${ids})`,
    sql`DELETE FROM relation_targets WHERE rowid IN (${ids})`,
    sql`DELETE FROM relations WHERE origin_id IN (${ids})`,
  ];
}

// Rows travel to the database as JSON parameters, serialised again by the D1 client and parsed
// twice more on the way in, so their size is much of an ingestion's cost. Rows are grouped by
// entity (its ref written once) and a value's original is left out where it equals the value.
// They are walked with the driver's `jsonItems`: on D1 jsonb_each, whose items are binary JSON
// that `->>` reads without parsing text again (json_each hands each item over as text).

/** Search rows of one entity: [key, value] when the original is the value itself, else [key, value, original]. */
function searchItem(p: ProcessedEntity): [string, (string | null)[][]] {
  return [p.ref, flattenForSearch(p.entity).map((r) => (r.original === r.value ? [r.key, r.value] : [r.key, r.value, r.original]))];
}

/** The ids of the given entities as written under `locationKey`, for statements that copy from their rows. */
function writtenIdsSql(entities: ProcessedEntity[], locationKey: string): SQL {
  return sql`SELECT e.id FROM json_each(${refsParam(entities.map((p) => p.ref))}) j CROSS JOIN entities e ON e.ref = j.value AND e.location_key = ${locationKey}`;
}

/** Statements that insert search, facet and full-text rows for entities already written under `locationKey`. */
function insertDerived(entities: ProcessedEntity[], locationKey: string, each: SQL): SQL[] {
  const out: SQL[] = [];
  for (const chunk of chunkJson(entities.map(searchItem))) {
    out.push(sql`INSERT OR IGNORE INTO search (key, value, entity_id, original_value)
      SELECT r.value ->> 0, r.value ->> 1, e.id, CASE json_array_length(r.value) WHEN 2 THEN r.value ->> 1 ELSE r.value ->> 2 END
      FROM ${each}(${chunk}) j CROSS JOIN entities e ON e.ref = j.value ->> 0 AND e.location_key = ${locationKey}
      CROSS JOIN ${each}(j.value, '$[1]') r`);
  }
  const ftsRows = entities.map((p) => {
    const f = fullTextRow(p.entity);
    return [p.ref, f.name, f.title, f.description, f.tags, f.kind, f.type, f.owner];
  });
  for (const chunk of chunkJson(ftsRows)) {
    // From the parameter, not read back from entities_fts: FTS5 reads its content row by row.
    out.push(sql`INSERT INTO entity_names_fts (rowid, name, title)
      SELECT e.id, j.value ->> 1, j.value ->> 2
      FROM ${each}(${chunk}) j CROSS JOIN entities e ON e.ref = j.value ->> 0 AND e.location_key = ${locationKey}`);
    out.push(sql`INSERT INTO entities_fts (rowid, name, title, description, tags, kind, type, owner)
      SELECT e.id, json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'),
             json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]'), json_extract(j.value, '$[6]'), json_extract(j.value, '$[7]')
      FROM ${each}(${chunk}) j CROSS JOIN entities e ON e.ref = json_extract(j.value, '$[0]') AND e.location_key = ${locationKey}`);
  }
  // Copied from the rows just written rather than sent again.
  out.push(sql`INSERT OR IGNORE INTO facet_values (key, value, entity_id, original_value)
    SELECT key, value, entity_id, original_value FROM search
    WHERE key IN (SELECT value FROM json_each(${FACET_KEYS_PARAM})) AND entity_id IN (${writtenIdsSql(entities, locationKey)})`);
  return out;
}

/**
 * Statements that insert the relations the given entities emit, each pair once from the entity's
 * side (`[type, target]` grouped by ref), and index the refs they point at for the other side.
 */
function insertRelationsSql(entities: ProcessedEntity[], locationKey: string, each: SQL): SQL[] {
  const items = entities.map((p) => [p.ref, relationsFromSide(p.ref, p.relations)]);
  const inserts = chunkJson(items).map(
    (chunk) => sql`INSERT OR IGNORE INTO relations (origin_id, source, type, target)
      SELECT e.id, e.ref, r.value ->> 0, r.value ->> 1
      FROM ${each}(${chunk}) j CROSS JOIN entities e ON e.ref = j.value ->> 0 AND e.location_key = ${locationKey}
      CROSS JOIN ${each}(j.value, '$[1]') r`,
  );
  // Read back from the rows just written rather than sent again.
  const index = sql`INSERT INTO relation_targets (rowid, targets)
    SELECT origin_id, group_concat(hex(target), ' ') FROM relations WHERE origin_id IN (${writtenIdsSql(entities, locationKey)}) GROUP BY origin_id`;
  return [...inserts, index];
}

/** Statements that insert or replace entity rows; the body goes as a JSON object, not a string, so it is not escaped again. */
function upsertEntitiesSql(toWrite: { p: ProcessedEntity; uid: string; hash: string }[], locationKey: string, now: string, each: SQL): SQL[] {
  const rows = toWrite.map(({ p, uid, hash }) => {
    const etag = hash.slice(0, 32);
    const entity = { ...p.entity, metadata: { ...p.entity.metadata, uid, etag } };
    const c = p.ref.indexOf(':');
    const s = p.ref.indexOf('/', c);
    return [uid, p.ref, p.ref.slice(0, c), p.ref.slice(c + 1, s), p.ref.slice(s + 1), hash, etag, entity];
  });
  return chunkJson(rows).map(
    (chunk) => sql`INSERT INTO entities (uid, ref, kind, namespace, name, location_key, hash, etag, body, orphan, errors, updated_at)
        SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, ${locationKey}, j.value ->> 5, j.value ->> 6,
               j.value -> 7, 0, NULL, ${now}
        FROM ${each}(${chunk}) j WHERE true
        ON CONFLICT (ref) DO UPDATE SET uid = excluded.uid, location_key = excluded.location_key, hash = excluded.hash,
          etag = excluded.etag, body = excluded.body, orphan = 0, errors = NULL, updated_at = excluded.updated_at
        WHERE entities.location_key = excluded.location_key OR entities.orphan = 1`,
  );
}

/** Statements that remove entities entirely (rows, derived rows, relations they emitted). */
export function deleteEntitiesSql(refs: string[]): SQL[] {
  if (refs.length === 0) return [];
  return [...clearDerived(refs), sql`DELETE FROM entities WHERE ref IN (SELECT value FROM json_each(${refsParam(refs)}))`];
}

/** Statements that mark entities as orphans: kept, flagged and annotated, still readable. */
export function orphanEntitiesSql(refs: string[], now: string): SQL[] {
  if (refs.length === 0) return [];
  const list = refsParam(refs);
  return [
    sql`UPDATE entities SET orphan = 1, updated_at = ${now},
          body = json_set(body, '$.metadata.annotations."backstage.io/orphan"', 'true')
        WHERE ref IN (SELECT value FROM json_each(${list})) AND orphan = 0`,
    sql`INSERT OR IGNORE INTO search (key, value, entity_id, original_value)
        SELECT ${`metadata.annotations.${ANNOTATION.orphan}`}, 'true', id, 'true' FROM entities WHERE ref IN (SELECT value FROM json_each(${list}))`,
  ];
}

/**
 * Replaces what one location key contributes, in one atomic batch: new and changed entities
 * are written, unchanged ones left alone, vanished ones orphaned or deleted, refs owned by
 * another location refused as conflicts, and documents that failed keep their last good version
 * with the error attached.
 */
export async function writeLocation(db: Database, w: LocationWrite): Promise<WriteSummary> {
  const now = new Date().toISOString();
  const incoming = w.output.entities;
  const [existingRows, childRows] = await db.readBatch([
    sql`SELECT id, uid, ref, hash, location_key, orphan, errors FROM entities
        WHERE location_key = ${w.locationKey} OR ref IN (SELECT value FROM json_each(${refsParam(incoming.map((p) => p.ref))}))`,
    sql`SELECT key FROM location_keys WHERE parent_key = ${w.locationKey}`,
  ]);
  const existing = existingRows as ExistingRow[];
  const byRef = new Map(existing.map((r) => [r.ref, r]));
  const errors = [...w.output.errors];
  const toWrite: { p: ProcessedEntity; uid: string; hash: string }[] = [];
  const unchanged: string[] = [];
  const kept = new Set<string>();
  // Started together: awaiting each digest in turn costs a round trip through the runtime per entity.
  const hashes = await Promise.all(incoming.map((p) => hexDigest('SHA-256', JSON.stringify([p.entity, p.relations]))));

  for (const [i, p] of incoming.entries()) {
    const prior = byRef.get(p.ref);
    if (prior && prior.location_key !== w.locationKey && !prior.orphan) {
      errors.push({
        ref: p.ref,
        rule: 'conflict',
        message: `Entity ${p.ref} is already registered by location ${prior.location_key}; the first location keeps it`,
      });
      continue;
    }
    kept.add(p.ref);
    const hash = hashes[i]!;
    if (prior && prior.location_key === w.locationKey && prior.hash === hash && !prior.orphan && !prior.errors) {
      unchanged.push(p.ref);
      continue;
    }
    toWrite.push({ p, uid: prior?.uid ?? uuidV7(), hash });
  }

  // A document that failed keeps its last good version, which must then not count as vanished.
  const failedRefs = new Map<string, DocumentError[]>();
  for (const e of errors) {
    if (e.ref && e.rule !== 'conflict' && byRef.get(e.ref)?.location_key === w.locationKey) {
      failedRefs.set(e.ref, [...(failedRefs.get(e.ref) ?? []), e]);
      kept.add(e.ref);
    }
  }
  const missing = existing
    .filter((r) => r.location_key === w.locationKey && !kept.has(r.ref) && !r.orphan)
    .map((r) => r.ref);
  // An error that names no entity (a file that no longer parses) may hide any of the missing
  // ones: they keep their last good version, carrying the error, instead of becoming orphans.
  const unattributed = errors.filter((e) => !e.ref);
  if (unattributed.length) {
    for (const ref of missing) failedRefs.set(ref, [...(failedRefs.get(ref) ?? []), ...unattributed]);
  }
  const vanished = unattributed.length ? [] : missing;

  const stmts: SQL[] = [];
  const writtenRefs = toWrite.map((t) => t.p.ref);
  if (writtenRefs.length) {
    // Only entities already stored have rows to clear; a first ingestion skips the lookups.
    stmts.push(...clearDerived(writtenRefs.filter((ref) => byRef.has(ref))));
    stmts.push(...upsertEntitiesSql(toWrite, w.locationKey, now, db.jsonItems));
    stmts.push(...insertDerived(toWrite.map((t) => t.p), w.locationKey, db.jsonItems));
    stmts.push(...insertRelationsSql(toWrite.map((t) => t.p), w.locationKey, db.jsonItems));
  }
  for (const [ref, errs] of failedRefs) {
    stmts.push(sql`UPDATE entities SET errors = ${JSON.stringify(statusItems(errs))} WHERE ref = ${ref}`);
  }
  if (w.orphanStrategy === 'delete') stmts.push(...deleteEntitiesSql(vanished));
  else stmts.push(...orphanEntitiesSql(vanished, now));

  stmts.push(sql`INSERT INTO location_keys (key, origin_key, parent_key, parent_ref, status, errors, content_hash, processed_at)
    VALUES (${w.locationKey}, ${w.originKey}, ${w.parentKey ?? null}, ${w.parentRef ?? null}, ${errors.length ? 'error' : 'ok'},
            ${errors.length ? JSON.stringify(errors) : null}, ${w.contentHash ?? null}, ${now})
    ON CONFLICT (key) DO UPDATE SET status = excluded.status, errors = excluded.errors,
      content_hash = excluded.content_hash, processed_at = excluded.processed_at`);

  await db.writeBatch(stmts);
  return {
    written: writtenRefs,
    unchanged,
    orphaned: w.orphanStrategy === 'keep' ? vanished : [],
    deleted: w.orphanStrategy === 'delete' ? vanished : [],
    errors,
    children: w.output.children,
    previousChildKeys: (childRows as { key: string }[]).map((r) => r.key),
  };
}

/** The parent's status items with this child's latest read failure replacing any earlier one. */
async function mergeChildError(db: Database, parentRef: string, childKey: string, error: DocumentError): Promise<string> {
  const [row] = await db.all<{ errors: string | null }>(sql`SELECT errors FROM entities WHERE ref = ${parentRef}`);
  const prefix = `${childKey}: `;
  const items = (row?.errors ? (JSON.parse(row.errors) as EntityStatusItem[]) : []).filter((i) => !i.message.includes(prefix));
  return JSON.stringify([...items, ...statusItems([{ ...error, message: `${prefix}${error.message}` }])]);
}

/**
 * Records that a location key could not be read at all; its entities stay as they were. The
 * error also shows on the Location entity that points here, as Backstage reports it there.
 */
export async function writeLocationFailure(
  db: Database,
  key: { locationKey: string; originKey: string; parentKey?: string; parentRef?: string },
  error: DocumentError,
): Promise<void> {
  const now = new Date().toISOString();
  const errors = JSON.stringify([error]);
  const parentErrors = key.parentRef ? await mergeChildError(db, key.parentRef, key.locationKey, error) : undefined;
  await db.writeBatch([
    sql`INSERT INTO location_keys (key, origin_key, parent_key, parent_ref, status, errors, processed_at)
        VALUES (${key.locationKey}, ${key.originKey}, ${key.parentKey ?? null}, ${key.parentRef ?? null}, 'error', ${errors}, ${now})
        ON CONFLICT (key) DO UPDATE SET status = 'error', errors = excluded.errors, processed_at = excluded.processed_at`,
    sql`UPDATE entities SET errors = ${JSON.stringify(statusItems([error]))} WHERE location_key = ${key.locationKey}`,
    ...(parentErrors ? [sql`UPDATE entities SET errors = ${parentErrors} WHERE ref = ${key.parentRef}`] : []),
  ]);
}
