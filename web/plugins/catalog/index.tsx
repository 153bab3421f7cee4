import { Navigate } from '@solidjs/router';
import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** The software catalog: list, entity pages, and the Overview tab with its About and Relations cards. */
export const catalogPlugin: Plugin = {
  id: 'catalog',
  nav: [
    { label: 'Home', href: '/', icon: 'home', isActive: (pathname) => pathname === '/' },
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
    // Until a home page exists, the catalog is where people land.
    { path: '/', component: () => <Navigate href="/catalog" /> },
    { path: '/catalog', component: lazy(() => import('./CatalogPage')) },
    { path: '/catalog/:namespace/:kind/:name/:tab?', component: lazy(() => import('./EntityPage')) },
  ],
  entityTabs: [{ id: 'overview', title: 'Overview', component: lazy(() => import('./OverviewTab')) }],
  entityCards: [
    { id: 'about', component: lazy(() => import('./AboutCard')) },
    { id: 'relations', component: lazy(() => import('./RelationsCard')) },
  ],
};
