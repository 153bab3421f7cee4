import { Show, type JSX } from 'solid-js';
import { safeHref } from '../lib/safeHref';
import { Icon } from './Icon';

/**
 * A link to an entity-supplied URL, opened in a new tab. URLs that are not http(s)/mailto
 * render as plain text, so a descriptor can never inject a script link.
 */
export function ExternalLink(props: { href: string | undefined; class?: string; children: JSX.Element }) {
  const href = () => safeHref(props.href);
  return (
    <Show
      when={href()}
      fallback={
        <span class={`${props.class ?? ''} link-blocked`} title="Not a web address, so it is not linked">
          {props.children}
        </span>
      }
    >
      {(url) => (
        <a href={url()} class={props.class} target="_blank" rel="noopener noreferrer">
          {props.children}
          <Icon name="external" size={12} class="external-icon" />
          <span class="sr-only"> (opens in a new tab)</span>
        </a>
      )}
    </Show>
  );
}
