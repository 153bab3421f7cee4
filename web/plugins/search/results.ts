import type { SearchResult } from '../../api/searchApi';
import { safeHref } from '../../lib/safeHref';

/** Result types the portal's search knows, with how to name them. */
export const RESULT_TYPES: readonly { type: string; label: string }[] = [
  { type: 'software-catalog', label: 'Software catalog' },
  { type: 'techdocs', label: 'Documentation' },
];

/** The label of a result type; unknown types keep their own name. */
export function resultTypeLabel(type: string): string {
  return RESULT_TYPES.find((t) => t.type === type)?.label ?? type;
}

/** A result's field as highlighted by the server, or its plain value when it was not highlighted. */
export function highlightedField(result: SearchResult, field: 'title' | 'text'): { value: string; preTag: string; postTag: string } {
  const h = result.highlight;
  const value = h?.fields[field];
  return value ? { value, preTag: h.preTag, postTag: h.postTag } : { value: result.document[field] ?? '', preTag: '', postTag: '' };
}

/** Results grouped by type, groups in the order their first result ranks. */
export function groupByType(results: readonly SearchResult[]): { type: string; results: SearchResult[] }[] {
  const groups = new Map<string, SearchResult[]>();
  for (const result of results) {
    const list = groups.get(result.type) ?? [];
    list.push(result);
    groups.set(result.type, list);
  }
  return [...groups].map(([type, list]) => ({ type, results: list }));
}

/**
 * Where a result leads: an app path (`/catalog/…`, `/docs/…`) stays inside the app; anything
 * else must be an absolute http(s) URL or it is not linked at all.
 */
export function resultTarget(location: unknown): { internal: string } | { external: string } | undefined {
  if (typeof location !== 'string') return undefined;
  if (/^\/(?![/\\])/.test(location)) return { internal: location };
  const external = safeHref(location);
  return external && /^https?:/.test(external) ? { external } : undefined;
}
