import { createSignal, Show } from 'solid-js';
import type { CompoundEntityRef } from '../lib/entityRef';
import { isStarred, setStarred } from '../lib/stars';
import { Icon } from './Icon';
import './StarButton.css';

/** A toggle that stars or unstars an entity for the signed-in user; `label` names the entity for screen readers. */
export function StarButton(props: { entityRef: CompoundEntityRef; label: string; class?: string }) {
  const [failed, setFailed] = createSignal<string>();
  const starred = () => isStarred(props.entityRef);
  const toggle = async () => {
    setFailed(undefined);
    try {
      await setStarred(props.entityRef, !starred());
    } catch (error) {
      setFailed(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <span class="star-control">
      <button
        type="button"
        class={`icon-button star-button ${props.class ?? ''}`}
        classList={{ starred: starred() }}
        aria-pressed={starred()}
        aria-label={`Star ${props.label}`}
        title={starred() ? 'Starred: click to unstar' : 'Star'}
        onClick={() => void toggle()}
      >
        <Icon name="star" />
      </button>
      <Show when={failed()}>
        <span class="star-error" role="alert">
          Could not {starred() ? 'unstar' : 'star'}: {failed()}
        </span>
      </Show>
    </span>
  );
}
