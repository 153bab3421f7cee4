import { Router, useLocation, usePreloadRoute, type RouteDefinition, type RouteSectionProps } from '@solidjs/router';
import { lazy, Show } from 'solid-js';
import { AppShell } from './components/AppShell';
import { navItems, pluginRoutes } from './plugins';
import { GuestBanner } from './plugins/auth/GuestBanner';
import { SessionGate, SIGN_IN_PATH } from './plugins/auth/SessionGate';
import UserMenu from './plugins/auth/UserMenu';
import { ThemeToggle } from './components/ThemeToggle';
import { can } from './plugins/auth/session';
import { CommandPalette } from './plugins/search/CommandPalette';

const routes: RouteDefinition[] = [
  ...pluginRoutes,
  { path: '*404', component: lazy(() => import('./pages/NotFoundPage')) },
];

/** Every page but sign-in: someone signed in, inside the shell, with only the navigation they may use. */
function Root(props: RouteSectionProps) {
  const location = useLocation();
  const nav = () => navItems.filter((item) => !item.requires || can(item.requires));
  // The page's code loads while the session is checked, not after.
  usePreloadRoute()(location.pathname + location.search);
  return (
    <Show when={location.pathname !== SIGN_IN_PATH} fallback={props.children}>
      <SessionGate>
        <AppShell
          nav={nav()}
          account={
            <>
              <CommandPalette pages={nav().map((item) => ({ label: item.label, href: item.href }))} />
              <ThemeToggle />
              <UserMenu />
            </>
          }
          banner={<GuestBanner />}
        >
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
