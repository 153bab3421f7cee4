import { useNavigate } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import { authApi } from '../../api/authApi';
import { catalogApi } from '../../api/catalogApi';
import type { Entity } from '../../api/types';
import { Alert } from '../../components/Alert';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { isOrphan, processingErrors } from '../../lib/entity';
import { getCompoundEntityRef, stringifyEntityRef } from '../../lib/entityRef';
import './entity-status.css';

/** Whether the policy lets the signed-in user remove this entity (asked only for orphans). */
async function mayDelete(entity: Entity): Promise<boolean> {
  const entityRef = stringifyEntityRef(getCompoundEntityRef(entity));
  const [allowed = false] = await authApi.authorize([{ action: 'catalog.entity.delete', resource: { entityRef } }]);
  return allowed;
}

/** Warns when the entity is stale: orphaned by its location (with a way to remove it), or failing to process. */
export function EntityStatusAlerts(props: { entity: Entity }) {
  const navigate = useNavigate();
  const [canDelete] = createResource(() => (isOrphan(props.entity) ? props.entity : undefined), (e) => mayDelete(e).catch(() => false));

  return (
    <>
      <Show when={isOrphan(props.entity)}>
        <Alert tone="warning" title="This entity is orphaned">
          <p>
            The location that registered it no longer lists it, so it is not being updated. Restore it in its
            catalog-info.yaml, or unregister it from the catalog.
          </p>
          <Show when={canDelete()}>
            <div class="alert-actions">
              <ConfirmButton
                class="button button-small"
                label={
                  <>
                    <Icon name="trash" />
                    Unregister entity
                  </>
                }
                title="Unregister this orphaned entity?"
                confirmLabel="Unregister entity"
                onConfirm={async () => {
                  await catalogApi.deleteEntity(props.entity.metadata.uid ?? '');
                  navigate('/catalog');
                }}
              >
                <p>No location describes it any more, so it will not come back.</p>
              </ConfirmButton>
            </div>
          </Show>
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
