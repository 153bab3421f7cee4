import type { JSX } from 'solid-js';

/** A short status label, e.g. a lifecycle or an entity kind. */
export function Badge(props: { tone?: 'neutral' | 'accent' | 'warning' | 'muted'; children: JSX.Element }) {
  return <span class={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}
