import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { scaffolderApi, type TemplateSummary } from '../../api/scaffolderApi';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { SearchField } from '../../components/SearchField';
import { SelectField, type SelectOption } from '../../components/SelectField';
import { TagList } from '../../components/TagList';
import { useDocumentTitle } from '../../lib/documentTitle';
import { humanizeEntityRef, parseEntityRef } from '../../lib/entityRef';
import { settledValue } from '../../lib/resource';
import './scaffolder.css';

// Kobalte needs a non-empty key for "no filter".
const ANY = '*';

type GalleryQuery = { q?: string; tag?: string; owner?: string };

function choices(all: TemplateSummary[] | undefined, pick: (t: TemplateSummary) => string[], anyLabel: string, label: (v: string) => string): SelectOption[] {
  const counts = new Map<string, number>();
  for (const t of all ?? []) for (const v of pick(t)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [
    { value: ANY, label: anyLabel },
    ...[...counts].map(([value, count]) => ({ value, label: label(value), count })).sort((a, b) => a.label.localeCompare(b.label)),
  ];
}

const ownerLabel = (ref: string) => {
  const parsed = parseEntityRef(ref, { kind: 'group' });
  return parsed ? humanizeEntityRef(parsed, { defaultKind: 'group' }) : ref;
};

function TemplateCard(props: { template: TemplateSummary }) {
  const owner = () => (props.template.owner ? parseEntityRef(props.template.owner, { kind: 'group' }) : undefined);
  const href = () => `/create/templates/${encodeURIComponent(props.template.namespace)}/${encodeURIComponent(props.template.name)}`;
  const titleId = () => `tpl-${props.template.namespace}-${props.template.name}`;
  return (
    <li class="card sc-template-card" aria-labelledby={titleId()}>
      <div class="sc-template-top">
        <Badge tone="accent">{props.template.type || 'template'}</Badge>
        <Show when={props.template.builtin}>
          <Badge tone="muted">built-in</Badge>
        </Show>
      </div>
      <h2 class="sc-template-title" id={titleId()}>
        {props.template.title}
      </h2>
      <p class="sc-template-description">{props.template.description || 'No description.'}</p>
      <TagList tags={props.template.tags} max={5} />
      <div class="sc-template-foot">
        <span class="sc-template-owner">
          <Show when={owner()} fallback={<span class="muted">No owner</span>}>
            {(ref) => (
              <>
                <span class="muted">Owner </span>
                <EntityRefLink entityRef={ref()} defaultKind="group" />
              </>
            )}
          </Show>
        </span>
        <A class="button button-primary" href={href()} aria-describedby={titleId()}>
          Choose
        </A>
      </div>
    </li>
  );
}

/** `/create`: the templates one can run, searchable and filtered by tag and owner (all in the URL). */
export default function TemplateGalleryPage() {
  useDocumentTitle(() => 'Create');
  const [params, setParams] = useSearchParams<GalleryQuery>();
  const filter = createMemo(() => ({ q: params.q ?? '', tag: params.tag ?? '', owner: params.owner ?? '' }), undefined, {
    equals: (a, b) => a.q === b.q && a.tag === b.tag && a.owner === b.owner,
  });
  // Opened unfiltered, the gallery shows the very list the filter choices come from: one request serves both.
  let unfiltered: Promise<TemplateSummary[]> | undefined = scaffolderApi.templates();
  const [all] = createResource(() => unfiltered!);
  const [shown, { refetch }] = createResource(filter, (f) => {
    const first = unfiltered;
    unfiltered = undefined;
    return first && !f.q && !f.tag && !f.owner ? first : scaffolderApi.templates(f);
  });
  const filtered = () => Boolean(params.q || params.tag || params.owner);
  const clear = () => setParams({ q: undefined, tag: undefined, owner: undefined });

  return (
    <div class="page">
      <PageHeader title="Create" description="Start a new project from a template with the organisation's best practices built in.">
        <A class="button" href="/create/tasks">
          <Icon name="list" />
          Tasks
        </A>
        <A class="button" href="/create/edit">
          <Icon name="edit" />
          Template editor
        </A>
      </PageHeader>
      <div class="filter-bar sc-gallery-filters" role="group" aria-label="Filters">
        <SearchField label="Search templates" placeholder="Search templates" value={params.q ?? ''} onSearch={(q) => setParams({ q: q || undefined }, { replace: true })} />
        <SelectField
          label="Tag"
          options={choices(settledValue(all), (t) => t.tags, 'All tags', (v) => v)}
          value={params.tag || ANY}
          onChange={(v) => setParams({ tag: v === ANY ? undefined : v })}
        />
        <SelectField
          label="Owner"
          options={choices(settledValue(all), (t) => (t.owner ? [t.owner] : []), 'All owners', ownerLabel)}
          value={params.owner || ANY}
          onChange={(v) => setParams({ owner: v === ANY ? undefined : v })}
        />
        <Show when={filtered()}>
          <button type="button" class="button button-ghost" onClick={clear}>
            <Icon name="close" />
            Clear filters
          </button>
        </Show>
      </div>
      <div class="progress" classList={{ 'progress-active': shown.loading }} aria-hidden="true" />
      <Switch
        fallback={
          <ul class="sc-template-grid" aria-busy="true" aria-label="Loading templates">
            <For each={[1, 2, 3]}>
              {() => (
                <li class="card sc-template-card">
                  <span class="skeleton skeleton-short" />
                  <span class="skeleton skeleton-name" />
                  <span class="skeleton skeleton-long" />
                </li>
              )}
            </For>
          </ul>
        }
      >
        <Match when={shown.error && !shown.loading}>
          <ErrorPanel title="Could not load the templates" error={shown.error} onRetry={refetch} />
        </Match>
        <Match when={settledValue(shown)}>
          {(items) => (
            <Show
              when={items().length}
              fallback={
                <EmptyState title={filtered() ? 'No templates match these filters' : 'No templates yet'}>
                  <Show when={filtered()} fallback={<p>Templates appear here once a Template entity is registered in the catalog.</p>}>
                    <button type="button" class="button" onClick={clear}>
                      Clear filters
                    </button>
                  </Show>
                </EmptyState>
              }
            >
              <ul class="sc-template-grid" aria-label="Templates" classList={{ 'sc-stale': shown.loading }}>
                <For each={items()}>{(t) => <TemplateCard template={t} />}</For>
              </ul>
            </Show>
          )}
        </Match>
      </Switch>
    </div>
  );
}
