import { env } from 'cloudflare:test';
import { vi } from 'vitest';
import { readConfig } from '../../worker/config';
import { openDatabase } from '../../worker/db/client';
import { CatalogStore } from '../../worker/catalog/store/store';

/** Empties every catalog table so each test starts from nothing. */
export async function clearCatalog(): Promise<void> {
  await env.DB.batch(
    ['locations', 'location_keys', 'entities', 'relations', 'search', 'facet_values', 'entities_fts', 'entity_names_fts'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
}

/** The store over the test D1 binding. */
export function d1Store(): CatalogStore {
  return new CatalogStore(openDatabase(env, readConfig(env)));
}

/**
 * Stands in for GitHub at the HTTP boundary: outbound fetches of the given URLs answer with the
 * given bodies, everything else 404. Returns the list of URLs fetched.
 */
export function serveFiles(files: Record<string, string | Uint8Array>): string[] {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    fetched.push(url);
    const body = files[url];
    return body === undefined ? new Response('Not Found', { status: 404 }) : new Response(body, { status: 200 });
  });
  return fetched;
}
