import type { Entity } from '../api/types';
import { apiDocsPlugin } from './api-docs';
import { authPlugin } from './auth';
import { catalogPlugin } from './catalog';
import { catalogGraphPlugin } from './catalog-graph';
import { catalogImportPlugin } from './catalog-import';
import { homePlugin } from './home';
import { orgPlugin } from './org';
import { scaffolderPlugin } from './scaffolder';
import { searchPlugin } from './search';
import { techdocsPlugin } from './techdocs';
import type { EntityCard, EntityTab, NavItem, Plugin, PluginRoute } from './types';

/**
 * Every front-end feature, in the order its navigation entries, entity tabs and cards appear.
 * Adding a feature means adding its folder under `plugins/` and one line here.
 */
export const plugins: readonly Plugin[] = [homePlugin, orgPlugin, catalogPlugin, apiDocsPlugin, techdocsPlugin, catalogGraphPlugin, catalogImportPlugin, scaffolderPlugin, searchPlugin, authPlugin];

/** Left-navigation entries of all plugins. */
export const navItems: readonly NavItem[] = plugins.flatMap((p) => p.nav ?? []);

/** Pages of all plugins. */
export const pluginRoutes: readonly PluginRoute[] = plugins.flatMap((p) => p.routes ?? []);

const entityTabs: readonly EntityTab[] = plugins.flatMap((p) => p.entityTabs ?? []);
const entityCards: readonly EntityCard[] = plugins.flatMap((p) => p.entityCards ?? []);

/** The tabs the entity page shows for `entity`. */
export function entityTabsFor(entity: Entity): EntityTab[] {
  return entityTabs.filter((tab) => tab.if?.(entity) ?? true);
}

/** The cards the Overview tab shows for `entity`. */
export function entityCardsFor(entity: Entity): EntityCard[] {
  return entityCards.filter((card) => card.if?.(entity) ?? true);
}

/**
 * Starts fetching the code of the tabs and cards an entity of `kind` shows, so it arrives
 * alongside the entity rather than after it. Only those: locally every file is served by the same
 * single-threaded runtime as the entity itself, and the code of other kinds would delay it.
 * Tabs that depend on more than the kind (Docs, from an annotation) load when opened.
 */
export function preloadEntityContent(kind: string): void {
  const probe: Entity = { apiVersion: '', kind, metadata: { name: '' } };
  for (const { component } of [...entityTabsFor(probe), ...entityCardsFor(probe)]) void component.preload?.();
}
