import { Navigate } from '@solidjs/router';
import { lazy } from 'solid-js';
import type { Plugin } from '../types';

const isApi = (pathname: string, query: URLSearchParams) =>
  pathname === '/catalog' && query.get('kind')?.toLowerCase() === 'api';

/** APIs: a navigation entry to the catalog's API list and the Definition tab of API entities. */
export const apiDocsPlugin: Plugin = {
  id: 'api-docs',
  nav: [{ label: 'APIs', href: '/catalog?kind=api', icon: 'api', isActive: isApi }],
  // Backstage's URL for the API list, so existing bookmarks keep working.
  routes: [{ path: '/api-docs', component: () => <Navigate href="/catalog?kind=api" /> }],
  entityTabs: [
    {
      id: 'definition',
      title: 'Definition',
      if: (entity) => entity.kind.toLowerCase() === 'api',
      component: lazy(() => import('./DefinitionTab')),
    },
  ],
};
