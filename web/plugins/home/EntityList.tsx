import { A } from '@solidjs/router';
import { For, Show, type JSX } from 'solid-js';
import type { Entity } from '../../api/types';
import { specString } from '../../lib/entity';
import { entityRoute, getCompoundEntityRef } from '../../lib/entityRef';
import { kindLabel } from '../../lib/kinds';

/** A compact list of entities for the home page: name, kind and type, a line of description; `aside` adds to the right of each. */
export function EntityList(props: { items: Entity[]; label: string; aside?: (entity: Entity) => JSX.Element }) {
  return (
    <ul class="home-entity-list" aria-label={props.label}>
      <For each={props.items}>
        {(entity) => (
          <li class="home-entity">
            <div class="home-entity-main">
              <A href={entityRoute(getCompoundEntityRef(entity))} class="home-entity-name">
                {entity.metadata.title ?? entity.metadata.name}
              </A>
              <span class="home-entity-kind">
                {kindLabel(entity.kind)}
                <Show when={specString(entity, 'type')}>{(type) => ` · ${type()}`}</Show>
              </span>
              <Show when={entity.metadata.description}>
                <span class="home-entity-description">{entity.metadata.description}</span>
              </Show>
            </div>
            <Show when={props.aside}>{(aside) => <div class="home-entity-aside">{aside()(entity)}</div>}</Show>
          </li>
        )}
      </For>
    </ul>
  );
}
