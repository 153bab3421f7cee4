import { Show } from 'solid-js';
import { Icon } from '../../components/Icon';
import { session } from './session';

/** Says, on every page, that nobody signed in: this is a local guest with admin rights. */
export function GuestBanner() {
  const guest = () => {
    const current = session();
    return !!current?.signedIn && current.guest;
  };
  return (
    <Show when={guest()}>
      <div class="guest-banner" role="status">
        <Icon name="warning" size={16} />
        <span>
          <strong>Guest mode.</strong> You are a local guest with admin rights, for development only; a deployed portal never allows this.
        </span>
      </div>
    </Show>
  );
}
