// The permission sweep: every API route × every kind of caller, against the default rules and
// the test roles (vitest.config.mts: acme members are members, team acme/platform admins,
// everyone else a viewer). Each row says, per caller, the status the policy promises; a route
// added to the Worker without a row here, or without an entry in the access table, fails.

import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GithubOAuthStandin } from '../../scripts/lib/github-oauth-standin';
import { ROUTE_ACCESS } from '../../worker/auth/access';
import type { Scope } from '../../worker/auth/actions';
import { createToken } from '../../worker/auth/tokens';
import { plugins } from '../../worker/plugins';
import { ACME_CATALOG, clearAuth, componentFile, DEPLOYED, RAW, registerAsGuest, sessionFor, stubOutbound } from './auth-support';
import { clearCatalog, d1Store } from './support';

const SCOPES: Scope[] = ['catalog:read', 'catalog:write', 'techdocs:publish', 'scaffolder:run'];
const PEOPLE = { viewer: 'vic', member: 'mia', owner: 'bob', admin: 'ada' } as const;
const WHO = ['anonymous', 'viewer', 'member', 'owner', 'admin', 'guest', ...SCOPES] as const;
type Who = (typeof WHO)[number];
type Person = keyof typeof PEOPLE;

// Who may, by the default rules. Every token scope includes reading; tokens are the admin's.
const SIGNED_IN: Who[] = WHO.filter((w) => w !== 'anonymous');
const HUMANS: Who[] = ['viewer', 'member', 'owner', 'admin', 'guest'];
const MEMBERS: Who[] = ['member', 'owner', 'admin', 'guest'];
const WRITERS: Who[] = [...MEMBERS, 'catalog:write'];
const OWNERS: Who[] = ['owner', 'admin', 'guest', 'catalog:write'];
const ADMINS: Who[] = ['admin', 'guest'];
const RUNNERS: Who[] = [...MEMBERS, 'scaffolder:run'];
const PUBLISHERS: Who[] = ['owner', 'admin', 'guest', 'techdocs:publish'];

/** `ok` for those allowed, 403 for other signed-in callers, 401 for anonymous. */
const allow = (ok: number, allowed: Who[]) => Object.fromEntries(WHO.map((w) => [w, allowed.includes(w) ? ok : w === 'anonymous' ? 401 : 403])) as Record<Who, number>;
/** The same answer for everyone: the route looks at nobody's identity. */
const everyone = (status: number) => Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;

/** What a case may set up before its request, per caller. */
interface Fixture {
  path: string;
  body?: unknown;
}

interface Case {
  method: string;
  /** The route as the access table spells it. */
  route: string;
  expect: Record<Who, number>;
  /** The concrete request (defaults: `route` itself, no body). */
  request?: (who: Who) => Promise<Fixture> | Fixture;
  /** Sign in afresh for this request (it ends the session). */
  freshSession?: boolean;
}

let oauth: GithubOAuthStandin;
const files: Record<string, string> = { [`${RAW}/catalog-info.yaml`]: ACME_CATALOG };
const cookies = new Map<Person, string>();
const tokens = new Map<Scope, string>();
let acmeLocation: string;
let checkoutUid: string;
let serial = 0;

/** A new location holding one component owned by payments (so bob owns it), registered by the guest. */
async function ownedLocation(): Promise<{ id: string; uid: string; target: string }> {
  const target = `${RAW}/owned-${++serial}.yaml`;
  files[target] = componentFile(`owned-${serial}`, 'payments');
  const { id, entities } = await registerAsGuest(target);
  return { id, uid: entities.find((e) => e.metadata.name === `owned-${serial}`)!.metadata.uid, target };
}

const identityOf = async (who: Who) => {
  const me = await call(who, 'GET', '/api/auth/me');
  return ((await me.json()) as { identity: Parameters<typeof createToken>[1] }).identity;
};

