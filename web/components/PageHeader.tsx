import { Show, type JSX } from 'solid-js';

/** The title block at the top of a page; `children` go on the right (actions). */
export function PageHeader(props: { title: string; description?: string; children?: JSX.Element }) {
  return (
    <div class="page-header">
      <div>
        <h1>{props.title}</h1>
        <Show when={props.description}>
          <p class="page-description">{props.description}</p>
        </Show>
      </div>
      <Show when={props.children}>
        <div class="page-actions">{props.children}</div>
      </Show>
    </div>
  );
}
