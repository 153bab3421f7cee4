import { useLocation, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, Match, Show, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import type { FacetCount } from '../../api/types';
import { Badge } from '../../components/Badge';
import { CursorPagination } from '../../components/CursorPagination';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { SearchField } from '../../components/SearchField';
import { SelectField, type SelectOption } from '../../components/SelectField';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useDocumentTitle } from '../../lib/documentTitle';
import { KNOWN_KINDS, kindLabel, kindPlural, kindPluralInSentence } from '../../lib/kinds';
import { settledValue } from '../../lib/resource';
import { CatalogTable } from './CatalogTable';

const PAGE_SIZE = 25;
// Kobalte needs a non-empty key for the "no type filter" choice.
const ALL_TYPES = '*';

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

/** The view, all of it in the URL query so it can be shared. */
type CatalogQuery = { kind?: string; type?: string; q?: string; cursor?: string };

interface PageRequest {
  kind: string;
  type: string;
  q: string;
  cursor: string;
}

/** Merges facet values that differ only in case, which filters treat as one. */
function kindOptions(facets: FacetCount[] | undefined, current: string): SelectOption[] {
  const counts = new Map<string, number>();
  for (const { value, count } of facets ?? []) {
    counts.set(value.toLowerCase(), (counts.get(value.toLowerCase()) ?? 0) + count);
  }
  const kinds = facets ? [...counts.keys()] : [...KNOWN_KINDS];
  if (!kinds.includes(current)) kinds.push(current);
  return kinds
    .map((kind) => ({ value: kind, label: kindLabel(kind), count: facets ? counts.get(kind) ?? 0 : undefined }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The catalog list: kind and type filters, full-text search and a cursor-paged table. */
export default function CatalogPage() {
  const [params, setParams] = useSearchParams<CatalogQuery>();
  const location = useLocation();

  const kind = () => (params.kind || 'component').toLowerCase();
  const request = createMemo(
    (): PageRequest => ({ kind: kind(), type: params.type ?? '', q: params.q ?? '', cursor: params.cursor ?? '' }),
    undefined,
    { equals: (a, b) => a.kind === b.kind && a.type === b.type && a.q === b.q && a.cursor === b.cursor },
  );

  const [kindFacets] = createResource(() => catalogApi.facets(['kind']).then((r) => r.facets.kind ?? []));
  const [typeFacets] = createResource(kind, (k) =>
    catalogApi.facets(['spec.type'], [`kind=${k}`]).then((r) => r.facets['spec.type'] ?? []),
  );
  const [page, { refetch }] = createResource(request, async (r) => {
    const response = r.cursor
      ? await catalogApi.queryEntities({ cursor: r.cursor, limit: PAGE_SIZE, fields: FIELDS })
      : await catalogApi.queryEntities({
          filter: [r.type ? `kind=${r.kind},spec.type=${r.type}` : `kind=${r.kind}`],
          limit: PAGE_SIZE,
          fields: FIELDS,
          fullTextFilterTerm: r.q,
          orderField: ['metadata.name,asc'],
        });
    // Keep the request with its answer: while the next page loads, the table still describes this one.
    return { request: r, response };
  });

  const typeOptions = (): SelectOption[] => [
    { value: ALL_TYPES, label: 'All types' },
    ...(settledValue(typeFacets) ?? [])
      .map(({ value, count }) => ({ value, label: value, count }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  ];

  const pageHref = (cursor: string | undefined) => {
    if (!cursor) return undefined;
    const query = new URLSearchParams(location.search);
    query.set('cursor', cursor);
    return `/catalog?${query}`;
  };

  const plural = () => kindPlural(kind());
  const noun = () => kindPluralInSentence(kind());
  const filtered = () => Boolean(params.type || params.q);
  const clearFilters = () => setParams({ type: undefined, q: undefined, cursor: undefined });

  useDocumentTitle(() => `${plural()} · Catalog`);

  return (
    <div class="page">
      <PageHeader title="Catalog" description="Find the software your organisation builds and runs, and who owns it." />
      <div class="filter-bar" role="group" aria-label="Filters">
        <SelectField
          label="Kind"
          options={kindOptions(settledValue(kindFacets), kind())}
          value={kind()}
          onChange={(value) => setParams({ kind: value, type: undefined, cursor: undefined })}
        />
        <SelectField
          label="Type"
          options={typeOptions()}
          value={params.type || ALL_TYPES}
          disabled={typeOptions().length < 2 && !params.type}
          onChange={(value) => setParams({ type: value === ALL_TYPES ? undefined : value, cursor: undefined })}
        />
        <Show when={filtered()}>
          <button type="button" class="button button-ghost" onClick={clearFilters}>
            <Icon name="close" />
            Clear filters
          </button>
        </Show>
      </div>

      <section class="card table-card" aria-labelledby="catalog-table-title" aria-busy={page.loading}>
        <div class="card-header">
          <h2 id="catalog-table-title">
            {plural()}
            <Show when={settledValue(page)?.request.kind === kind()}>
              {' '}
              <Badge tone="muted">{settledValue(page)?.response.totalItems}</Badge>
            </Show>
          </h2>
          <SearchField
            label={`Search ${noun()}`}
            placeholder={`Search ${noun()}`}
            value={params.q ?? ''}
            onSearch={(q) => setParams({ q: q || undefined, cursor: undefined }, { replace: true })}
          />
        </div>
        <div class="progress" classList={{ 'progress-active': page.loading }} aria-hidden="true" />
        <Switch fallback={<TableSkeleton rows={8} label={`Loading ${noun()}`} />}>
          <Match when={page.error && !page.loading}>
            <ErrorPanel title={`Could not load ${noun()}`} error={page.error} onRetry={refetch} />
          </Match>
          <Match when={settledValue(page)}>
            {(current) => (
              <Show
                when={current().response.items.length}
                fallback={
                  <EmptyState
                    title={
                      filtered()
                        ? `No ${noun()} match these filters`
                        : `No ${noun()} in the catalog yet`
                    }
                  >
                    <Show
                      when={filtered()}
                      fallback={<p>Entities appear here once a repository's catalog-info.yaml is registered.</p>}
                    >
                      <button type="button" class="button" onClick={clearFilters}>
                        Clear filters
                      </button>
                    </Show>
                  </EmptyState>
                }
              >
                <CatalogTable
                  items={current().response.items}
                  kind={current().request.kind}
                  caption={`${plural()}, sorted by name`}
                  stale={page.loading}
                />
                <CursorPagination
                  summary={`Showing ${current().response.items.length} of ${current().response.totalItems}`}
                  prevHref={pageHref(current().response.pageInfo.prevCursor)}
                  nextHref={pageHref(current().response.pageInfo.nextCursor)}
                />
              </Show>
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
