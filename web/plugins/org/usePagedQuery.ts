import { createResource, createSignal, type Accessor } from 'solid-js';
import { catalogApi, type QueryEntitiesRequest } from '../../api/catalogApi';
import type { Entity } from '../../api/types';
import { settledValue } from '../../lib/resource';

/**
 * A catalog query shown a page at a time: the first page loads with `request`, `more()` appends
 * the next one from the cursor. A failed page keeps what was already shown.
 */
export function usePagedQuery(request: Accessor<QueryEntitiesRequest | undefined>) {
  const [extra, setExtra] = createSignal<Entity[]>([]);
  const [cursor, setCursor] = createSignal<string>();
  const [moreError, setMoreError] = createSignal<unknown>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [first, { refetch }] = createResource(request, async (r) => {
    const page = await catalogApi.queryEntities(r);
    setExtra([]);
    setMoreError(undefined);
    setCursor(page.pageInfo.nextCursor);
    return page;
  });

  const more = async () => {
    const c = cursor();
    const fields = request()?.fields;
    if (!c) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await catalogApi.queryEntities({ cursor: c, fields, limit: request()?.limit });
      setExtra((items) => [...items, ...page.items]);
      setCursor(page.pageInfo.nextCursor);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return {
    first,
    refetch,
    items: () => [...(settledValue(first)?.items ?? []), ...extra()],
    total: () => (first.state === 'ready' ? first.latest?.totalItems : undefined),
    hasMore: () => cursor() !== undefined,
    more,
    loadingMore,
    moreError,
  };
}
