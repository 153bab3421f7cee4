import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { InputError, NotFoundError } from '../../lib/errors';
import { parseFields } from '../query/fields';
import { andFilters, parseFilterParams, parsePredicate } from '../query/filter';
import { parseOrderBody, parseOrderFieldParams, parseOrderParams } from '../query/order';
import { encodeCursor, decodeCursor } from '../query/cursor';
import { itemsJson, parseLimit, parseOffset, queryPage } from './page';
import { parseEntityRef, stringifyEntityRef } from '../model/ref';

const json = { 'content-type': 'application/json; charset=utf-8' };

function refFromPath(kind: string, namespace: string, name: string): string {
  return stringifyEntityRef({ kind, namespace, name });
}

async function readJson(req: Request): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await req.json();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error();
    return body as Record<string, unknown>;
  } catch {
    throw new InputError('Request body must be a JSON object');
  }
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new InputError(`${what} must be an array of strings`);
  return value;
}

/** Entity routes of Backstage's catalog API: list, query, by ref/uid/name, ancestry, facets. */
export const entityRoutes = new Hono<AppEnv>()
  .get('/entities', async (c) => {
    const filter = parseFilterParams(c.req.queries('filter') ?? []);
    const fields = parseFields(c.req.queries('fields') ?? []);
    const order = parseOrderParams(c.req.queries('order') ?? []);
    const limitParam = c.req.query('limit');
    const limit = parseLimit(limitParam, 100_000);
    const after = c.req.query('after');
    const boundary = after ? (await decodeCursor(after, c.var.config.cursorSecret)).boundary : undefined;
    const offset = parseOffset(c.req.query('offset'));
    const { rows } = await c.var.store.readPage({
      ...(filter ? { filter } : {}),
      order,
      limit: limitParam ? limit + 1 : limit,
      ...(offset ? { offset } : {}),
      ...(boundary ? { boundary } : {}),
    });
    const page = limitParam ? rows.slice(0, limit) : rows;
    const headers: Record<string, string> = { ...json };
    const last = page[page.length - 1];
    if (limitParam && rows.length > limit && last) {
      const next = await encodeCursor({ order, direction: 'next', boundary: last.sort }, c.var.config.cursorSecret);
      const url = new URL(c.req.url);
      url.searchParams.set('after', next);
      url.searchParams.delete('offset');
      headers.link = `<${url.pathname}${url.search}>; rel="next"`;
    }
    return c.body(itemsJson(page, fields), 200, headers);
  })
  .get('/entities/by-query', async (c) => {
    const fields = parseFields(c.req.queries('fields') ?? []);
    const limit = parseLimit(c.req.query('limit'));
    const cursor = c.req.query('cursor');
    if (cursor) return queryPage(c, { cursor }, limit, fields);
    const term = c.req.query('fullTextFilterTerm')?.trim();
    const ftFields = parseFields(c.req.queries('fullTextFilterFields') ?? []);
    const filter = parseFilterParams(c.req.queries('filter') ?? []);
    return queryPage(
      c,
      {
        initial: {
          ...(filter ? { filter } : {}),
          order: parseOrderFieldParams(c.req.queries('orderField') ?? []),
          ...(term ? { fullText: { term, fields: ftFields } } : {}),
          ...(c.req.query('offset') ? { offset: parseOffset(c.req.query('offset')) } : {}),
          withTotal: c.req.query('totalItems') !== 'exclude',
          predicate: false,
        },
      },
      limit,
      fields,
    );
  })
  .post('/entities/by-query', async (c) => {
    const body = await readJson(c.req.raw);
    const fields = stringList(body.fields, 'fields');
    const limit = parseLimit(body.limit);
    if (typeof body.cursor === 'string') return queryPage(c, { cursor: body.cursor }, limit, fields);
    const ft = body.fullTextFilter as { term?: unknown; fields?: unknown } | undefined;
    const term = typeof ft?.term === 'string' ? ft.term.trim() : '';
    const filter = andFilters(
      body.query !== undefined ? parsePredicate(body.query) : undefined,
      body.filter !== undefined ? parsePredicate(body.filter) : undefined,
    );
    return queryPage(
      c,
      {
        initial: {
          ...(filter ? { filter } : {}),
          order: parseOrderBody(body.orderBy),
          ...(term ? { fullText: { term, fields: stringList(ft?.fields, 'fullTextFilter.fields') } } : {}),
          ...(body.offset !== undefined ? { offset: parseOffset(body.offset) } : {}),
          withTotal: body.totalItems !== 'exclude',
          predicate: true,
        },
      },
      limit,
      fields,
    );
  })
  .post('/entities/by-refs', async (c) => {
    const body = await readJson(c.req.raw);
    const refs = stringList(body.entityRefs, 'entityRefs');
    if (refs.length > 10_000) throw new InputError('At most 10000 entityRefs per request');
    const fields = stringList(body.fields, 'fields');
    const filter = andFilters(
      parseFilterParams(c.req.queries('filter') ?? []),
      body.query !== undefined ? parsePredicate(body.query) : undefined,
    );
    // Unparseable refs simply match nothing, as a missing entity would.
    const normalised = refs.map((r) => {
      try {
        return stringifyEntityRef(parseEntityRef(r));
      } catch {
        return '';
      }
    });
    const rows = await c.var.store.readByRefs(normalised, filter);
    return c.body(`{"items":${itemsJson(rows, fields)}}`, 200, json);
  })
  .get('/entities/by-uid/:uid', async (c) => {
    const row = await c.var.store.readByUid(c.req.param('uid'));
    if (!row) throw new NotFoundError(`No entity with uid ${c.req.param('uid')}`);
    return c.body(row.json, 200, json);
  })
  .delete('/entities/by-uid/:uid', async (c) => {
    const row = await c.var.store.readByUid(c.req.param('uid'));
    if (!row) throw new NotFoundError(`No entity with uid ${c.req.param('uid')}`);
    await c.var.store.deleteEntity(row.ref);
    return c.body(null, 204);
  })
  .get('/entities/by-name/:kind/:namespace/:name', async (c) => {
    const { kind, namespace, name } = c.req.param();
    const ref = refFromPath(kind, namespace, name);
    const [row] = await c.var.store.readByRefs([ref]);
    if (!row) throw new NotFoundError(`No entity named '${ref}' found`);
    return c.body(row.json, 200, json);
  })
  .get('/entities/by-name/:kind/:namespace/:name/ancestry', async (c) => {
    const { kind, namespace, name } = c.req.param();
    const ref = refFromPath(kind, namespace, name);
    const items: { entity: unknown; parentEntityRefs: string[] }[] = [];
    const seen = new Set<string>();
    let current: string | undefined = ref;
    while (current && !seen.has(current)) {
      seen.add(current);
      const [row] = await c.var.store.readByRefs([current]);
      if (!row) {
        if (current === ref) throw new NotFoundError(`No entity named '${ref}' found`);
        break;
      }
      const where = await c.var.store.entityLocation(current);
      const key = where?.locationKey ? await c.var.store.getLocationKey(where.locationKey) : undefined;
      const parent = key?.parentRef ?? undefined;
      items.push({ entity: JSON.parse(row.json), parentEntityRefs: parent ? [parent] : [] });
      current = parent;
    }
    return c.json({ rootEntityRef: ref, items });
  })
  .get('/entity-facets', async (c) => {
    const facets = c.req.queries('facet') ?? [];
    if (facets.length === 0) throw new InputError('At least one facet is required');
    if (facets.length > 20) throw new InputError('At most 20 facets per request');
    const filter = parseFilterParams(c.req.queries('filter') ?? []);
    return c.json({ facets: await c.var.store.readFacets(facets, filter) });
  })
  .post('/entity-facets', async (c) => {
    const body = await readJson(c.req.raw);
    const facets = stringList(body.facets, 'facets');
    if (facets.length === 0) throw new InputError('At least one facet is required');
    if (facets.length > 20) throw new InputError('At most 20 facets per request');
    const filter = body.query !== undefined ? parsePredicate(body.query) : undefined;
    return c.json({ facets: await c.var.store.readFacets(facets, filter) });
  });
