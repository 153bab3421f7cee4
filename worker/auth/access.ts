import { TrieRouter } from 'hono/router/trie-router';
import type { Action } from './actions';

/** Where a route's subject is found, for rules with conditions such as "owner of the entity". */
export type ResourceLocator =
  | { entity: 'uid' }
  /** `:kind`, `:namespace`, `:name` path parameters. */
  | { entity: 'path' }
  /** A JSON body field holding an entity ref. */
  | { entity: 'body'; field: string }
  | { location: 'id' };

/** Requests per minute are limited per client for these. */
export type RateLimitBucket = 'sign-in' | 'token';

/** What a route needs. */
export type Access =
  /** Nobody's identity is looked at; `why` says what makes that safe. */
  | { kind: 'public'; why: string; csrf?: 'exempt'; rateLimit?: RateLimitBucket }
  /** Valid credentials give an identity, anything else is simply anonymous (never 401). `audit` names a write. */
  | { kind: 'optional'; audit?: string }
  /** Anyone signed in (session, token or guest; `tokens: false` leaves API tokens out). `audit` names a write. */
  | { kind: 'signed-in'; audit?: string; tokens?: false }
  /** An action the policy decides. */
  | { kind: 'action'; action: Action; resource?: ResourceLocator; rateLimit?: RateLimitBucket };

const read: Access = { kind: 'action', action: 'catalog.read' };
const admin: Access = { kind: 'action', action: 'admin' };
const action = (a: Action, resource?: ResourceLocator, rateLimit?: RateLimitBucket): Access => ({
  kind: 'action',
  action: a,
  ...(resource ? { resource } : {}),
  ...(rateLimit ? { rateLimit } : {}),
});

/**
 * Every API route and what it needs: the one table the auth middleware consults. A route that
 * is not here is refused (401 anonymous, 403 otherwise), so a new route is closed until it is
 * listed. Paths use Hono's syntax; the first matching entry wins. Like the catalog's routes,
 * other plugins must read entities through `c.var.store`, which is cut to what the
 * caller may read (a conditional write on an entity the caller cannot see is left to the
 * route's own 404).
 */
