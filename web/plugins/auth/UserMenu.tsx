import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { authApi } from '../../api/authApi';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { entityRoute, humanizeEntityRef, parseEntityRef } from '../../lib/entityRef';
import { SIGN_IN_PATH } from './SessionGate';
import { can, session } from './session';

const MENU_ID = 'user-menu';

/**
 * The signed-in user in the header: who they are, their tokens, and signing out (here or
 * everywhere). The browser's popover does the opening, light dismissal and Escape, so the
 * header carries no menu library.
 */
export default function UserMenu() {
  let menu: HTMLDivElement | undefined;
  const [failed, setFailed] = createSignal<string>();
  const user = () => {
    const current = session();
    return current?.signedIn ? current : undefined;
  };
  const userRef = () => parseEntityRef(user()?.identity.userEntityRef ?? '');
  const close = () => menu?.hidePopover();
  const signOut = async (everywhere: boolean) => {
    try {
      await (everywhere ? authApi.signOutEverywhere() : authApi.signOut());
      // A full load forgets everything the app knew about this user.
      window.location.assign(SIGN_IN_PATH);
    } catch (error) {
      close();
      setFailed(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Show when={user()}>
      {(u) => (
        <div class="user-menu">
          <Show when={failed()}>
            <span class="user-menu-error" role="alert">
              {failed()}
            </span>
          </Show>
          <button type="button" class="user-trigger" popovertarget={MENU_ID} aria-label={`Account: ${u().identity.displayName}`}>
            <Avatar picture={u().identity.picture} name={u().identity.displayName} />
            <span class="user-name">{u().identity.displayName}</span>
            <Icon name="chevronDown" size={14} />
          </button>
          <div id={MENU_ID} ref={menu} popover class="menu-content">
            <div class="menu-identity">
              <span class="menu-identity-name">{u().identity.displayName}</span>
              <span class="menu-identity-ref">
                {userRef() ? humanizeEntityRef(userRef()!) : u().identity.userEntityRef}
                {u().role ? ` · ${u().role}` : ''}
              </span>
            </div>
            <hr class="menu-separator" />
            <Show when={u().identity.inCatalog && userRef()}>
              <A class="menu-item" href={entityRoute(userRef()!)} onClick={close}>
                <Icon name="user" />
                Your profile
              </A>
            </Show>
            <Show when={can('tokens.manage')}>
              <A class="menu-item" href="/settings/tokens" onClick={close}>
                <Icon name="key" />
                API tokens
              </A>
            </Show>
            <Show when={u().via === 'session'}>
              <hr class="menu-separator" />
              <button type="button" class="menu-item" onClick={() => void signOut(false)}>
                <Icon name="logout" />
                Sign out
              </button>
              <button type="button" class="menu-item" onClick={() => void signOut(true)}>
                <Icon name="logout" />
                Sign out everywhere
              </button>
            </Show>
            <Show when={u().guest && u().signIn.github}>
              <hr class="menu-separator" />
              <a class="menu-item" href={authApi.signInUrl('/')} rel="external">
                <Icon name="user" />
                Sign in with GitHub
              </a>
            </Show>
          </div>
        </div>
      )}
    </Show>
  );
}
