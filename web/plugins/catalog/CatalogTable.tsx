import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Entity } from '../../api/types';
import { EntityRefLink } from '../../components/EntityRefLink';
import { IconLink } from '../../components/IconLink';
import { LifecycleBadge } from '../../components/LifecycleBadge';
import { NoValue } from '../../components/NoValue';
import { TagList } from '../../components/TagList';
import { ANNOTATION, relationOrSpecRefs, sourceLocation, specString } from '../../lib/entity';
import { DEFAULT_NAMESPACE, entityRoute, getCompoundEntityRef } from '../../lib/entityRef';

// Columns that mean nothing for a kind are left out rather than shown empty.
const HAS_SYSTEM = new Set(['component', 'api', 'resource']);
const HAS_LIFECYCLE = new Set(['component', 'api']);
const NO_OWNER = new Set(['user', 'group', 'location']);
const NO_TYPE = new Set(['user']);

/** The catalog list as a table of one kind of entity; `stale` dims it while the next page loads. */
export function CatalogTable(props: { items: Entity[]; kind: string; caption: string; stale?: boolean }) {
  const show = {
    system: () => HAS_SYSTEM.has(props.kind),
    owner: () => !NO_OWNER.has(props.kind),
    type: () => !NO_TYPE.has(props.kind),
    lifecycle: () => HAS_LIFECYCLE.has(props.kind),
  };

  return (
    <div class="table-scroll">
      <table class="data-table" classList={{ stale: props.stale }}>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <Show when={show.system()}>
              <th scope="col">System</th>
            </Show>
            <Show when={show.owner()}>
              <th scope="col">Owner</th>
            </Show>
            <Show when={show.type()}>
              <th scope="col">Type</th>
            </Show>
            <Show when={show.lifecycle()}>
              <th scope="col">Lifecycle</th>
            </Show>
            <th scope="col" class="col-description">Description</th>
            <th scope="col">Tags</th>
            <th scope="col" class="col-actions">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(entity) => {
              const ref = getCompoundEntityRef(entity);
              const label = entity.metadata.title ?? entity.metadata.name;
              const systems = relationOrSpecRefs(entity, 'partOf', 'system', 'system');
              const owners = relationOrSpecRefs(entity, 'ownedBy', 'owner', 'group');
              return (
                <tr>
                  <th scope="row" class="col-name">
                    <A href={entityRoute(ref)} class="entity-name-link">
                      <Show when={ref.namespace.toLowerCase() !== DEFAULT_NAMESPACE}>
                        <span class="muted">{ref.namespace}/</span>
                      </Show>
                      {label}
                    </A>
                  </th>
                  <Show when={show.system()}>
                    <td>
                      <For each={systems} fallback={<NoValue />}>
                        {(system) => <EntityRefLink entityRef={system} defaultKind="system" />}
                      </For>
                    </td>
                  </Show>
                  <Show when={show.owner()}>
                    <td>
                      <For each={owners} fallback={<NoValue />}>
                        {(owner) => <EntityRefLink entityRef={owner} defaultKind="group" />}
                      </For>
                    </td>
                  </Show>
                  <Show when={show.type()}>
                    <td>{specString(entity, 'type') ?? <NoValue />}</td>
                  </Show>
                  <Show when={show.lifecycle()}>
                    <td>
                      <Show when={specString(entity, 'lifecycle')} fallback={<NoValue />}>
                        {(lifecycle) => <LifecycleBadge lifecycle={lifecycle()} />}
                      </Show>
                    </td>
                  </Show>
                  <td class="col-description">
                    <span class="clamp-2" title={entity.metadata.description}>
                      {entity.metadata.description ?? ''}
                    </span>
                  </td>
                  <td>
                    <TagList tags={entity.metadata.tags} max={3} />
                  </td>
                  <td class="col-actions">
                    <div class="row-actions">
                      <IconLink href={sourceLocation(entity)} icon="source" label={`View source of ${label}`} />
                      <IconLink
                        href={entity.metadata.annotations?.[ANNOTATION.editUrl]}
                        icon="edit"
                        label={`Edit ${label}`}
                      />
                    </div>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
