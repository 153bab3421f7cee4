import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** Signing in, API tokens and the audit log; the header's user menu and guest banner are in App. */
export const authPlugin: Plugin = {
  id: 'auth',
  nav: [
    { label: 'API tokens', href: '/settings/tokens', icon: 'key', requires: 'tokens.manage' },
    { label: 'Audit log', href: '/admin/audit', icon: 'shield', requires: 'admin' },
  ],
  routes: [
    { path: '/sign-in', component: lazy(() => import('./SignInPage')) },
    { path: '/settings/tokens', component: lazy(() => import('./TokensPage')) },
    { path: '/admin/audit', component: lazy(() => import('./AuditPage')) },
  ],
};
