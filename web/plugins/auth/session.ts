import { createResource, createRoot } from 'solid-js';
import { authApi, type Action, type Me } from '../../api/authApi';

// One answer to "who am I and what may I do" for the whole app, fetched once per page load;
// signing in or out reloads the page, so it never goes stale within one.
const [me] = createRoot(() => createResource(() => authApi.me()));

/** The signed-in user and their permissions; `undefined` while loading. */
export const session = (): Me | undefined => (me.state === 'ready' ? me() : undefined);

/** Whether the session could not be loaded at all (the API is unreachable). */
export const sessionError = (): unknown => me.error;

/** Whether the policy allows `action` outright (conditional actions are asked per entity). */
export function can(action: Action): boolean {
  const m = session();
  return !!m?.signedIn && m.permissions[action] === 'allow';
}
