import { Router, useLocation, type RouteDefinition, type RouteSectionProps } from '@solidjs/router';
import { lazy, Show } from 'solid-js';
import { AppShell } from './components/AppShell';
import { navItems, pluginRoutes } from './plugins';
import { GuestBanner } from './plugins/auth/GuestBanner';
import { SessionGate, SIGN_IN_PATH } from './plugins/auth/SessionGate';
import UserMenu from './plugins/auth/UserMenu';
import { can } from './plugins/auth/session';

const routes: RouteDefinition[] = [
  ...pluginRoutes,
  { path: '*404', component: lazy(() => import('./pages/NotFoundPage')) },
];

/** Every page but sign-in: someone signed in, inside the shell, with only the navigation they may use. */
function Root(props: RouteSectionProps) {
  const location = useLocation();
  const nav = () => navItems.filter((item) => !item.requires || can(item.requires));
  return (
    <Show when={location.pathname !== SIGN_IN_PATH} fallback={props.children}>
      <SessionGate>
        <AppShell nav={nav()} account={<UserMenu />} banner={<GuestBanner />}>
          {props.children}
        </AppShell>
      </SessionGate>
    </Show>
  );
}

/** The portal: the shell around whichever plugin page matches the URL. */
export function App() {
  return <Router root={Root}>{routes}</Router>;
}
