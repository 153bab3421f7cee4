import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { ConflictError, InputError, NotFoundError } from '../../lib/errors';
import { isLocalRequest } from '../../config';
import { createUrlReader, ReaderError } from '../ingest/reader';
import { processLocation } from '../ingest/process';
import { ingestTree, locationKey, type IngestDeps } from '../ingest/runner';
import type { ProcessedEntity } from '../ingest/types';
import type { Entity } from '../model/entity';
import { stringifyEntityRef } from '../model/ref';
import type { LocationRecord } from '../store/store';

/** Files processed inside the registering request; larger catalogs continue on the queue. */
const INLINE_FILES = 25;

/** Ingestion dependencies for a request; localhost locations only for requests made locally. */
export function requestIngestDeps(c: Context<AppEnv>): IngestDeps {
  const cfg = c.var.config.catalog;
  return {
    store: c.var.store,
    reader: createUrlReader({ allowedHosts: cfg.allowedHosts, allowLocalUrls: cfg.allowLocalUrls && isLocalRequest(c.req.url) }),
    rules: cfg.rules,
    orphanStrategy: cfg.orphanStrategy,
    queue: c.env.INGEST,
  };
}

/** Maps a failure to read a location's file to the API error a client should see. */
export function readerHttpError(err: unknown): never {
  if (err instanceof ReaderError) {
    if (err.code === 'not-found') throw new NotFoundError(err.message);
    throw new InputError(err.message);
  }
  throw err;
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The Location entity Backstage generates for a registered location. */
async function generatedLocationEntity(type: string, target: string): Promise<ProcessedEntity> {
  const key = locationKey(type, target);
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: `generated-${await sha1Hex(key)}`,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': key,
        'backstage.io/managed-by-origin-location': key,
      },
    },
    spec: { type, target },
  };
  return { entity, ref: stringifyEntityRef(entity), relations: [] };
}

const bootstrapKey = (id: string) => `bootstrap:${id}`;

function parseLocationInput(body: unknown): { type: string; target: string } {
  const b = body as { type?: unknown; target?: unknown } | null;
  if (typeof b?.target !== 'string' || !b.target.trim()) throw new InputError('Location needs a string target');
  const type = b.type === undefined ? 'url' : b.type;
  if (type !== 'url') throw new InputError(`Unsupported location type "${String(type)}"; only "url" is supported`);
  let url: URL;
  try {
    url = new URL(b.target.trim());
  } catch {
    throw new InputError(`Location target "${b.target}" is not an absolute URL`);
  }
  return { type, target: url.href };
}

/** Processes a location and its Location targets without writing anything (dry run). */
async function previewLocation(deps: IngestDeps, key: string): Promise<Entity[]> {
  const entities: Entity[] = [];
  const queue = [key];
  const seen = new Set<string>();
  while (queue.length && seen.size < INLINE_FILES) {
    const k = queue.shift()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const out = await processLocation({ locationKey: k, originKey: key, reader: deps.reader, rules: deps.rules });
    entities.push(...out.entities.map((p) => p.entity));
    queue.push(...out.children.map((ch) => locationKey(ch.type, ch.target)));
  }
  return entities;
}

/** Location routes of Backstage's catalog API. */
export const locationRoutes = new Hono<AppEnv>()
  .post('/locations', async (c) => {
    const input = parseLocationInput(await c.req.json().catch(() => null));
    const deps = requestIngestDeps(c);
    const key = locationKey(input.type, input.target);
    const existing = await c.var.store.findLocation(input.type, input.target);
    if (c.req.query('dryRun') === 'true') {
      const entities = await previewLocation(deps, key).catch(readerHttpError);
      const location = existing ?? { id: crypto.randomUUID(), ...input };
      const generated = await generatedLocationEntity(input.type, input.target);
      return c.json({ location, entities: [generated.entity, ...entities], exists: !!existing }, 201);
    }
    if (existing && c.req.query('onConflict') !== 'refresh') {
      throw new ConflictError(`Location ${key} already exists`);
    }
    // Read the file before registering, so a wrong URL is refused instead of stored.
    await deps.reader.read(input.target).catch(readerHttpError);
    const location: LocationRecord = existing ?? { id: crypto.randomUUID(), ...input };
    if (!existing) await c.var.store.addLocation(location);
    const generated = await generatedLocationEntity(input.type, input.target);
    await c.var.store.writeLocation({
      locationKey: bootstrapKey(location.id),
      originKey: key,
      output: { entities: [generated], errors: [], children: [] },
      orphanStrategy: 'delete',
    });
    const { refs: written } = await ingestTree(
      deps,
      { type: 'process-location', locationKey: key, originKey: key, parentKey: bootstrapKey(location.id), parentRef: generated.ref, depth: 0 },
      INLINE_FILES,
    );
    const refs = [generated.ref, ...written];
    const rows = await c.var.store.readByRefs(refs);
    return c.json(
      { location, entities: rows.filter((r) => r !== undefined).map((r) => JSON.parse(r.json) as Entity), ...(existing ? { exists: true } : {}) },
      201,
    );
  })
  .get('/locations', async (c) => {
    const all = await c.var.store.listLocations();
    return c.json(all.map((data) => ({ data })));
  })
  .post('/locations/by-query', async (c) => {
    const body = ((await c.req.json().catch(() => ({}))) ?? {}) as { limit?: unknown; cursor?: unknown };
    const all = await c.var.store.listLocations();
    const limit = typeof body.limit === 'number' && body.limit > 0 ? Math.min(body.limit, 1000) : 100;
    const start = typeof body.cursor === 'string' ? Number.parseInt(body.cursor, 10) || 0 : 0;
    const items = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : undefined;
    return c.json({ items, totalItems: all.length, pageInfo: next ? { nextCursor: next } : {} });
  })
  .get('/locations/by-entity/:kind/:namespace/:name', async (c) => {
    const { kind, namespace, name } = c.req.param();
    const ref = stringifyEntityRef({ kind, namespace, name });
    const where = await c.var.store.entityLocation(ref);
    if (!where) throw new NotFoundError(`No entity named '${ref}' found`);
    const key = where.locationKey ? await c.var.store.getLocationKey(where.locationKey) : undefined;
    const origin = key?.originKey ?? where.locationKey ?? '';
    const colon = origin.indexOf(':');
    const location = colon > 0 ? await c.var.store.findLocation(origin.slice(0, colon), origin.slice(colon + 1)) : undefined;
    if (!location) throw new NotFoundError(`No location found for entity '${ref}'`);
    return c.json(location);
  })
  .get('/locations/:id', async (c) => {
    const location = await c.var.store.getLocation(c.req.param('id'));
    if (!location) throw new NotFoundError(`Found no location with ID ${c.req.param('id')}`);
    return c.json(location);
  })
  .get('/locations/:id/status', async (c) => {
    const location = await c.var.store.getLocation(c.req.param('id'));
    if (!location) throw new NotFoundError(`Found no location with ID ${c.req.param('id')}`);
    const keys = await c.var.store.keysOfOrigin(locationKey(location.type, location.target));
    return c.json({ location, keys });
  })
  .delete('/locations/:id', async (c) => {
    const location = await c.var.store.getLocation(c.req.param('id'));
    if (!location) throw new NotFoundError(`Found no location with ID ${c.req.param('id')}`);
    await c.var.store.removeLocation(location, locationKey(location.type, location.target), bootstrapKey(location.id));
    return c.body(null, 204);
  });
