import { lazy } from 'solid-js';
import type { Plugin } from '../types';
import { hasTechDocs } from './editLink';

/** TechDocs: the docs index, the reader at Backstage's `/docs/…` URLs, and the Docs tab of entities with docs. */
export const techdocsPlugin: Plugin = {
  id: 'techdocs',
  nav: [{ label: 'Docs', href: '/docs', icon: 'book' }],
  routes: [
    { path: '/docs', component: lazy(() => import('./DocsIndexPage')) },
    { path: '/docs/:namespace/:kind/:name/*page', component: lazy(() => import('./DocsReaderPage')) },
    // At least one segment after `docs`, so the entity page's own `…/docs` tab URL never matches here.
    { path: '/catalog/:namespace/:kind/:name/docs/:first/*rest', component: lazy(() => import('./DocsTabRedirect')) },
  ],
  entityTabs: [{ id: 'docs', title: 'Docs', if: hasTechDocs, component: lazy(() => import('./DocsTab')) }],
};
