import { Show } from 'solid-js';
import { safeHref } from '../lib/safeHref';
import { Icon, type IconName } from './Icon';

/** An icon-only link to an entity-supplied URL, named by `label`; nothing renders for an unsafe URL. */
export function IconLink(props: { href: string | undefined; icon: IconName; label: string }) {
  return (
    <Show when={safeHref(props.href)}>
      {(url) => (
        <a href={url()} class="icon-button" target="_blank" rel="noopener noreferrer" aria-label={props.label} title={props.label}>
          <Icon name={props.icon} />
        </a>
      )}
    </Show>
  );
}
