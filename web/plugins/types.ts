import type { RoutePreloadFunc, RouteSectionProps } from '@solidjs/router';
import type { Component } from 'solid-js';
import type { Action } from '../api/authApi';
import type { Entity } from '../api/types';
import type { IconName } from '../components/Icon';

/** A component that may be code-split with `lazy()`, so its code can be fetched ahead of rendering. */
export type MaybeLazy<P extends object> = Component<P> & { preload?: () => Promise<unknown> };

/** Props every entity tab and card receives. */
export interface EntityContentProps {
  entity: Entity;
}

/** A page of the app. */
export interface PluginRoute {
  /** Router path, e.g. `/catalog/:namespace/:kind/:name/:tab?`. */
  path: string;
  component: MaybeLazy<RouteSectionProps>;
  /** Starts fetching the page's data as soon as the URL is known, alongside its code (the router's `preload`). */
  preload?: RoutePreloadFunc;
}

/** An entry of the left navigation. */
export interface NavItem {
  label: string;
  href: string;
  icon: IconName;
  /** Overrides the default "path starts with `href`" highlighting, e.g. for views defined by a query. */
  isActive?: (pathname: string, query: URLSearchParams) => boolean;
  /** Shown only to those the policy allows this action. */
  requires?: Action;
}

/** A tab of the entity page. */
export interface EntityTab {
  /** Path segment after the entity's URL; the first tab has none. */
  id: string;
  title: string;
  if?: (entity: Entity) => boolean;
  component: MaybeLazy<EntityContentProps>;
}

/** A card of the entity page's Overview tab. */
export interface EntityCard {
  id: string;
  if?: (entity: Entity) => boolean;
  /** `full` spans the whole width of the overview grid. */
  size?: 'half' | 'full';
  component: MaybeLazy<EntityContentProps>;
}

/** One feature of the portal and everything it adds to the front end. */
export interface Plugin {
  id: string;
  nav?: NavItem[];
  routes?: PluginRoute[];
  entityTabs?: EntityTab[];
  entityCards?: EntityCard[];
}
