import { useNavigate } from '@solidjs/router';
import { createResource, createSignal, Show } from 'solid-js';
import { authApi } from '../../api/authApi';
import { catalogApi } from '../../api/catalogApi';
import type { Entity } from '../../api/types';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { getCompoundEntityRef, stringifyEntityRef } from '../../lib/entityRef';

/** What the signed-in user may do to one entity, as the server's policy says (never guessed here). */
async function allowedActions(entity: Entity) {
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(ref);
  const location = await catalogApi.locationOf(ref.kind, ref.namespace, ref.name).catch(() => undefined);
  const [refresh = false, remove = false, unregister = false] = await authApi.authorize([
    { action: 'catalog.entity.refresh', resource: { entityRef } },
    { action: 'catalog.entity.delete', resource: { entityRef } },
    ...(location ? [{ action: 'catalog.location.unregister' as const, resource: { locationId: location.id } }] : []),
  ]);
  return { entityRef, refresh, remove, unregister: unregister ? location : undefined };
}

/** Refresh, unregister and delete for one entity; each shown only to those the policy allows it. */
export function EntityActions(props: { entity: Entity; onRefreshed: () => void }) {
  const navigate = useNavigate();
  const [allowed] = createResource(() => props.entity, allowedActions);
  const [refreshing, setRefreshing] = createSignal(false);
  const [error, setError] = createSignal<string>();

  const refresh = async (entityRef: string) => {
    setRefreshing(true);
    setError(undefined);
    try {
      await catalogApi.refresh(entityRef);
      props.onRefreshed();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <Show when={allowed.state === 'ready' ? allowed() : undefined}>
      {(a) => (
        <div class="entity-actions" role="group" aria-label="Entity actions">
          <Show when={error()}>
            <span class="entity-actions-error" role="alert">
              {error()}
            </span>
          </Show>
          <Show when={a().refresh}>
            <button type="button" class="button button-small" disabled={refreshing()} onClick={() => void refresh(a().entityRef)}>
              <Icon name="refresh" />
              {refreshing() ? 'Refreshing…' : 'Refresh'}
            </button>
          </Show>
          <Show when={a().unregister}>
            {(location) => (
              <ConfirmButton
                class="button button-small"
                label={
                  <>
                    <Icon name="close" />
                    Unregister
                  </>
                }
                title="Unregister this location?"
                confirmLabel="Unregister location"
                onConfirm={async () => {
                  await catalogApi.unregisterLocation(location().id);
                  navigate('/catalog');
                }}
              >
                <p>
                  Everything registered from <code>{location().target}</code> leaves the catalog, this entity included.
                </p>
              </ConfirmButton>
            )}
          </Show>
          <Show when={a().remove}>
            <ConfirmButton
              class="button button-small"
              label={
                <>
                  <Icon name="trash" />
                  Delete
                </>
              }
              title="Delete this entity?"
              confirmLabel="Delete entity"
              onConfirm={async () => {
                await catalogApi.deleteEntity(props.entity.metadata.uid ?? '');
                navigate('/catalog');
              }}
            >
              <p>It comes back on the next refresh if its location still describes it; unregister the location to remove it for good.</p>
            </ConfirmButton>
          </Show>
        </div>
      )}
    </Show>
  );
}
