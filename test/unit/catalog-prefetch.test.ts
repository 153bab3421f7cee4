import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchCatalogPage, prefetchCatalogPage, takePrefetchedPage } from '../../web/plugins/catalog/catalogPageQuery';
import { parseView } from '../../web/plugins/catalog/catalogView';

const page = { items: [], totalItems: 0, pageInfo: {} };

function stubFetch(status = 200) {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(status === 200 ? page : { error: { name: 'AuthenticationError', message: 'no' }, response: { statusCode: status } }), { status });
  });
  return urls;
}

afterEach(() => vi.unstubAllGlobals());

describe('the catalog list fetched ahead of its page', () => {
  it('asks for the view: its filter, its order, its cursor alone', async () => {
    const urls = stubFetch();
    await fetchCatalogPage(parseView({ owner: 'group:default/a', q: 'pay' }));
    await fetchCatalogPage(parseView({ sort: 'owner', order: 'desc' }));
    await fetchCatalogPage(parseView({ kind: 'api', cursor: 'abc' }));
    const [first, sorted, next] = urls.map((u) => new URL(u, 'http://x').searchParams);
    expect(first!.get('filter')).toBe('kind=component,relations.ownedBy=group:default/a');
    expect(first!.get('fullTextFilterTerm')).toBe('pay');
    expect(first!.get('orderField')).toBe('metadata.name,asc');
    expect(sorted!.get('orderField')).toBe('spec.owner,desc');
    expect([...next!.keys()].sort()).toEqual(['cursor', 'fields', 'limit']);
  });

  it('hands a prefetched page to the same view once, and to no other view', async () => {
    const urls = stubFetch();
    prefetchCatalogPage(parseView({ tags: 'java' }));
    expect(takePrefetchedPage(parseView({ tags: 'go' }))).toBeUndefined();
    prefetchCatalogPage(parseView({ tags: 'java' }));
    const taken = takePrefetchedPage(parseView({ tags: 'java' }));
    await expect(taken).resolves.toEqual(page);
    expect(takePrefetchedPage(parseView({ tags: 'java' }))).toBeUndefined();
    expect(urls).toHaveLength(2);
  });

  it('lets a refused prefetch go unnoticed until someone takes it', async () => {
    stubFetch(401);
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    prefetchCatalogPage(parseView({}));
    await new Promise((r) => setTimeout(r, 20));
    expect(unhandled).not.toHaveBeenCalled();
    await expect(takePrefetchedPage(parseView({}))).rejects.toMatchObject({ status: 401 });
    process.off('unhandledRejection', unhandled);
  });
});
