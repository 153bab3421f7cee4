import { For, Show } from 'solid-js';
import type { Entity } from '../../api/types';
import { Alert } from '../../components/Alert';
import { isOrphan, processingErrors } from '../../lib/entity';

/** Warns when the entity is stale: orphaned by its location, or failing to process. */
export function EntityStatusAlerts(props: { entity: Entity }) {
  return (
    <>
      <Show when={isOrphan(props.entity)}>
        <Alert tone="warning" title="This entity is orphaned">
          <p>
            The location that registered it no longer lists it, so it is not being updated. Restore it in its
            catalog-info.yaml or delete it from the catalog.
          </p>
        </Alert>
      </Show>
      <Show when={processingErrors(props.entity).length}>
        <Alert
          tone="error"
          title={
            processingErrors(props.entity).length === 1
              ? 'The last update of this entity failed'
              : `The last update of this entity failed with ${processingErrors(props.entity).length} errors`
          }
        >
          <p>The catalog keeps showing the last version that processed cleanly.</p>
          <ul class="alert-list">
            <For each={processingErrors(props.entity)}>
              {(item) => (
                <li>
                  <Show when={item.error?.name}>
                    <strong>{item.error?.name}: </strong>
                  </Show>
                  {item.error?.message ?? item.message}
                </li>
              )}
            </For>
          </ul>
        </Alert>
      </Show>
    </>
  );
}
