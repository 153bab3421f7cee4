import { useLocation, usePreloadRoute, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { ApiError } from '../../api/http';
import type { FacetCount } from '../../api/types';
import { Alert } from '../../components/Alert';
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
import { humanizeEntityRef, parseEntityRef } from '../../lib/entityRef';
import { KNOWN_KINDS, kindLabel, kindPlural, kindPluralInSentence } from '../../lib/kinds';
import { settledValue } from '../../lib/resource';
import { preloadEntityContent } from '../index';
import { CatalogTable } from './CatalogTable';
import { fetchCatalogPage, takePrefetchedPage } from './catalogPageQuery';
import {
  facetRequests,
  FACETS,
  isFiltered,
  listParam,
  nextSort,
  parseView,
  type CatalogParams,
  type CatalogView,
  type FacetId,
  type SortKey,
} from './catalogView';
import { FacetFilter } from './FacetFilter';
import './catalog.css';

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

/** An owner ref as people say it: `payments-team` for a group in the default namespace. */
const ownerLabel = (value: string) => {
  const ref = parseEntityRef(value, { kind: 'group' });
  return ref ? humanizeEntityRef(ref, { defaultKind: 'group' }) : value;
};

/** Everything the page fetches for one view, compared by value so unrelated URL changes refetch nothing. */
const sameView = (a: CatalogView, b: CatalogView) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The catalog list: kind, facet filters with counts, full-text search, sortable columns and
 * cursor paging, all of it in the URL so a view can be shared and survives a reload.
 */
export default function CatalogPage() {
  const [params, setParams] = useSearchParams<CatalogParams>();
  const location = useLocation();
  const view = createMemo(() => parseView(params), undefined, { equals: sameView });
  const [filtersOpen, setFiltersOpen] = createSignal(false);

  const [kindFacets] = createResource(() => catalogApi.facets(['kind']).then((r) => r.facets.kind ?? []));
  const facetView = createMemo(() => ({ ...view(), q: '', sort: 'name' as const, order: 'asc' as const, cursor: '' }), undefined, { equals: sameView });
  const [facetCounts] = createResource(facetView, async (v) => {
    const answers = await Promise.all(
      facetRequests(v).map(({ filter, facets }) => catalogApi.facets(facets.map((f) => f.field), [filter]).then((r) => r.facets)),
    );
    return { view: v, counts: Object.assign({}, ...answers) as Record<string, FacetCount[]> };
  });
  // The view whose page link the server refused, shown from its first page instead.
  const [restarted, setRestarted] = createSignal<CatalogView>();
  const [page, { refetch }] = createResource(view, async (v) => {
    try {
      const response = await (takePrefetchedPage(v) ?? fetchCatalogPage(v));
      // Keep the view with its answer: while the next page loads, the table still describes this one.
      return { view: v, response };
    } catch (err) {
      // A shared or bookmarked link can outlive its cursor, which the server signs and may no
      // longer accept: the same view starts again from its first page, which this fetch then
      // leaves to the one the changed URL starts.
      if (!v.cursor || !(err instanceof ApiError) || err.status !== 400) throw err;
      setRestarted({ ...v, cursor: '' });
      setParams({ cursor: undefined }, { replace: true });
      throw err;
    }
  });

  // Once rows are shown, the entity page's code is fetched, with the tabs and cards of the kinds
  // listed, so opening one waits only for its data.
  const preloadRoute = usePreloadRoute();
  createEffect(
    on(
      () => (page.state === 'ready' ? page() : undefined),
      (ready) => {
        if (!ready) return;
        preloadRoute('/catalog/default/component/any');
        for (const kind of new Set(ready.response.items.map((e) => e.kind))) preloadEntityContent(kind);
      },
      { defer: true },
    ),
  );

  const pageHref = (cursor: string | undefined) => {
    if (!cursor) return undefined;
    const query = new URLSearchParams(location.search);
    query.set('cursor', cursor);
    return `/catalog?${query}`;
  };

  /** Changes the view; every change but paging starts again from the first page. */
  const update = (changes: CatalogParams, replace = false) => setParams({ ...changes, cursor: undefined }, { replace });
  const setFacet = (id: FacetId, values: string[]) => update({ [id]: listParam(values) });
  const clearFilters = () => update(Object.fromEntries([...FACETS.map((f) => [f.id, undefined]), ['q', undefined]]));
  const onSort = (column: SortKey) => {
    const next = nextSort(view(), column);
    update({ sort: next.sort === 'name' && next.order === 'asc' ? undefined : next.sort, order: next.order === 'asc' ? undefined : 'desc' });
  };

  const kind = () => view().kind;
  const plural = () => kindPlural(kind());
  const noun = () => kindPluralInSentence(kind());
  const activeFilters = () => FACETS.reduce((n, f) => n + view().filters[f.id].length, 0);
  const counts = () => settledValue(facetCounts)?.counts;

  useDocumentTitle(() => `${plural()} · Catalog`);

  return (
    <div class="page">
      <PageHeader title="Catalog" description="Find the software your organisation builds and runs, and who owns it." />
      <div class="catalog-layout">
        <aside class="catalog-filters" aria-label="Filters">
          <button
            type="button"
            class="button filters-toggle"
            aria-expanded={filtersOpen()}
            aria-controls="catalog-filter-panel"
            onClick={() => setFiltersOpen(!filtersOpen())}
          >
            <Icon name="filter" />
            Filters
            <Show when={activeFilters()}>
              <Badge tone="accent">{activeFilters()}</Badge>
            </Show>
            <Icon name="chevronDown" class="filters-toggle-chevron" />
          </button>
          <div id="catalog-filter-panel" class="filter-panel" classList={{ 'filter-panel-open': filtersOpen() }}>
            <SelectField
              label="Kind"
              options={kindOptions(settledValue(kindFacets), kind())}
              value={kind()}
              onChange={(value) => update({ kind: value === 'component' ? undefined : value, type: undefined })}
            />
            <div class="facets" aria-busy={facetCounts.loading}>
              <For each={FACETS}>
                {(facet) => (
                  <FacetFilter
                    id={facet.id}
                    label={facet.label}
                    counts={counts()?.[facet.field]}
                    selected={view().filters[facet.id]}
                    onChange={(values) => setFacet(facet.id, values)}
                    {...(facet.id === 'owner' ? { format: ownerLabel } : {})}
                  />
                )}
              </For>
              <Show when={facetCounts.error}>
                <ErrorPanel title="Could not count the filter values" error={facetCounts.error} />
              </Show>
            </div>
            <Show when={isFiltered(view())}>
              <button type="button" class="button button-ghost" onClick={clearFilters}>
                <Icon name="close" />
                Clear filters
              </button>
            </Show>
          </div>
        </aside>

        <section class="card table-card catalog-results" aria-labelledby="catalog-table-title" aria-busy={page.loading}>
          <div class="card-header">
            <h2 id="catalog-table-title">
              {plural()}
              <Show when={settledValue(page)?.view.kind === kind()}>
                {' '}
                <Badge tone="muted">{settledValue(page)?.response.totalItems}</Badge>
              </Show>
            </h2>
            <SearchField
              label={`Search ${noun()}`}
              placeholder={`Search ${noun()}`}
              value={view().q}
              onSearch={(q) => update({ q: q || undefined }, true)}
            />
          </div>
          <div class="progress" classList={{ 'progress-active': page.loading }} aria-hidden="true" />
          <Show when={restarted() && sameView(restarted()!, view())}>
            <Alert tone="warning" title="That page link has expired">
              <p>This is the first page of the same view.</p>
            </Alert>
          </Show>
          <Switch fallback={<TableSkeleton rows={8} label={`Loading ${noun()}`} />}>
            <Match when={page.error && !page.loading}>
              <ErrorPanel title={`Could not load ${noun()}`} error={page.error} onRetry={refetch} />
            </Match>
            <Match when={settledValue(page)}>
              {(current) => (
                <Show
                  when={current().response.items.length}
                  fallback={
                    <EmptyState title={isFiltered(view()) ? `No ${noun()} match these filters` : `No ${noun()} in the catalog yet`}>
                      <Show
                        when={isFiltered(view())}
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
                    kind={current().view.kind}
                    caption={`${plural()}, sorted by ${current().view.sort} ${current().view.order === 'asc' ? 'ascending' : 'descending'}`}
                    sort={{ column: view().sort, order: view().order, onSort }}
                    stale={page.loading}
                  />
                  <CursorPagination
                    summary={`Showing ${current().response.items.length} of ${current().response.totalItems.toLocaleString('en')}`}
                    prevHref={pageHref(current().response.pageInfo.prevCursor)}
                    nextHref={pageHref(current().response.pageInfo.nextCursor)}
                  />
                </Show>
              )}
            </Match>
          </Switch>
        </section>
      </div>
    </div>
  );
}
