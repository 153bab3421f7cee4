import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** Search across the portal: the `/search` page; the command palette sits in the app header. */
export const searchPlugin: Plugin = {
  id: 'search',
  nav: [{ label: 'Search', href: '/search', icon: 'search' }],
  routes: [{ path: '/search', component: lazy(() => import('./SearchPage')) }],
};