const CASES: Case[] = [
  { method: 'GET', route: '/api/health', expect: everyone(200) },

  { method: 'GET', route: '/api/auth/me', expect: everyone(200) },
  { method: 'GET', route: '/api/auth/github/start', expect: everyone(302) },
  { method: 'GET', route: '/api/auth/github/handler/frame', expect: everyone(400), request: () => ({ path: '/api/auth/github/handler/frame?code=c&state=s' }) },
  { method: 'GET', route: '/api/auth/github/refresh', expect: allow(200, HUMANS) },
  { method: 'POST', route: '/api/auth/github/logout', expect: everyone(200), freshSession: true },
  { method: 'DELETE', route: '/api/auth/sessions', expect: allow(200, HUMANS), freshSession: true },
  { method: 'POST', route: '/api/auth/authorize', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/auth/authorize', body: { items: [{ action: 'catalog.read' }] } }) },
  { method: 'GET', route: '/api/auth/tokens/all', expect: allow(200, ADMINS) },
  { method: 'GET', route: '/api/auth/tokens', expect: allow(200, MEMBERS) },
  { method: 'POST', route: '/api/auth/tokens', expect: allow(201, MEMBERS), request: () => ({ path: '/api/auth/tokens', body: { name: 'sweep', scopes: ['catalog:read'] } }) },
  {
    method: 'DELETE',
    route: '/api/auth/tokens/:id',
    expect: allow(204, MEMBERS),
    request: async (who) => {
      // The caller's own token; anonymous and token callers are refused before the id matters.
      const id = who === 'anonymous' || SCOPES.includes(who as Scope) ? 'any' : (await createToken(d1Store().db, await identityOf(who), { name: 'own', scopes: ['catalog:read'], days: 1 })).token.id;
      return { path: `/api/auth/tokens/${id}` };
    },
  },
  { method: 'GET', route: '/api/auth/audit', expect: allow(200, ADMINS) },

  { method: 'GET', route: '/api/catalog/entities', expect: allow(200, SIGNED_IN) },
  { method: 'GET', route: '/api/catalog/entities/by-query', expect: allow(200, SIGNED_IN) },
  { method: 'POST', route: '/api/catalog/entities/by-query', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/catalog/entities/by-query', body: {} }) },
  { method: 'POST', route: '/api/catalog/entities/by-refs', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/catalog/entities/by-refs', body: { entityRefs: ['component:default/checkout'] } }) },
  { method: 'GET', route: '/api/catalog/entities/by-uid/:uid', expect: allow(200, SIGNED_IN), request: () => ({ path: `/api/catalog/entities/by-uid/${checkoutUid}` }) },
  {
    method: 'DELETE',
    route: '/api/catalog/entities/by-uid/:uid',
    expect: allow(204, OWNERS),
    request: async () => ({ path: `/api/catalog/entities/by-uid/${(await ownedLocation()).uid}` }),
  },
  { method: 'GET', route: '/api/catalog/entities/by-name/:kind/:namespace/:name', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/catalog/entities/by-name/component/default/checkout' }) },
  {
    method: 'GET',
    route: '/api/catalog/entities/by-name/:kind/:namespace/:name/ancestry',
    expect: allow(200, SIGNED_IN),
    request: () => ({ path: '/api/catalog/entities/by-name/component/default/checkout/ancestry' }),
  },
  { method: 'GET', route: '/api/catalog/entity-facets', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/catalog/entity-facets?facet=kind' }) },
  { method: 'POST', route: '/api/catalog/entity-facets', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/catalog/entity-facets', body: { facets: ['kind'] } }) },
  {
    method: 'POST',
    route: '/api/catalog/locations',
    expect: allow(201, WRITERS),
    request: () => {
      const target = `${RAW}/registered-${++serial}.yaml`;
      files[target] = componentFile(`registered-${serial}`, 'web');
      return { path: '/api/catalog/locations', body: { type: 'url', target } };
    },
  },
  { method: 'GET', route: '/api/catalog/locations', expect: allow(200, SIGNED_IN) },
  { method: 'POST', route: '/api/catalog/locations/by-query', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/catalog/locations/by-query', body: {} }) },
  {
    method: 'GET',
    route: '/api/catalog/locations/by-entity/:kind/:namespace/:name',
    expect: allow(200, SIGNED_IN),
    request: () => ({ path: '/api/catalog/locations/by-entity/component/default/checkout' }),
  },
  { method: 'GET', route: '/api/catalog/locations/:id', expect: allow(200, SIGNED_IN), request: () => ({ path: `/api/catalog/locations/${acmeLocation}` }) },
  { method: 'GET', route: '/api/catalog/locations/:id/status', expect: allow(200, SIGNED_IN), request: () => ({ path: `/api/catalog/locations/${acmeLocation}/status` }) },
  { method: 'DELETE', route: '/api/catalog/locations/:id', expect: allow(204, OWNERS), request: async () => ({ path: `/api/catalog/locations/${(await ownedLocation()).id}` }) },
  { method: 'POST', route: '/api/catalog/refresh', expect: allow(200, WRITERS), request: () => ({ path: '/api/catalog/refresh', body: { entityRef: 'component:default/checkout' } }) },
  {
    method: 'POST',
    route: '/api/catalog/validate-entity',
    expect: allow(200, SIGNED_IN),
    request: () => ({ path: '/api/catalog/validate-entity', body: { location: 'url:x', entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'g' }, spec: { type: 'team', children: [] } } } }),
  },
  { method: 'POST', route: '/api/catalog/analyze-location', expect: allow(200, WRITERS), request: () => ({ path: '/api/catalog/analyze-location', body: { location: { type: 'url', target: `${RAW}/catalog-info.yaml` } } }) },

  { method: 'GET', route: '/api/catalog/entities/recently-changed', expect: allow(200, SIGNED_IN) },

  { method: 'GET', route: '/api/settings/starred', expect: allow(200, HUMANS) },
  { method: 'PUT', route: '/api/settings/starred/:kind/:namespace/:name', expect: allow(204, HUMANS), request: () => ({ path: '/api/settings/starred/component/default/checkout' }) },
  { method: 'DELETE', route: '/api/settings/starred/:kind/:namespace/:name', expect: allow(204, HUMANS), request: () => ({ path: '/api/settings/starred/component/default/checkout' }) },

  { method: 'GET', route: '/api/search/query', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/search/query?term=checkout' }) },

  { method: 'POST', route: '/api/github/webhook', expect: everyone(401), request: () => ({ path: '/api/github/webhook', body: {} }) },
  { method: 'GET', route: '/api/github/setup', expect: everyone(200) },
  { method: 'GET', route: '/api/github/setup/callback', expect: everyone(409), request: () => ({ path: '/api/github/setup/callback?code=c&state=s' }) },
  { method: 'GET', route: '/api/github/status', expect: allow(200, ADMINS) },
  { method: 'GET', route: '/api/github/repositories', expect: allow(200, ADMINS) },
  { method: 'POST', route: '/api/github/reconcile', expect: allow(202, ADMINS) },
  { method: 'GET', route: '/api/github/failures', expect: allow(200, ADMINS) },
  { method: 'POST', route: '/api/github/failures/:key/retry', expect: allow(404, ADMINS), request: () => ({ path: '/api/github/failures/none/retry' }) },

  // Not mounted yet: an allowed caller reaches the 404 behind the gate.
  { method: 'POST', route: '/api/scaffolder/v2/tasks', expect: allow(404, RUNNERS), request: () => ({ path: '/api/scaffolder/v2/tasks', body: { templateRef: 'template:default/service' } }) },
  { method: 'POST', route: '/api/scaffolder/v2/tasks/:taskId/cancel', expect: allow(404, RUNNERS), request: () => ({ path: '/api/scaffolder/v2/tasks/t1/cancel' }) },
  { method: 'POST', route: '/api/scaffolder/v2/tasks/:taskId/retry', expect: allow(404, RUNNERS), request: () => ({ path: '/api/scaffolder/v2/tasks/t1/retry' }) },
  { method: 'POST', route: '/api/scaffolder/v2/dry-run', expect: allow(400, RUNNERS), request: () => ({ path: '/api/scaffolder/v2/dry-run', body: {} }) },
  { method: 'GET', route: '/api/scaffolder/v2/templates', expect: allow(200, SIGNED_IN) },
  {
    method: 'GET',
    route: '/api/scaffolder/v2/templates/:namespace/:kind/:name/parameter-schema',
    expect: allow(200, SIGNED_IN),
    request: () => ({ path: '/api/scaffolder/v2/templates/default/template/docs-site/parameter-schema' }),
  },
  { method: 'GET', route: '/api/scaffolder/v2/actions', expect: allow(200, SIGNED_IN) },
  { method: 'GET', route: '/api/scaffolder/v2/tasks', expect: allow(200, SIGNED_IN) },
  { method: 'GET', route: '/api/scaffolder/v2/tasks/:taskId', expect: allow(404, SIGNED_IN), request: () => ({ path: '/api/scaffolder/v2/tasks/t1' }) },
  { method: 'GET', route: '/api/scaffolder/v2/tasks/:taskId/events', expect: allow(404, SIGNED_IN), request: () => ({ path: '/api/scaffolder/v2/tasks/t1/events' }) },
  { method: 'GET', route: '/api/scaffolder/v2/tasks/:taskId/eventstream', expect: allow(404, SIGNED_IN), request: () => ({ path: '/api/scaffolder/v2/tasks/t1/eventstream' }) },
  { method: 'GET', route: '/api/scaffolder/v2/tasks/:taskId/archive', expect: allow(404, SIGNED_IN), request: () => ({ path: '/api/scaffolder/v2/tasks/t1/archive' }) },
  // TechDocs: checkout has no site yet, so files and site metadata are a 404 behind the gate.
  {
    method: 'GET',
    route: '/api/techdocs/static/docs/:namespace/:kind/:name/*',
    expect: allow(404, SIGNED_IN),
    request: () => ({ path: '/api/techdocs/static/docs/default/component/checkout/index.html' }),
  },
  { method: 'GET', route: '/api/techdocs/metadata/techdocs/:namespace/:kind/:name', expect: allow(404, SIGNED_IN), request: () => ({ path: '/api/techdocs/metadata/techdocs/default/component/checkout' }) },
  { method: 'GET', route: '/api/techdocs/metadata/entity/:namespace/:kind/:name', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/techdocs/metadata/entity/default/component/checkout' }) },
  { method: 'GET', route: '/api/techdocs/status/:namespace/:kind/:name', expect: allow(200, SIGNED_IN), request: () => ({ path: '/api/techdocs/status/default/component/checkout' }) },
  { method: 'GET', route: '/api/techdocs/sites', expect: allow(200, SIGNED_IN) },
  // A JSON body is not a site archive: an allowed caller gets past the gate to the 400.
  { method: 'POST', route: '/api/techdocs/publish/:namespace/:kind/:name', expect: allow(400, PUBLISHERS), request: () => ({ path: '/api/techdocs/publish/default/component/checkout', body: {} }) },
];

/** One request as `who`: their credentials, their portal origin, same-origin for writes. */
async function call(who: Who, method: string, path: string, body?: unknown, cookie?: string): Promise<Response> {
  const origin = who === 'guest' ? 'http://localhost' : DEPLOYED;
  const headers: Record<string, string> = { origin };
  if (who in PEOPLE) headers.cookie = cookie ?? cookies.get(who as Person)!;
  if (SCOPES.includes(who as Scope)) headers.authorization = `Bearer ${tokens.get(who as Scope)}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return SELF.fetch(`${origin}${path}`, { method, headers, redirect: 'manual', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

beforeAll(async () => {
  await clearCatalog();
  await clearAuth();
  ({ oauth } = stubOutbound(files));
  const acme = await registerAsGuest(`${RAW}/catalog-info.yaml`);
  acmeLocation = acme.id;
  checkoutUid = acme.entities.find((e) => e.metadata.name === 'checkout')!.metadata.uid;
  for (const [person, login] of Object.entries(PEOPLE) as [Person, string][]) cookies.set(person, await sessionFor(oauth, login));
  for (const scope of SCOPES) {
    const res = await call('admin', 'POST', '/api/auth/tokens', { name: scope, scopes: [scope] });
    tokens.set(scope, ((await res.json()) as { secret: string }).secret);
  }
});

describe('the permission sweep', () => {
  it('has one row per entry of the access table, and an entry for every route the Worker serves', () => {
    const table = ROUTE_ACCESS.map(([method, path]) => `${method} ${path}`);
    expect(CASES.map((c) => `${c.method} ${c.route}`).sort()).toEqual([...table].sort());
    const served = plugins.flatMap((p) => (p.routes?.routes ?? []).filter((r) => r.method !== 'ALL').map((r) => `${r.method} /api/${p.id}${r.path}`));
    expect(served.filter((r) => !table.includes(r))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.method} ${c.route}`, async () => {
      const got: Partial<Record<Who, number>> = {};
      for (const who of WHO) {
        const fixture = c.request ? await c.request(who) : { path: c.route };
        const fresh = c.freshSession && who in PEOPLE ? await sessionFor(oauth, PEOPLE[who as Person]) : undefined;
        const res = await call(who, c.method, fixture.path, fixture.body, fresh);
        await res.arrayBuffer();
        got[who] = res.status;
        // Signing out everywhere ended the caller's other sessions too.
        if (fresh) cookies.set(who as Person, await sessionFor(oauth, PEOPLE[who as Person]));
      }
      expect(got).toEqual(c.expect);
    });
  }
});
