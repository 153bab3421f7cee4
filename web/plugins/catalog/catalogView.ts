// The catalog list's view (kind, facet filters, full text, sort, page) as it lives in the URL,
// and the catalog API requests it turns into. Pure functions, so the rules are tested without a browser.

/** A facet filter of the catalog list: its URL parameter, label and the entity field it counts and filters. */
export interface FacetDef {
  id: 'type' | 'owner' | 'lifecycle' | 'tags' | 'namespace' | 'system';
  label: string;
  field: string;
}

/** The facet filters in the order the page shows them. Owners are relations, so every spelling of a ref counts as one. */
export const FACETS: readonly FacetDef[] = [
  { id: 'type', label: 'Type', field: 'spec.type' },
  { id: 'owner', label: 'Owner', field: 'relations.ownedBy' },
  { id: 'lifecycle', label: 'Lifecycle', field: 'spec.lifecycle' },
  { id: 'tags', label: 'Tags', field: 'metadata.tags' },
  { id: 'namespace', label: 'Namespace', field: 'metadata.namespace' },
  { id: 'system', label: 'System', field: 'spec.system' },
];

export type FacetId = FacetDef['id'];

/** Sortable columns and the field the server orders them by. */
const SORT_FIELDS = {
  name: 'metadata.name',
  system: 'spec.system',
  owner: 'spec.owner',
  type: 'spec.type',
  lifecycle: 'spec.lifecycle',
} as const;

export type SortKey = keyof typeof SORT_FIELDS;

/** Everything that decides what the table shows. */
export interface CatalogView {
  kind: string;
  filters: Record<FacetId, string[]>;
  q: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  cursor: string;
}

/** The URL query of the catalog page, as the router gives it. */
export type CatalogParams = Partial<Record<FacetId | 'kind' | 'q' | 'sort' | 'order' | 'cursor', string>>;

const DEFAULT_KIND = 'component';

/**
 * Splits a list parameter (`tags=java,go`). Values with a comma cannot be expressed in a
 * Backstage filter, so none are kept; order is kept and repeats dropped.
 */
export function parseList(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(',').map((v) => v.trim()).filter(Boolean))];
}

const isSortKey = (value: string | undefined): value is SortKey => value !== undefined && Object.hasOwn(SORT_FIELDS, value);

/** Reads the view from the URL query; anything missing or unknown takes its default. */
export function parseView(params: CatalogParams): CatalogView {
  const filters = Object.fromEntries(FACETS.map((f) => [f.id, parseList(params[f.id])])) as Record<FacetId, string[]>;
  return {
    kind: (params.kind?.trim() || DEFAULT_KIND).toLowerCase(),
    filters,
    q: params.q?.trim() ?? '',
    sort: isSortKey(params.sort) ? params.sort : 'name',
    order: params.order === 'desc' ? 'desc' : 'asc',
    cursor: params.cursor ?? '',
  };
}

/** The URL query of a facet's values (`undefined` removes the parameter). */
export function listParam(values: string[]): string | undefined {
  const kept = values.filter((v) => v && !v.includes(','));
  return kept.length ? kept.join(',') : undefined;
}

/** Whether any facet filter or the full-text term narrows the list. */
export function isFiltered(view: CatalogView): boolean {
  return view.q !== '' || FACETS.some((f) => view.filters[f.id].length > 0);
}

/**
 * The Backstage filter expression of the view: kind and each facet's values (values of one
 * facet OR'ed, facets AND'ed), leaving out facet `except` (its own counts ignore its selection).
 */
export function filterExpression(view: CatalogView, except?: FacetId): string {
  const terms = [`kind=${view.kind}`];
  for (const facet of FACETS) {
    if (facet.id === except) continue;
    for (const value of view.filters[facet.id]) terms.push(`${facet.field}=${value}`);
  }
  return terms.join(',');
}

/**
 * The `orderField` parameters of the view. By name (either way) is read from the server's
 * (kind, name) index at once however big the catalog is; every other order makes the server
 * sort all matching entities.
 */
export function orderFields(view: CatalogView): string[] {
  return [`${SORT_FIELDS[view.sort]},${view.order}`];
}

/**
 * The facet-count requests the filter panel needs: facets whose counts share one filter go in
 * one request. Without a selection that is a single request for every facet.
 */
export function facetRequests(view: CatalogView): { filter: string; facets: FacetDef[] }[] {
  const groups = new Map<string, FacetDef[]>();
  for (const facet of FACETS) {
    const filter = filterExpression(view, view.filters[facet.id].length ? facet.id : undefined);
    groups.set(filter, [...(groups.get(filter) ?? []), facet]);
  }
  return [...groups].map(([filter, facets]) => ({ filter, facets }));
}

/** The next sort when a column header is activated: the same column flips, another starts ascending. */
export function nextSort(view: CatalogView, column: SortKey): { sort: SortKey; order: 'asc' | 'desc' } {
  return column === view.sort ? { sort: column, order: view.order === 'asc' ? 'desc' : 'asc' } : { sort: column, order: 'asc' };
}

/**
 * Merges facet values that differ only in case (filters treat them as one), keeps the values
 * selected even when nothing has them now (count 0), and orders by count then name.
 */
export function facetOptions(counts: { value: string; count: number }[] | undefined, selected: string[]): { value: string; count: number }[] {
  const merged = new Map<string, { value: string; count: number }>();
  for (const { value, count } of counts ?? []) {
    if (value.includes(',')) continue;
    const key = value.toLowerCase();
    const seen = merged.get(key);
    merged.set(key, { value: seen?.value ?? value, count: (seen?.count ?? 0) + count });
  }
  for (const value of selected) if (!merged.has(value.toLowerCase())) merged.set(value.toLowerCase(), { value, count: 0 });
  return [...merged.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Whether `value` is among `selected`, ignoring case as the catalog's filters do. */
export function isSelected(selected: string[], value: string): boolean {
  const v = value.toLowerCase();
  return selected.some((s) => s.toLowerCase() === v);
}

/** `selected` with `value` added or removed. */
export function toggleValue(selected: string[], value: string, on: boolean): string[] {
  const rest = selected.filter((s) => s.toLowerCase() !== value.toLowerCase());
  return on ? [...rest, value] : rest;
}
