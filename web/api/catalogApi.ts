import { getJson, postJson, sendJson } from './http';
import type { AnalyzeLocationResponse, Entity, FacetsResponse, QueryEntitiesResponse } from './types';

/** Parameters of a first page of `GET /entities/by-query`. */
export interface QueryEntitiesRequest {
  /** Backstage filter expressions; each string is one `filter=` (OR'ed), commas inside AND. */
  filter?: string[];
  fields?: string[];
  limit?: number;
  fullTextFilterTerm?: string;
  /** `field,asc|desc` pairs, in priority order. */
  orderField?: string[];
}

/** A following page: the cursor carries the original query, so only these may be sent with it. */
export interface QueryEntitiesCursorRequest {
  cursor: string;
  fields?: string[];
  limit?: number;
}

const BASE = '/api/catalog';

function query(params: Record<string, string | number | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Typed client for the Backstage-compatible catalog API. */
export const catalogApi = {
  /** Fetches one entity by its compound ref; throws `ApiError` (404 `NotFoundError`) when missing. */
  getEntityByName(kind: string, namespace: string, name: string, signal?: AbortSignal): Promise<Entity> {
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return getJson<Entity>(`${BASE}/entities/by-name/${path}`, signal);
  },

  /** Fetches a page of entities, either a first page from filters or a following page from a cursor. */
  queryEntities(
    request: QueryEntitiesRequest | QueryEntitiesCursorRequest,
    signal?: AbortSignal,
  ): Promise<QueryEntitiesResponse> {
    const fields = request.fields?.length ? request.fields.join(',') : undefined;
    const params =
      'cursor' in request
        ? { cursor: request.cursor, limit: request.limit, fields }
        : {
            filter: request.filter,
            limit: request.limit,
            fields,
            fullTextFilterTerm: request.fullTextFilterTerm?.trim(),
            orderField: request.orderField,
          };
    return getJson<QueryEntitiesResponse>(`${BASE}/entities/by-query${query(params)}`, signal);
  },

  /** The registered location an entity came from; throws `ApiError` (404) for entities that have none. */
  locationOf(kind: string, namespace: string, name: string): Promise<{ id: string; target: string }> {
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return getJson(`${BASE}/locations/by-entity/${path}`);
  },

  /** Re-reads an entity from its location now. */
  refresh: (entityRef: string) => sendJson('POST', `${BASE}/refresh`, { entityRef }),

  /** Unregisters a location and removes everything it produced. */
  unregisterLocation: (id: string) => sendJson('DELETE', `${BASE}/locations/${encodeURIComponent(id)}`),

  /** Deletes one entity (it comes back if its location still has it). */
  deleteEntity: (uid: string) => sendJson('DELETE', `${BASE}/entities/by-uid/${encodeURIComponent(uid)}`),

  /** Fetches many entities in one request, in the order of `entityRefs`; `null` where the catalog has none. */
  getEntitiesByRefs(entityRefs: string[], fields?: string[], signal?: AbortSignal): Promise<(Entity | null)[]> {
    return postJson<{ items: (Entity | null)[] }>(`${BASE}/entities/by-refs`, { entityRefs, ...(fields ? { fields } : {}) }, signal).then(
      (r) => r.items,
    );
  },

  /** Reads a location without registering it: the entities it would add and what is wrong with it. */
  analyzeLocation: (target: string) =>
    sendJson<AnalyzeLocationResponse>('POST', `${BASE}/analyze-location`, { location: { type: 'url', target } }),

  /** Registers a url location; the catalog starts reading it at once. */
  addLocation: (target: string) =>
    sendJson<{ location: { id: string; target: string }; entities: Entity[] }>('POST', `${BASE}/locations`, { type: 'url', target }),

  /** The entities changed most recently (newest first) with when, optionally within a filter; not a Backstage route. */
  recentlyChanged(limit: number, filter?: string[], fields?: string[], signal?: AbortSignal): Promise<{ changedAt: string; entity: Entity }[]> {
    const params = { limit, filter, fields: fields?.length ? fields.join(',') : undefined };
    return getJson<{ items: { changedAt: string; entity: Entity }[] }>(`${BASE}/entities/recently-changed${query(params)}`, signal).then((r) => r.items);
  },

  /** Counts entities per value of each facet (e.g. `kind`, `spec.type`), optionally within a filter. */
  facets(facets: string[], filter?: string[], signal?: AbortSignal): Promise<FacetsResponse> {
    return getJson<FacetsResponse>(`${BASE}/entity-facets${query({ facet: facets, filter })}`, signal);
  },
};
