import { Router, type RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { AppShell } from './components/AppShell';
import { navItems, pluginRoutes } from './plugins';

const routes: RouteDefinition[] = [
  ...pluginRoutes,
  { path: '*404', component: lazy(() => import('./pages/NotFoundPage')) },
];

/** The portal: the shell around whichever plugin page matches the URL. */
export function App() {
  return <Router root={(props) => <AppShell nav={navItems}>{props.children}</AppShell>}>{routes}</Router>;
}
