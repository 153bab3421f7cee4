import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** Registering an existing component: `/catalog-import`, as in Backstage. */
export const catalogImportPlugin: Plugin = {
  id: 'catalog-import',
  nav: [{ label: 'Register existing', href: '/catalog-import', icon: 'link', requires: 'catalog.location.register' }],
  routes: [{ path: '/catalog-import', component: lazy(() => import('./ImportPage')) }],
};
