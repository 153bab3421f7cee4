import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, Match, on, Show, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { ApiError } from '../../api/http';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../lib/documentTitle';
import { kindPlural } from '../../lib/kinds';
import { settledValue } from '../../lib/resource';
import { preloadEntityContent } from '../index';
import { EntityActions } from './EntityActions';
import { EntityHeader } from './EntityHeader';
import { EntityStatusAlerts } from './EntityStatusAlerts';
import { EntityTabs } from './EntityTabs';

const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** One entity: header, warnings, and the tabs plugins contribute for its kind. */
export default function EntityPage() {
  const params = useParams<{ namespace: string; kind: string; name: string; tab?: string }>();
  const ref = createMemo(
    () => ({ kind: params.kind, namespace: params.namespace, name: params.name }),
    undefined,
    { equals: (a, b) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name },
  );
  const [entity, { refetch }] = createResource(ref, (r) => catalogApi.getEntityByName(r.kind, r.namespace, r.name));
  createEffect(on(() => params.kind, preloadEntityContent));

  const base = () => `/catalog/${[params.namespace, params.kind, params.name].map(encodeURIComponent).join('/')}`;
  const current = () => settledValue(entity);
  useDocumentTitle(() => current()?.metadata.title ?? params.name);

  return (
    <div class="page">
      <Breadcrumbs
        items={[
          { label: 'Catalog', href: '/catalog' },
          { label: kindPlural(params.kind), href: `/catalog?kind=${encodeURIComponent(params.kind.toLowerCase())}` },
          { label: current()?.metadata.title ?? params.name },
        ]}
      />
      <Switch fallback={<LoadingState label="Loading entity" />}>
        <Match when={entity.error && !entity.loading}>
          <div class="card">
            <Show
              when={isNotFound(entity.error)}
              fallback={<ErrorPanel title="Could not load this entity" error={entity.error} onRetry={refetch} />}
            >
              <ErrorPanel title={`${params.kind}:${params.namespace}/${params.name} is not in the catalog`} error={entity.error}>
                <A
                  class="button"
                  href={`/catalog?kind=${encodeURIComponent(params.kind.toLowerCase())}&q=${encodeURIComponent(params.name)}`}
                >
                  <Icon name="search" />
                  Search the catalog for “{params.name}”
                </A>
              </ErrorPanel>
            </Show>
          </div>
        </Match>
        <Match when={current()}>
          {(e) => (
            // Following a relation keeps the previous entity on screen, dimmed, until the next one arrives.
            <div class="entity-view" classList={{ stale: entity.loading }} aria-busy={entity.loading}>
              <EntityHeader entity={e()}>
                <EntityActions entity={e()} onRefreshed={refetch} />
              </EntityHeader>
              <EntityStatusAlerts entity={e()} />
              <EntityTabs entity={e()} activeTab={params.tab} baseHref={base()} />
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
