import { useSearchParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { searchApi } from '../../api/searchApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { SearchField } from '../../components/SearchField';
import { useDocumentTitle } from '../../lib/documentTitle';
import { settledValue } from '../../lib/resource';
import { groupByType, RESULT_TYPES, resultTypeLabel } from './results';
import { SearchResultItem } from './SearchResultItem';
import './search.css';

type Params = { query?: string; 'types[]'?: string; pageCursor?: string };

/** `/search?query=…&types[]=…`: everything the portal can find, grouped by type, with the matches marked. */
export default function SearchPage() {
  const [params, setParams] = useSearchParams<Params>();
  const term = () => (params.query ?? '').trim();
  const type = () => params['types[]'] ?? '';
  useDocumentTitle(() => (term() ? `Search: ${term()}` : 'Search'));

  const [answer, { refetch }] = createResource(
    () => (term() ? { term: term(), type: type(), cursor: params.pageCursor } : undefined),
    (q) => searchApi.query({ term: q.term, types: q.type ? [q.type] : [], pageCursor: q.cursor, pageLimit: 25 }),
  );
  const current = () => settledValue(answer);

  return (
    <div class="page search-page">
      <PageHeader title="Search" description="Entities and documentation, by name, title and description." />
      <div class="search-page-controls">
        <SearchField
          label="Search the portal"
          placeholder="Search entities and docs"
          value={term()}
          delayMs={250}
          onSearch={(value) => setParams({ query: value || undefined, pageCursor: undefined })}
        />
        <div class="segmented" role="radiogroup" aria-label="Result type">
          <For each={[{ type: '', label: 'All' }, ...RESULT_TYPES]}>
            {(option) => (
              <button
                type="button"
                role="radio"
                class="segmented-option"
                aria-checked={type() === option.type}
                onClick={() => setParams({ 'types[]': option.type || undefined, pageCursor: undefined })}
              >
                {option.label}
              </button>
            )}
          </For>
        </div>
      </div>
      <Switch>
        <Match when={!term()}>
          <EmptyState title="Type to search">
            <p class="muted">
              Tip: press <kbd>Ctrl</kbd> <kbd>K</kbd> anywhere to jump to an entity or page.
            </p>
          </EmptyState>
        </Match>
        <Match when={answer.error && !answer.loading}>
          <ErrorPanel title="Search failed" error={answer.error} onRetry={refetch} />
        </Match>
        <Match when={current()}>
          {(res) => (
            <div class="search-results" classList={{ stale: answer.loading }} aria-busy={answer.loading}>
              <p class="search-summary" role="status">
                {res().numberOfResults ?? res().results.length} result{(res().numberOfResults ?? res().results.length) === 1 ? '' : 's'} for “{term()}”
              </p>
              <Show when={res().results.length} fallback={<EmptyState title={`Nothing matches “${term()}”`} />}>
                <For each={groupByType(res().results)}>
                  {(group) => (
                    <section class="search-group" aria-label={resultTypeLabel(group.type)}>
                      <h2 class="search-group-title">{resultTypeLabel(group.type)}</h2>
                      <ul class="search-result-list">
                        <For each={group.results}>
                          {(result) => (
                            <li>
                              <SearchResultItem result={result} />
                            </li>
                          )}
                        </For>
                      </ul>
                    </section>
                  )}
                </For>
              </Show>
              <nav class="pagination" aria-label="Result pages">
                <Show when={res().previousPageCursor !== undefined}>
                  <button type="button" class="button" onClick={() => setParams({ pageCursor: res().previousPageCursor === '0' ? undefined : res().previousPageCursor })}>
                    Previous
                  </button>
                </Show>
                <Show when={res().nextPageCursor}>
                  <button type="button" class="button" onClick={() => setParams({ pageCursor: res().nextPageCursor })}>
                    Next
                  </button>
                </Show>
              </nav>
            </div>
          )}
        </Match>
        <Match when={answer.loading}>
          <LoadingState label="Searching" />
        </Match>
      </Switch>
    </div>
  );
}
