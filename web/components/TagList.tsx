import { For, Show } from 'solid-js';

/** Entity tags as chips; with `max`, the rest collapse into a "+N" chip listing them in its tooltip. */
export function TagList(props: { tags: readonly string[] | undefined; max?: number }) {
  const shown = () => (props.max === undefined ? props.tags ?? [] : (props.tags ?? []).slice(0, props.max));
  const hidden = () => (props.tags ?? []).slice(shown().length);
  return (
    <Show when={props.tags?.length}>
      <ul class="tag-list" aria-label="Tags">
        <For each={shown()}>{(tag) => <li class="tag">{tag}</li>}</For>
        <Show when={hidden().length}>
          <li class="tag tag-more" title={hidden().join(', ')}>
            +{hidden().length}
            <span class="sr-only"> more: {hidden().join(', ')}</span>
          </li>
        </Show>
      </ul>
    </Show>
  );
}
