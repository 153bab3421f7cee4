import { lazy } from 'solid-js';
import type { Plugin } from '../types';
import { prefetchCatalogPage } from './catalogPageQuery';
import { parseView, type CatalogParams } from './catalogView';

/** The software catalog: list, entity pages, and the Overview tab with its About and Relations cards. */
export const catalogPlugin: Plugin = {
  id: 'catalog',
  nav: [
    {
      label: 'Catalog',
      href: '/catalog',
      icon: 'catalog',
      // The API list is the catalog filtered to kind API, and has its own entry.
      isActive: (pathname, query) =>
        pathname === '/catalog'
          ? query.get('kind')?.toLowerCase() !== 'api'
          : pathname.startsWith('/catalog/'),
    },
  ],
  routes: [
    {
      path: '/catalog',
      component: lazy(() => import('./CatalogPage')),
      // The first rows are fetched while the app still checks the session and loads the page's code.
      preload: ({ location }) => prefetchCatalogPage(parseView(location.query as CatalogParams)),
    },
    { path: '/catalog/:namespace/:kind/:name/:tab?', component: lazy(() => import('./EntityPage')) },
  ],
  entityTabs: [{ id: 'overview', title: 'Overview', component: lazy(() => import('./OverviewTab')) }],
  entityCards: [
    // Groups and users get a Profile card (plugins/org) in its place.
    { id: 'about', if: (e) => !['group', 'user'].includes(e.kind.toLowerCase()), component: lazy(() => import('./AboutCard')) },
    { id: 'relations', component: lazy(() => import('./RelationsCard')) },
  ],
};
