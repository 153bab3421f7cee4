import { Navigate, useSearchParams } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import { authApi } from '../../api/authApi';
import { Alert } from '../../components/Alert';
import { BrandLogo } from '../../components/BrandLogo';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../lib/documentTitle';
import { safeReturnPath } from '../../../worker/auth/return-path';
import { session } from './session';

/** Why the last sign-in did not work, in words; the server sends the reason as `?error=`. */
function refusal(error: string, login: string | undefined): { title: string; text: string } {
  const who = login ? `GitHub user ${login}` : 'Your GitHub user';
  switch (error) {
    case 'not-in-catalog':
      return {
        title: `${who} is not in the catalog`,
        text: `Greenroom signs in people it knows: ask an admin to add a User entity${login ? ` with the annotation github.com/user-login: ${login}` : ''} (or named after your login), then try again.`,
      };
    case 'not-in-org':
      return { title: `${who} may not sign in here`, text: 'Only members of the organisations this portal is for can sign in. Ask an admin if you should be one.' };
    case 'github-denied':
      return { title: 'Sign-in was cancelled', text: 'GitHub did not give Greenroom access. Try again and authorize the app.' };
    default:
      return { title: 'Sign-in did not work', text: 'Try again.' };
  }
}

/** The page people land on when not signed in: one button, and a clear reason when the last try failed. */
export default function SignInPage() {
  const [params] = useSearchParams<{ redirect?: string; error?: string; login?: string }>();
  const returnTo = () => safeReturnPath(params.redirect);
  useDocumentTitle(() => 'Sign in');

  return (
    <main id="main" class="sign-in-page">
      <div class="sign-in-card card">
        <BrandLogo />
        <Switch fallback={<LoadingState label="Checking who you are" />}>
          <Match when={session()?.signedIn && !params.error}>
            <Navigate href={returnTo()} />
          </Match>
          <Match when={session()}>
            {(current) => (
              <>
                <h1>Sign in to Greenroom</h1>
                <Show when={params.error}>
                  {(error) => (
                    <Alert tone="error" title={refusal(error(), params.login).title}>
                      <p>{refusal(error(), params.login).text}</p>
                    </Alert>
                  )}
                </Show>
                <Show
                  when={current().signIn.github}
                  fallback={<p class="muted">Sign-in is not configured on this portal yet: an admin sets AUTH_GITHUB_CLIENT_ID and its secret.</p>}
                >
                  {/* A full page load, not a client-side route: the server sends the browser on to GitHub. */}
                  <a class="button button-primary sign-in-button" href={authApi.signInUrl(returnTo())} rel="external">
                    Sign in with GitHub
                  </a>
                </Show>
              </>
            )}
          </Match>
        </Switch>
      </div>
    </main>
  );
}
