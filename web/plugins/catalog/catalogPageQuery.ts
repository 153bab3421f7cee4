import { catalogApi } from '../../api/catalogApi';
import type { QueryEntitiesResponse } from '../../api/types';
import { filterExpression, orderFields, type CatalogView } from './catalogView';

/** Rows per page of the catalog list. */
export const PAGE_SIZE = 25;

// Only what the table shows; `relations` give owner and system as full refs.
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'relations',
];

/** Fetches the page of the catalog list a view shows: a first page from its filters, or the page its cursor names. */
export function fetchCatalogPage(view: CatalogView): Promise<QueryEntitiesResponse> {
  return view.cursor
    ? catalogApi.queryEntities({ cursor: view.cursor, limit: PAGE_SIZE, fields: FIELDS })
    : catalogApi.queryEntities({ filter: [filterExpression(view)], limit: PAGE_SIZE, fields: FIELDS, fullTextFilterTerm: view.q, orderField: orderFields(view) });
}

// A page fetched while the app was still starting (checking the session, loading the page's
// code), handed to the page when it asks for that same view moments later.
const FRESH_MS = 10_000;
let early: { key: string; at: number; page: Promise<QueryEntitiesResponse> } | undefined;

/** Starts fetching a view's page ahead of the page itself. */
export function prefetchCatalogPage(view: CatalogView): void {
  const page = fetchCatalogPage(view);
  // Nobody may ever take it (the visitor is sent to sign in): that is not an error.
  page.catch(() => undefined);
  early = { key: JSON.stringify(view), at: Date.now(), page };
}

/** The page fetched early for this view, if there is a fresh one; each is handed out once. */
export function takePrefetchedPage(view: CatalogView): Promise<QueryEntitiesResponse> | undefined {
  const found = early && early.key === JSON.stringify(view) && Date.now() - early.at < FRESH_MS ? early.page : undefined;
  early = undefined;
  return found;
}
