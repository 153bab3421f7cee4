import type { JSX } from 'solid-js';
import { Icon } from './Icon';

/** A highlighted message about the current content; errors are announced as they appear. */
export function Alert(props: { tone: 'warning' | 'error'; title: string; children?: JSX.Element }) {
  return (
    <div class={`alert alert-${props.tone}`} role={props.tone === 'error' ? 'alert' : 'status'}>
      <Icon name={props.tone === 'error' ? 'error' : 'warning'} size={18} class="alert-icon" />
      <div>
        <p class="alert-title">{props.title}</p>
        <div class="alert-body">{props.children}</div>
      </div>
    </div>
  );
}
