import { useParams } from '@solidjs/router';
import { createMemo, createResource, Match, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { ApiError } from '../../api/http';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../lib/documentTitle';
import { kindPlural } from '../../lib/kinds';
import { settledValue } from '../../lib/resource';
import { preloadEntityContent } from '../index';
import { EntityHeader } from './EntityHeader';
import { EntityStatusAlerts } from './EntityStatusAlerts';
import { EntityTabs } from './EntityTabs';

/** One entity: header, warnings, and the tabs plugins contribute for its kind. */
export default function EntityPage() {
  const params = useParams<{ namespace: string; kind: string; name: string; tab?: string }>();
  const ref = createMemo(
    () => ({ kind: params.kind, namespace: params.namespace, name: params.name }),
    undefined,
    { equals: (a, b) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name },
  );
  const [entity, { refetch }] = createResource(ref, (r) => catalogApi.getEntityByName(r.kind, r.namespace, r.name));
  preloadEntityContent();

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
          <ErrorPanel
            title={
              entity.error instanceof ApiError && entity.error.status === 404
                ? `${params.kind}:${params.namespace}/${params.name} is not in the catalog`
                : 'Could not load this entity'
            }
            error={entity.error}
            onRetry={refetch}
          />
        </Match>
        <Match when={current()}>
          {(e) => (
            <>
              <EntityHeader entity={e()} />
              <EntityStatusAlerts entity={e()} />
              <EntityTabs entity={e()} activeTab={params.tab} baseHref={base()} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
