import { base64ToBytes, bytesToBase64 } from '../../lib/base64';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { ConflictError, InputError, NotFoundError } from '../../lib/errors';
import { isLocalRequest } from '../../config';
import { parsePredicate, type EntityFilter } from '../query/filter';
import { ReaderError } from '../ingest/reader';
import { catalogReader } from '../ingest/catalog-reader';
import { processLocation } from '../ingest/process';
import { locationKey, type IngestDeps } from '../ingest/runner';
import { generatedLocationEntity, INLINE_FILES, registerLocation, unregisterLocation } from '../ingest/register';
import type { Entity } from '../model/entity';
import { stringifyEntityRef } from '../model/ref';
import type { LocationRecord } from '../store/store';

/** Ingestion dependencies for a request; localhost locations only for requests made locally. */
export function requestIngestDeps(c: Context<AppEnv>): IngestDeps {
  const cfg = c.var.config.catalog;
  return {
    store: c.var.store,
    reader: catalogReader(c.var.config, { allowLocalUrls: cfg.allowLocalUrls && isLocalRequest(c.req.url) }),
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

/** A location as Backstage's API returns it: with the ref of the Location entity generated for it. */
type ApiLocation = LocationRecord & { entityRef: string };

async function apiLocation(location: LocationRecord): Promise<ApiLocation> {
  return { ...location, entityRef: (await generatedLocationEntity(location.type, location.target)).ref };
}

/** The locations the reader may see: those whose Location entity they may read. */
async function readableLocations(c: Context<AppEnv>, locations: LocationRecord[]): Promise<ApiLocation[]> {
  const all = await Promise.all(locations.map(apiLocation));
  if (!c.var.store.readScope) return all;
  const rows = await c.var.store.readByRefs(all.map((l) => l.entityRef));
  return all.filter((_, i) => rows[i] !== undefined);
}

/** One location by id, as absent when the reader may not see it. */
async function readableLocation(c: Context<AppEnv>, id: string): Promise<ApiLocation> {
  const location = await c.var.store.getLocation(id);
  const [visible] = location ? await readableLocations(c, [location]) : [];
  if (!visible) throw new NotFoundError(`Found no location with ID ${id}`);
  return visible;
}

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

/** Whether a location matches a predicate over its fields (`id`, `type`, `target`, `entityRef`), case-insensitively. */
function locationMatches(filter: EntityFilter, location: ApiLocation): boolean {
  if ('all' in filter) return filter.all.every((f) => locationMatches(f, location));
  if ('any' in filter) return filter.any.some((f) => locationMatches(f, location));
  if ('not' in filter) return !locationMatches(filter.not, location);
  const fields: Record<string, string> = { ...location };
  const field = Object.keys(fields).find((k) => k.toLowerCase() === filter.key);
  const value = field === undefined ? undefined : fields[field]?.toLowerCase();
  if (value === undefined) return false;
  if ('prefix' in filter) return value.startsWith(filter.prefix);
  return !filter.values || filter.values.includes(value);
}

/** What a by-query cursor carries: the query and page size of the first request, and where to go on. */
interface LocationCursor {
  query?: unknown;
  limit: number;
  offset: number;
}

// Base64 of UTF-8 JSON: a query may hold any characters, which btoa alone refuses.
function encodeLocationCursor(cursor: LocationCursor): string {
  return bytesToBase64(new TextEncoder().encode(JSON.stringify(cursor)));
}

function parseLocationCursor(cursor: string): LocationCursor {
  try {
    const c = JSON.parse(new TextDecoder().decode(base64ToBytes(cursor))) as LocationCursor;
    if (Number.isInteger(c.limit) && Number.isInteger(c.offset) && c.offset >= 0) return c;
  } catch {
    // Reported below.
  }
  throw new InputError('Invalid cursor');
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
      const location = await apiLocation(existing ?? { id: crypto.randomUUID(), ...input });
      const generated = await generatedLocationEntity(input.type, input.target);
      return c.json({ location, entities: [generated.entity, ...entities], exists: !!existing }, 201);
    }
    if (existing && c.req.query('onConflict') !== 'refresh') {
      throw new ConflictError(`Location ${key} already exists`);
    }
    const { location, refs } = await registerLocation(deps, input, existing).catch(readerHttpError);
    const rows = await c.var.store.readByRefs(refs);
    return c.json(
      { location: await apiLocation(location), entities: rows.filter((r) => r !== undefined).map((r) => JSON.parse(r.json) as Entity), ...(existing ? { exists: true } : {}) },
      201,
    );
  })
  .get('/locations', async (c) => {
    const all = await readableLocations(c, await c.var.store.listLocations());
    return c.json(all.map((data) => ({ data })));
  })
  .post('/locations/by-query', async (c) => {
    const body = ((await c.req.json().catch(() => ({}))) ?? {}) as { limit?: unknown; cursor?: unknown; query?: unknown };
    // Later pages repeat the first request's query and page size, as Backstage's cursors do.
    const page: LocationCursor =
      typeof body.cursor === 'string'
        ? parseLocationCursor(body.cursor)
        : {
            ...(body.query !== undefined ? { query: body.query } : {}),
            limit: typeof body.limit === 'number' && body.limit > 0 ? Math.min(Math.floor(body.limit), 1000) : 100,
            offset: 0,
          };
    const filter = page.query !== undefined ? parsePredicate(page.query) : undefined;
    const all = await readableLocations(c, await c.var.store.listLocations());
    const matching = filter ? all.filter((l) => locationMatches(filter, l)) : all;
    const items = matching.slice(page.offset, page.offset + page.limit);
    const nextOffset = page.offset + page.limit;
    const nextCursor = nextOffset < matching.length ? encodeLocationCursor({ ...page, offset: nextOffset }) : undefined;
    return c.json({ items, totalItems: matching.length, pageInfo: nextCursor ? { nextCursor } : {} });
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
    return c.json(await apiLocation(location));
  })
  .get('/locations/:id', async (c) => c.json(await readableLocation(c, c.req.param('id'))))
  .get('/locations/:id/status', async (c) => {
    const location = await readableLocation(c, c.req.param('id'));
    const keys = await c.var.store.keysOfOrigin(locationKey(location.type, location.target));
    return c.json({ location, keys });
  })
  .delete('/locations/:id', async (c) => {
    const location = await c.var.store.getLocation(c.req.param('id'));
    if (!location) throw new NotFoundError(`Found no location with ID ${c.req.param('id')}`);
    await unregisterLocation(c.var.store, location);
    return c.body(null, 204);
  });
