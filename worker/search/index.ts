import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { BackendPlugin } from '../plugin';
import { InputError } from '../lib/errors';
import type { SearchResult, SearchSource } from './source';

/** Builds the search plugin over the sources features contribute. */
export function searchPlugin(sources: SearchSource[]): BackendPlugin {
  const routes = new Hono<AppEnv>().get('/query', async (c) => {
    const term = (c.req.query('term') ?? '').trim();
    if (term.length > 200) throw new InputError('Search term is longer than 200 characters');
    const types = [...(c.req.queries('types[]') ?? []), ...(c.req.queries('types') ?? [])];
    const limit = Math.min(Math.max(Number(c.req.query('pageLimit') ?? 25) || 25, 1), 100);
    const offset = Math.max(Number.parseInt(c.req.query('pageCursor') ?? '0', 10) || 0, 0);
    const chosen = sources.filter((s) => types.length === 0 || types.includes(s.type));
    if (!term) return c.json({ results: [], numberOfResults: 0 });
    // One source pages itself. Several are merged by rank: the hits before `offset` may come from
    // any of them, so each gives its first offset + limit and the page is cut from the merge.
    const window = chosen.length === 1 ? { offset, limit } : { offset: 0, limit: offset + limit };
    const answers = await Promise.all(chosen.map((s) => s.query(c, { term, ...window })));
    const skip = offset - window.offset;
    const results: SearchResult[] = answers
      .flatMap((a) => a.results)
      .sort((a, b) => a.rank - b.rank)
      .slice(skip, skip + limit);
    const total = answers.reduce((n, a) => n + a.total, 0);
    return c.json({
      results,
      numberOfResults: total,
      ...(offset + limit < total ? { nextPageCursor: String(offset + limit) } : {}),
      ...(offset > 0 ? { previousPageCursor: String(Math.max(0, offset - limit)) } : {}),
    });
  });
  return { id: 'search', routes };
}
