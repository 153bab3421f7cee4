import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** One search hit in Backstage's result shape. */
export interface SearchResult {
  type: string;
  document: { title: string; text: string; location: string; [field: string]: unknown };
  highlight?: { preTag: string; postTag: string; fields: Record<string, string> };
  rank: number;
}

/** A collection that the search endpoint can query (catalog entities, later docs pages). */
export interface SearchSource {
  type: string;
  query(c: Context<AppEnv>, q: { term: string; offset: number; limit: number }): Promise<{ results: SearchResult[]; total: number }>;
}

/** Marks highlighted matches; plain text tags the UI splits on, never HTML it would render. */
export const HIGHLIGHT = { preTag: '<gr-hl>', postTag: '</gr-hl>' } as const;
