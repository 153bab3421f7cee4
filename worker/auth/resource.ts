import type { Context } from 'hono';
import type { AppEnv } from '../env';
import type { EntityFilter } from '../catalog/query/filter';
import { locationKey } from '../catalog/ingest/runner';
import { parseEntityRef, stringifyEntityRef } from '../catalog/model/ref';
import type { CatalogStore, MatchState } from '../catalog/store/store';
import type { ResourceLocator } from './access';

const decode = (s: string | undefined) => {
  try {
    return s === undefined ? undefined : decodeURIComponent(s);
  } catch {
    return undefined;
  }
};

/** A ref given in a request, normalised; undefined when it does not parse. */
export function refOf(value: unknown, defaultKind?: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value, defaultKind ? { defaultKind } : {}));
  } catch {
    return undefined;
  }
}

/** Whether an entity (by ref) is there for the reader, and whether it matches `filter`. */
export function matchEntityRef(store: CatalogStore, ref: string | undefined, filter: EntityFilter): Promise<MatchState> {
  return ref ? store.entityMatch({ ref }, filter) : Promise.resolve('absent');
}

/** Whether a location exists, and whether everything it produced matches `filter`. */
export async function matchLocation(store: CatalogStore, id: string | undefined, filter: EntityFilter): Promise<MatchState> {
  const location = id ? await store.getLocation(id) : undefined;
  return location ? store.originMatch(locationKey(location.type, location.target), filter) : 'absent';
}

/**
 * Whether the subject of a request matches a conditional decision's filter. `absent` (no such
 * thing, or not readable) lets the route answer its own 404, so nothing's existence leaks.
 */
export async function matchResource(c: Context<AppEnv>, locator: ResourceLocator, params: Record<string, string>, filter: EntityFilter): Promise<MatchState> {
  const store = c.var.store;
  if ('location' in locator) return matchLocation(store, decode(params.id), filter);
  if (locator.entity === 'uid') return store.entityMatch({ uid: decode(params.uid) ?? '' }, filter);
  if (locator.entity === 'path') {
    const [kind, namespace, name] = [params.kind, params.namespace, params.name].map(decode);
    return matchEntityRef(store, kind && namespace && name ? stringifyEntityRef({ kind, namespace, name }) : undefined, filter);
  }
  // Hono keeps the parsed body, so the route reads it again for free.
  const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  return matchEntityRef(store, refOf(body?.[locator.field], locator.field === 'templateRef' ? 'template' : undefined), filter);
}
