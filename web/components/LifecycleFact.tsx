import { Show } from 'solid-js';
import type { Entity } from '../api/types';
import { specString } from '../lib/entity';
import { LifecycleBadge } from './LifecycleBadge';

/** A "Lifecycle" term and badge for a description list, shown only when the entity has one. */
export function LifecycleFact(props: { entity: Entity }) {
  return (
    <Show when={specString(props.entity, 'lifecycle')}>
      {(lifecycle) => (
        <div>
          <dt>Lifecycle</dt>
          <dd>
            <LifecycleBadge lifecycle={lifecycle()} />
          </dd>
        </div>
      )}
    </Show>
  );
}
