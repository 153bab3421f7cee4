import { A } from '@solidjs/router';
import { createResource, createSignal, For, Match, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { Badge } from '../../components/Badge';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { SearchField } from '../../components/SearchField';
import { kindLabel } from '../../lib/kinds';
import { refOf } from './graphModel';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'];

/** Finds an entity to draw the graph around when the URL names none. */
export function RootPicker() {
  const [term, setTerm] = createSignal('');
  const [found, { refetch }] = createResource(
    () => term() || undefined,
    (t) => catalogApi.queryEntities({ fullTextFilterTerm: t, fields: FIELDS, limit: 12, orderField: ['metadata.name,asc'] }),
  );

  return (
    <div class="card graph-picker">
      <div class="card-body">
        <SearchField label="Find an entity to start from" placeholder="Find an entity to start from" value={term()} onSearch={setTerm} />
        <Switch>
          <Match when={!term()}>
            <p class="muted">Type a name, then pick the entity whose relations you want to see.</p>
          </Match>
          <Match when={found.error && !found.loading}>
            <ErrorPanel title="Could not search the catalog" error={found.error} onRetry={refetch} />
          </Match>
          <Match when={found.loading}>
            <LoadingState label="Searching" />
          </Match>
          <Match when={found()?.items.length === 0}>
            <p class="muted">Nothing matches “{term()}”.</p>
          </Match>
          <Match when={found()}>
            {(page) => (
              <ul class="graph-picker-list" aria-label="Matching entities">
                <For each={page().items}>
                  {(entity) => (
                    <li>
                      <A href={`/catalog-graph?rootEntityRefs[]=${encodeURIComponent(refOf(entity))}`}>
                        <Badge tone="accent">{kindLabel(entity.kind)}</Badge> {entity.metadata.title ?? entity.metadata.name}
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </Match>
        </Switch>
      </div>
    </div>
  );
}
