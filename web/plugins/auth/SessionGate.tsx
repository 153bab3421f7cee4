import { useLocation, useNavigate } from '@solidjs/router';
import { createEffect, Match, Switch, type JSX } from 'solid-js';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { session, sessionError } from './session';

/** The sign-in page's path; everything else needs someone signed in (a guest counts). */
export const SIGN_IN_PATH = '/sign-in';

/** Renders its children for a signed-in user; anyone else is sent to sign in, and back here after. */
export function SessionGate(props: { children: JSX.Element }) {
  const location = useLocation();
  const navigate = useNavigate();
  createEffect(() => {
    const current = session();
    if (current && !current.signedIn) {
      navigate(`${SIGN_IN_PATH}?redirect=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
  });
  return (
    <Switch fallback={<LoadingState label="Checking who you are" />}>
      <Match when={sessionError()}>
        <div class="page">
          <ErrorPanel title="Could not reach Greenroom" error={sessionError()} onRetry={() => window.location.reload()} />
        </div>
      </Match>
      <Match when={session()?.signedIn}>{props.children}</Match>
    </Switch>
  );
}
