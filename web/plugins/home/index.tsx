import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** The home page: search, one's own and starred entities, what changed lately, and where to go next. */
export const homePlugin: Plugin = {
  id: 'home',
  nav: [{ label: 'Home', href: '/', icon: 'home', isActive: (pathname) => pathname === '/' }],
  routes: [{ path: '/', component: lazy(() => import('./HomePage')) }],
};
