import { useLocation, useParams } from '@solidjs/router';
import { createMemo, createResource, Match, Show, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { ApiError } from '../../api/http';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../lib/documentTitle';
import { getCompoundEntityRef } from '../../lib/entityRef';
import { settledValue } from '../../lib/resource';
import { DocsReader } from './DocsReader';
import { normalizePagePath } from './docsPaths';
import { hasTechDocs } from './editLink';
import { docsReaderHref, readerHash } from './readerUrls';

const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The standalone docs reader at Backstage's URL, `/docs/:namespace/:kind/:name/<page>`. */
export default function DocsReaderPage() {
  const params = useParams<{ namespace: string; kind: string; name: string; page?: string }>();
  const location = useLocation();
  const ref = createMemo(
    () => ({ kind: params.kind, namespace: params.namespace, name: params.name }),
    undefined,
    { equals: (a, b) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name },
  );
  const [entity, { refetch }] = createResource(ref, (r) => catalogApi.getEntityByName(r.kind, r.namespace, r.name));
  const current = () => settledValue(entity);
  useDocumentTitle(() => `Docs · ${current()?.metadata.title ?? params.name}`);
  // The splat drops a trailing slash; Backstage's URLs keep one, so look at the path itself.
  const pagePath = () => {
    const raw = (params.page ?? '').split('/').map(decodeSegment).join('/');
    return normalizePagePath(raw && location.pathname.endsWith('/') ? `${raw}/` : raw);
  };

  return (
    <div class="page docs-page">
      <Switch fallback={<LoadingState label="Loading documentation" />}>
        <Match when={entity.error && !entity.loading}>
          <Breadcrumbs items={[{ label: 'Docs', href: '/docs' }, { label: params.name }]} />
          <div class="card">
            <ErrorPanel
              title={
                entity.error instanceof ApiError && entity.error.status === 404
                  ? `${params.kind}:${params.namespace}/${params.name} is not in the catalog`
                  : 'Could not load these docs'
              }
              error={entity.error}
              onRetry={refetch}
            />
          </div>
        </Match>
        <Match when={current()}>
          {(e) => (
            <>
              <header class="docs-page-header">
                <h1>{e().metadata.title ?? e().metadata.name}</h1>
                <p class="muted">
                  Documentation of <EntityRefLink entityRef={getCompoundEntityRef(e())} showKind />
                </p>
              </header>
              <Show when={!hasTechDocs(e())}>
                <p class="muted docs-no-ref">
                  This entity has no <code>backstage.io/techdocs-ref</code> annotation; docs uploaded for it are shown anyway.
                </p>
              </Show>
              <DocsReader
                entity={e()}
                pagePath={pagePath()}
                hash={readerHash(location.hash)}
                pageHref={(path, hash) => docsReaderHref(getCompoundEntityRef(e()), path, hash)}
                crumbs={[{ label: 'Docs', href: '/docs' }]}
                crumbsLabel="Breadcrumb"
              />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
