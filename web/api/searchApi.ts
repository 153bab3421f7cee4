import { getJson } from './http';

/** One search hit in Backstage's result shape (`GET /api/search/query`). */
export interface SearchResult {
  type: string;
  document: { title: string; text: string; location: string; kind?: string; [field: string]: unknown };
  highlight?: { preTag: string; postTag: string; fields: Record<string, string> };
  rank: number;
}

/** A page of search results. */
export interface SearchResponse {
  results: SearchResult[];
  numberOfResults?: number;
  nextPageCursor?: string;
  previousPageCursor?: string;
}

/** Typed client for the search endpoint. */
export const searchApi = {
  /** Results for `term`, optionally only of some `types` (e.g. `software-catalog`, `techdocs`). */
  query(request: { term: string; types?: string[]; pageCursor?: string; pageLimit?: number }, signal?: AbortSignal): Promise<SearchResponse> {
    const params = new URLSearchParams({ term: request.term });
    for (const type of request.types ?? []) params.append('types[]', type);
    if (request.pageCursor) params.set('pageCursor', request.pageCursor);
    if (request.pageLimit) params.set('pageLimit', String(request.pageLimit));
    return getJson<SearchResponse>(`/api/search/query?${params}`, signal);
  },
};
