import { Show } from 'solid-js';
import { initials, type Profile } from './profile';

/** A profile picture, or initials when there is none; decorative, since the name is always next to it. */
export function Avatar(props: { profile: Profile; name: string; size?: number }) {
  const size = () => props.size ?? 28;
  return (
    <Show
      when={props.profile.picture}
      fallback={
        <span class="avatar" aria-hidden="true" style={{ width: `${size()}px`, height: `${size()}px`, 'font-size': `${Math.round(size() / 2.4)}px` }}>
          {initials(props.profile.displayName ?? props.name)}
        </span>
      }
    >
      {(src) => <img class="avatar" src={src()} alt="" width={size()} height={size()} referrerpolicy="no-referrer" loading="lazy" />}
    </Show>
  );
}
