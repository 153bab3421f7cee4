import type { JSX } from 'solid-js';
import { Icon } from './Icon';

/** What to show when a list has nothing in it, with a hint or action as `children`. */
export function EmptyState(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="empty-state">
      <Icon name="empty" size={28} class="empty-state-icon" />
      <p class="empty-state-title">{props.title}</p>
      {props.children}
    </div>
  );
}
