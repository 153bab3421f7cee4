import { createUniqueId, Show, type JSX } from 'solid-js';

/** A titled section with a surface; `actions` sit at the right of the title. */
export function Card(props: { title: string; actions?: JSX.Element; children: JSX.Element }) {
  const titleId = createUniqueId();
  return (
    <section class="card" aria-labelledby={titleId}>
      <div class="card-header">
        <h2 id={titleId}>{props.title}</h2>
        <Show when={props.actions}>
          <div class="card-actions">{props.actions}</div>
        </Show>
      </div>
      <div class="card-body">{props.children}</div>
    </section>
  );
}
