/**
 * The vocabulary of permissions: what can be done (actions), who can be granted it (roles) and
 * what an API token may be limited to (scopes). Everything else in `worker/auth/` speaks it.
 */

/** Every action the policy decides, with what it covers (shown to admins and in the README). */
export const ACTIONS = {
  'catalog.read': 'Read the catalog: entities, facets, locations, search',
  'catalog.location.register': 'Register (or analyze) a location',
  'catalog.location.unregister': 'Unregister a location and everything it produced',
  'catalog.entity.refresh': 'Refresh an entity from its location',
  'catalog.entity.delete': 'Delete an entity',
  'scaffolder.template.run': 'Run a software template (per template with `if: {ref}`)',
  'techdocs.publish': 'Publish an entity’s documentation',
  'tokens.manage': 'Create, list and revoke one’s own API tokens',
  admin: 'Admin pages and routes: audit log, GitHub integration, everyone’s tokens',
} as const;

/** An action name. */
export type Action = keyof typeof ACTIONS;

/** True for a known action name. */
export const isAction = (name: string): name is Action => Object.hasOwn(ACTIONS, name);

/** Roles from least to most: holding one includes every role before it. */
export const ROLES = ['viewer', 'member', 'admin'] as const;

/** A role name. */
export type Role = (typeof ROLES)[number];

/** Rank of a role in ROLES; -1 for none. */
export const roleRank = (role: Role | undefined): number => (role ? ROLES.indexOf(role) : -1);

/**
 * What each API token scope allows. Every scope includes reading the catalog, since writing,
 * publishing or running a template needs to find its entity first; no scope reaches tokens or
 * admin routes, so a leaked token can neither mint more tokens nor read the audit log.
 */
export const SCOPES = {
  'catalog:read': ['catalog.read'],
  'catalog:write': ['catalog.read', 'catalog.location.register', 'catalog.location.unregister', 'catalog.entity.refresh', 'catalog.entity.delete'],
  'techdocs:publish': ['catalog.read', 'techdocs.publish'],
  'scaffolder:run': ['catalog.read', 'scaffolder.template.run'],
} as const satisfies Record<string, readonly Action[]>;

/** A token scope name. */
export type Scope = keyof typeof SCOPES;

/** True for a known scope name. */
export const isScope = (name: string): name is Scope => Object.hasOwn(SCOPES, name);
