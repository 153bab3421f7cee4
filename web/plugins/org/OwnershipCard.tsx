import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { catalogApi } from '../../api/catalogApi';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { relatedRefs } from '../../lib/entity';
import { entityRoute, getCompoundEntityRef, stringifyEntityRef } from '../../lib/entityRef';
import { kindLabel, kindPlural } from '../../lib/kinds';
import type { EntityContentProps } from '../types';
import { PagedEntityList } from './PagedEntityList';
import { ownedByFilters } from './profile';
import { usePagedQuery } from './usePagedQuery';
import './org.css';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.type', 'spec.owner'];

/** Everything a group owns; for a user, what they own and what their groups own. */
export default function OwnershipCard(props: EntityContentProps) {
  const isUser = () => props.entity.kind.toLowerCase() === 'user';
  const owners = () => [
    stringifyEntityRef(getCompoundEntityRef(props.entity)),
    ...(isUser() ? relatedRefs(props.entity, 'memberOf').map(stringifyEntityRef) : []),
  ];
  const filter = () => ownedByFilters(owners());
  const q = usePagedQuery(() => ({ filter: filter(), fields: FIELDS, limit: 50, orderField: ['kind,asc', 'metadata.name,asc'] }));
  const [kinds] = createResource(filter, (f) => catalogApi.facets(['kind'], f));

  return (
    <Card title={q.total() !== undefined ? `Ownership (${q.total()})` : 'Ownership'}>
      <Show when={isUser() && owners().length > 1}>
        <p class="muted ownership-note">Including what this user's {owners().length - 1 === 1 ? 'group owns' : 'groups own'}.</p>
      </Show>
      <Show when={kinds.state === 'ready' && kinds()?.facets.kind?.length}>
        <ul class="kind-summary" aria-label="Owned entities by kind">
          <For each={kinds()?.facets.kind ?? []}>
            {(facet) => (
              <li>
                <span class="kind-summary-count">{facet.count}</span> {facet.count === 1 ? kindLabel(facet.value) : kindPlural(facet.value)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <PagedEntityList query={q} errorTitle="Could not load what is owned" loadingLabel="Loading owned entities" empty="Nothing in the catalog is owned here.">
        <ul class="owned-list" aria-label="Owned entities">
          <For each={q.items()}>
            {(item) => (
              <li>
                <Badge tone="accent">{kindLabel(item.kind)}</Badge>
                <A href={entityRoute(getCompoundEntityRef(item))}>{item.metadata.title ?? item.metadata.name}</A>
                <Show when={typeof item.spec?.type === 'string' && item.spec.type}>
                  {(type) => <span class="muted">{type()}</span>}
                </Show>
                <Show when={isUser() && typeof item.spec?.owner === 'string' && item.spec.owner}>
                  {(owner) => <span class="muted owned-via">via {owner()}</span>}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </PagedEntityList>
    </Card>
  );
}
