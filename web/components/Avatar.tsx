import { Show } from 'solid-js';
import { safeHref } from '../lib/safeHref';

/** Up to two initials of a name, for an avatar without a picture. */
function initials(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? parts[parts.length - 1]![0] : '')).toUpperCase() || '?';
}

/**
 * A person's or group's picture, or their initials when there is none (or it is not an http(s) URL:
 * pictures come from catalog entities). Decorative, since the name is always next to it.
 */
export function Avatar(props: { picture?: string; name: string; size?: number }) {
  const size = () => props.size ?? 28;
  const src = () => {
    const url = safeHref(props.picture);
    return url && /^https?:/.test(url) ? url : undefined;
  };
  return (
    <Show
      when={src()}
      fallback={
        <span class="avatar" aria-hidden="true" style={{ width: `${size()}px`, height: `${size()}px`, 'font-size': `${Math.round(size() / 2.4)}px` }}>
          {initials(props.name)}
        </span>
      }
    >
      {(url) => <img class="avatar" src={url()} alt="" width={size()} height={size()} referrerpolicy="no-referrer" loading="lazy" />}
    </Show>
  );
}
