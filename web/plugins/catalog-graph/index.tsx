import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** The relations graph: `/catalog-graph` (Backstage's URL) and a Graph tab on every entity. */
export const catalogGraphPlugin: Plugin = {
  id: 'catalog-graph',
  nav: [{ label: 'Catalog graph', href: '/catalog-graph', icon: 'graph' }],
  routes: [{ path: '/catalog-graph', component: lazy(() => import('./GraphPage')) }],
  entityTabs: [{ id: 'graph', title: 'Graph', component: lazy(() => import('./GraphTab')) }],
};
