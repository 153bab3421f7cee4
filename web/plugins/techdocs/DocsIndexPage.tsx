import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { techdocsApi, type DocsSiteSummary } from '../../api/techdocsApi';
import type { Entity } from '../../api/types';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { NoValue } from '../../components/NoValue';
import { PageHeader } from '../../components/PageHeader';
import { SearchField } from '../../components/SearchField';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime } from '../../lib/dateTime';
import { useDocumentTitle } from '../../lib/documentTitle';
import { getCompoundEntityRef, parseEntityRef, stringifyEntityRef } from '../../lib/entityRef';
import { settledValue } from '../../lib/resource';
import { docsReaderHref } from './readerUrls';
import './techdocs.css';

/** One row of the index: an entity that declares docs, with its site when one was built. */
interface DocsRow {
  key: string;
  href: string;
  title: string;
  description: string;
  kind: string;
  owner?: string;
  namespace: string;
  site?: DocsSiteSummary;
}

const FIELDS = ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title', 'metadata.description', 'spec.owner'];
const LIMIT = 500;

function rowOfEntity(entity: Entity, site: DocsSiteSummary | undefined): DocsRow {
  const ref = getCompoundEntityRef(entity);
  const owner = entity.spec?.owner;
  return {
    key: stringifyEntityRef(ref),
    href: docsReaderHref(ref, ''),
    title: site?.siteName || entity.metadata.title || entity.metadata.name,
    description: site?.siteDescription || entity.metadata.description || '',
    kind: entity.kind,
    namespace: ref.namespace,
    owner: typeof owner === 'string' ? owner : undefined,
    site,
  };
}

function rowOfSite(site: DocsSiteSummary): DocsRow {
  return {
    key: stringifyEntityRef(site),
    href: docsReaderHref(site, ''),
    title: site.siteName || site.title,
    description: site.siteDescription ?? '',
    kind: site.kind,
    namespace: site.namespace,
    owner: site.owner ?? undefined,
    site,
  };
}

const matches = (row: DocsRow, words: string[]) => {
  const text = [row.title, row.description, row.owner ?? '', row.key, row.site?.title ?? ''].join(' ').toLowerCase();
  return words.every((w) => text.includes(w));
};

/** Every entity with documentation: searchable, with owner and build state. */
export default function DocsIndexPage() {
  const [params, setParams] = useSearchParams<{ q?: string }>();
  useDocumentTitle(() => 'Docs');
  const [data, { refetch }] = createResource(async () => {
    const [sites, entities] = await Promise.all([
      techdocsApi.sites(),
      catalogApi.queryEntities({
        filter: ['metadata.annotations.backstage.io/techdocs-ref'],
        fields: FIELDS,
        limit: LIMIT,
        orderField: ['metadata.name,asc'],
      }),
    ]);
    const byKey = new Map(sites.items.map((s) => [stringifyEntityRef(s), s]));
    const rows = entities.items.map((e) => {
      const key = stringifyEntityRef(getCompoundEntityRef(e));
      const site = byKey.get(key);
      byKey.delete(key);
      return rowOfEntity(e, site);
    });
    // Sites uploaded for entities without the annotation are docs too.
    rows.push(...[...byKey.values()].map(rowOfSite));
    return rows.sort((a, b) => a.title.localeCompare(b.title));
  });
  const term = () => (typeof params.q === 'string' ? params.q : '');
  const rows = createMemo(() => {
    const words = term().toLowerCase().split(/\s+/).filter(Boolean);
    return (settledValue(data) ?? []).filter((row) => matches(row, words));
  });

  return (
    <div class="page">
      <PageHeader title="Docs" description="Documentation written next to the code, built on every push." />
      <div class="filter-bar">
        <SearchField label="Search docs" placeholder="Search docs" value={term()} onSearch={(q) => setParams({ q: q || undefined }, { replace: true })} />
      </div>
      <section class="card table-card" aria-labelledby="docs-index-title">
        <h2 id="docs-index-title" class="sr-only">
          Documentation sites
        </h2>
        <Switch>
          <Match when={data.error && !data.loading}>
            <ErrorPanel title="Could not load the docs index" error={data.error} onRetry={refetch} />
          </Match>
          <Match when={!settledValue(data)}>
            <TableSkeleton rows={6} label="Loading docs" />
          </Match>
          <Match when={rows().length === 0}>
            <EmptyState title={term() ? `No docs match “${term()}”` : 'No entity has docs yet'}>
              <p class="muted">
                Add <code>backstage.io/techdocs-ref: dir:.</code> to an entity and a <code>docs/</code> folder next to it.
              </p>
            </EmptyState>
          </Match>
          <Match when={rows().length > 0}>
            <div class="table-scroll">
              <table class="data-table docs-index-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Last built</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(row) => (
                      <tr>
                        <th scope="row" class="col-name">
                          <A href={row.href} class="entity-name-link">
                            {row.title}
                          </A>
                          <Show when={row.description}>
                            <span class="docs-index-description clamp-2">{row.description}</span>
                          </Show>
                        </th>
                        <td>
                          <Show when={row.owner ? parseEntityRef(row.owner, { kind: 'Group', namespace: row.namespace }) : undefined} fallback={<NoValue />}>
                            {(ref) => <EntityRefLink entityRef={ref()} defaultKind="Group" />}
                          </Show>
                        </td>
                        <td>{row.kind.toLowerCase()}</td>
                        <td>
                          <Switch fallback={<Badge tone="muted">Not built yet</Badge>}>
                            <Match when={row.site?.state === 'error'}>
                              <Badge tone="warning">Build failed</Badge>
                            </Match>
                            <Match when={row.site?.state === 'building'}>
                              <Badge tone="accent">Building</Badge>
                            </Match>
                            <Match when={row.site?.builtAt}>
                              {(at) => <time datetime={at()}>{formatDateTime(at())}</time>}
                            </Match>
                          </Switch>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Match>
        </Switch>
      </section>
    </div>
  );
}
