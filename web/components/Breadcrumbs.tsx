import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';

/** The trail from a section to the current page; the last crumb is the page itself. */
export function Breadcrumbs(props: { items: { label: string; href?: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        <For each={props.items}>
          {(item, i) => (
            <li>
              <Show when={item.href && i() < props.items.length - 1} fallback={<span aria-current="page">{item.label}</span>}>
                <A href={item.href ?? ''}>{item.label}</A>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </nav>
  );
}
