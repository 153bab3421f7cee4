import { lazy } from 'solid-js';
import type { Plugin } from '../types';

/** Software templates at Backstage's URLs: the gallery, the form wizard, tasks, the template editor and the actions list. */
export const scaffolderPlugin: Plugin = {
  id: 'scaffolder',
  nav: [{ label: 'Create', href: '/create', icon: 'create', requires: 'scaffolder.template.run' }],
  routes: [
    { path: '/create', component: lazy(() => import('./TemplateGalleryPage')) },
    { path: '/create/templates/:namespace/:name', component: lazy(() => import('./TemplateWizardPage')) },
    { path: '/create/tasks', component: lazy(() => import('./TasksPage')) },
    { path: '/create/tasks/:taskId', component: lazy(() => import('./TaskPage')) },
    { path: '/create/edit', component: lazy(() => import('./TemplateEditorPage')) },
    { path: '/create/actions', component: lazy(() => import('./ActionsPage')) },
  ],
};