export const ROUTE_ACCESS: readonly (readonly [method: string, path: string, access: Access])[] = [
  ['GET', '/api/health', { kind: 'public', why: 'liveness probe; says nothing about the catalog' }],

  // Sign-in (worker/auth/api/).
  ['GET', '/api/auth/me', { kind: 'optional' }],
  ['GET', '/api/auth/github/start', { kind: 'public', why: 'starts GitHub OAuth; bound to the browser by the state cookie', rateLimit: 'sign-in' }],
  ['GET', '/api/auth/github/handler/frame', { kind: 'public', why: 'OAuth callback; checks state, PKCE and GitHub itself', rateLimit: 'sign-in' }],
  ['GET', '/api/auth/github/refresh', { kind: 'signed-in', tokens: false }],
  ['POST', '/api/auth/github/logout', { kind: 'optional', audit: 'auth.logout' }],
  ['DELETE', '/api/auth/sessions', { kind: 'signed-in', audit: 'auth.logout-everywhere', tokens: false }],
  ['POST', '/api/auth/authorize', { kind: 'signed-in' }],
  ['GET', '/api/auth/tokens/all', admin],
  ['GET', '/api/auth/tokens', action('tokens.manage')],
  ['POST', '/api/auth/tokens', action('tokens.manage', undefined, 'token')],
  ['DELETE', '/api/auth/tokens/:id', action('tokens.manage')],
  ['GET', '/api/auth/audit', admin],

  // The catalog (worker/catalog/api/).
  ['GET', '/api/catalog/entities', read],
  ['GET', '/api/catalog/entities/by-query', read],
  ['POST', '/api/catalog/entities/by-query', read],
  ['POST', '/api/catalog/entities/by-refs', read],
  ['GET', '/api/catalog/entities/by-uid/:uid', read],
  ['DELETE', '/api/catalog/entities/by-uid/:uid', action('catalog.entity.delete', { entity: 'uid' })],
  ['GET', '/api/catalog/entities/by-name/:kind/:namespace/:name', read],
  ['GET', '/api/catalog/entities/by-name/:kind/:namespace/:name/ancestry', read],
  ['GET', '/api/catalog/entity-facets', read],
  ['POST', '/api/catalog/entity-facets', read],
  ['POST', '/api/catalog/locations', action('catalog.location.register')],
  ['GET', '/api/catalog/locations', read],
  ['POST', '/api/catalog/locations/by-query', read],
  ['GET', '/api/catalog/locations/by-entity/:kind/:namespace/:name', read],
  ['GET', '/api/catalog/locations/:id', read],
  ['GET', '/api/catalog/locations/:id/status', read],
  ['DELETE', '/api/catalog/locations/:id', action('catalog.location.unregister', { location: 'id' })],
  ['POST', '/api/catalog/refresh', action('catalog.entity.refresh', { entity: 'body', field: 'entityRef' })],
  ['POST', '/api/catalog/validate-entity', read],
  ['POST', '/api/catalog/analyze-location', action('catalog.location.register')],
  ['GET', '/api/catalog/entities/recently-changed', read],

  // Per-user settings (worker/settings/): one's own stars. People, not tokens: a token's scopes say nothing about them.
  ['GET', '/api/settings/starred', { kind: 'signed-in', tokens: false }],
  ['PUT', '/api/settings/starred/:kind/:namespace/:name', { kind: 'signed-in', tokens: false, audit: 'settings.star' }],
  ['DELETE', '/api/settings/starred/:kind/:namespace/:name', { kind: 'signed-in', tokens: false, audit: 'settings.unstar' }],

  // Search (worker/search/): results are cut to what the reader may read.
  ['GET', '/api/search/query', read],

  // GitHub (worker/github/).
  ['POST', '/api/github/webhook', { kind: 'public', why: 'GitHub signs every delivery; verified before anything is read', csrf: 'exempt' }],
  ['GET', '/api/github/setup', { kind: 'public', why: 'bootstraps the App before anyone can sign in; does nothing once it is configured' }],
  ['GET', '/api/github/setup/callback', { kind: 'public', why: 'needs the setup state cookie and a one-time code; refused once the App is configured' }],
  ['GET', '/api/github/status', admin],
  ['GET', '/api/github/repositories', admin],
  ['POST', '/api/github/reconcile', admin],
  ['GET', '/api/github/failures', admin],
  ['POST', '/api/github/failures/:key/retry', admin],

  // The scaffolder (worker/scaffolder/): running is decided per template; cancelling and retrying
  // also need to be the task's creator or an admin (checked by the route).
  ['POST', '/api/scaffolder/v2/tasks', action('scaffolder.template.run', { entity: 'body', field: 'templateRef' })],
  ['POST', '/api/scaffolder/v2/tasks/:taskId/cancel', action('scaffolder.template.run')],
  ['POST', '/api/scaffolder/v2/tasks/:taskId/retry', action('scaffolder.template.run')],
  ['POST', '/api/scaffolder/v2/dry-run', action('scaffolder.template.run')],
  ['GET', '/api/scaffolder/v2/templates', read],
  ['GET', '/api/scaffolder/v2/templates/:namespace/:kind/:name/parameter-schema', read],
  ['GET', '/api/scaffolder/v2/actions', read],
  ['GET', '/api/scaffolder/v2/tasks', read],
  ['GET', '/api/scaffolder/v2/tasks/:taskId', read],
  ['GET', '/api/scaffolder/v2/tasks/:taskId/events', read],
  ['GET', '/api/scaffolder/v2/tasks/:taskId/eventstream', read],
  ['GET', '/api/scaffolder/v2/tasks/:taskId/archive', read],

  // TechDocs (worker/techdocs/): reading follows the entity, publishing is decided per entity.
  ['GET', '/api/techdocs/static/docs/:namespace/:kind/:name/*', action('catalog.read', { entity: 'path' })],
  ['GET', '/api/techdocs/metadata/techdocs/:namespace/:kind/:name', action('catalog.read', { entity: 'path' })],
  ['GET', '/api/techdocs/metadata/entity/:namespace/:kind/:name', action('catalog.read', { entity: 'path' })],
  ['GET', '/api/techdocs/status/:namespace/:kind/:name', action('catalog.read', { entity: 'path' })],
  ['GET', '/api/techdocs/sites', read],
  ['POST', '/api/techdocs/publish/:namespace/:kind/:name', action('techdocs.publish', { entity: 'path' })],
];

const router = new TrieRouter<number>();
ROUTE_ACCESS.forEach(([method, path], i) => router.add(method, path, i));

/** The access a request needs and its path parameters; undefined when no entry covers it (refused). */
export function matchAccess(method: string, path: string): { access: Access; params: Record<string, string> } | undefined {
  // Hono answers HEAD with the GET route, so HEAD needs what GET needs.
  const [matches] = router.match(method === 'HEAD' ? 'GET' : method, path) as [[number, Record<string, string>][]];
  let best: [number, Record<string, string>] | undefined;
  for (const m of matches) if (!best || m[0] < best[0]) best = m;
  return best && { access: ROUTE_ACCESS[best[0]]![2], params: best[1] };
}
