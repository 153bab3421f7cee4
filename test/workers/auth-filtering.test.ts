// Reading cut to what the reader may read: a policy where members read only what their groups
// own (plus the org chart) must shape every list, page, count, facet, lookup and search result
// in SQL, and the UI's permission questions must get the same answers.

import { createExecutionContext, env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { ACME_CATALOG, componentFile, DEPLOYED, RAW, registerAsGuest, sessionFor, stubOutbound } from './auth-support';
import { clearCatalog } from './support';

const POLICY = {
  roles: { viewer: ['*'], member: ['github-org:acme'], admin: ['github-team:acme/platform'] },
  rules: [
    { action: 'catalog.read', role: 'member', if: { owner: true } },
    { action: 'catalog.read', role: 'member', if: { kind: ['Group', 'User'] } },
    { action: 'catalog.entity.delete', role: 'member', if: { owner: true } },
    { action: 'scaffolder.template.run', role: 'member', if: { ref: ['template:default/service'] } },
    { action: '*', role: 'admin' },
  ],
};
const scoped = { ...env, AUTH_POLICY: JSON.stringify(POLICY) };
const files: Record<string, string> = {
  [`${RAW}/catalog-info.yaml`]: ACME_CATALOG,
  [`${RAW}/more.yaml`]: ['checkout-worker', 'payments-api', 'ledger'].map((n) => componentFile(n, 'payments')).join('---\n'),
};
let bob: string;
let mia: string;
let vic: string;

const get = async <T>(cookie: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
  const res = await worker.fetch(
    new Request(`${DEPLOYED}${path}`, { ...init, headers: { cookie, origin: DEPLOYED, 'content-type': 'application/json' } }),
    scoped,
    createExecutionContext(),
  );
  return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
};
const names = (items: ({ metadata: { name: string } } | null)[]) => items.map((e) => e?.metadata.name ?? null);

beforeAll(async () => {
  await clearCatalog();
  const { oauth } = stubOutbound(files);
  await registerAsGuest(`${RAW}/catalog-info.yaml`);
  await registerAsGuest(`${RAW}/more.yaml`);
  [bob, mia, vic] = [await sessionFor(oauth, 'bob'), await sessionFor(oauth, 'mia'), await sessionFor(oauth, 'vic')];
});

describe('what a reader sees', () => {
  it('lists and pages only readable entities, with counts to match', async () => {
    const list = await get<{ metadata: { name: string } }[]>(bob, '/api/catalog/entities?filter=kind=component&fields=metadata.name&order=asc:metadata.name');
    expect(names(list.body)).toEqual(['checkout', 'checkout-worker', 'ledger', 'payments-api']);
    expect(names((await get<{ metadata: { name: string } }[]>(mia, '/api/catalog/entities?filter=kind=component')).body)).toEqual(['storefront']);

    type Page = { items: { metadata: { name: string } }[]; totalItems: number; pageInfo: { nextCursor?: string } };
    const first = await get<Page>(bob, '/api/catalog/entities/by-query?filter=kind=component&limit=3&orderField=metadata.name,asc');
    expect(first.body.totalItems).toBe(4);
    expect(names(first.body.items)).toEqual(['checkout', 'checkout-worker', 'ledger']);
    // A cursor carries the query, never the reader: Mia following Bob's cursor still sees only hers.
    const cursor = encodeURIComponent(first.body.pageInfo.nextCursor!);
    expect(names((await get<Page>(bob, `/api/catalog/entities/by-query?cursor=${cursor}`)).body.items)).toEqual(['payments-api']);
    expect(names((await get<Page>(mia, `/api/catalog/entities/by-query?cursor=${cursor}`)).body.items)).toEqual(['storefront']);

    const full = await get<Page>(bob, '/api/catalog/entities/by-query?fullTextFilterTerm=store');
    expect(full.body.totalItems).toBe(0);
    const groupsAndUsers = await get<Page>(bob, '/api/catalog/entities/by-query?filter=kind=group&filter=kind=user&limit=100');
    expect(groupsAndUsers.body.totalItems).toBe(8);
  });

  it('cuts facets, lookups, ancestry and by-refs the same way', async () => {
    const facets = await get<{ facets: Record<string, { value: string; count: number }[]> }>(mia, '/api/catalog/entity-facets?facet=kind&facet=spec.owner');
    expect(facets.body.facets.kind).toEqual([
      { value: 'Group', count: 4 },
      { value: 'User', count: 4 },
      { value: 'Component', count: 1 },
    ]);
    expect(facets.body.facets['spec.owner']).toEqual([{ value: 'web', count: 1 }]);
    expect((await get(mia, '/api/catalog/entities/by-name/component/default/checkout')).status).toBe(404);
    expect((await get(mia, '/api/catalog/entities/by-name/component/default/checkout/ancestry')).status).toBe(404);
    expect((await get(mia, '/api/catalog/locations/by-entity/component/default/checkout')).status).toBe(404);
    expect((await get(bob, '/api/catalog/entities/by-name/component/default/checkout')).status).toBe(200);
    const byRefs = await get<{ items: ({ metadata: { name: string } } | null)[] }>(mia, '/api/catalog/entities/by-refs', {
      method: 'POST',
      body: JSON.stringify({ entityRefs: ['component:default/checkout', 'component:default/storefront', 'group:default/payments'] }),
    });
    expect(names(byRefs.body.items)).toEqual([null, 'storefront', 'payments']);
  });

  it('cuts the recently changed list, and what may be starred, the same way', async () => {
    type Recent = { items: { entity: { metadata: { name: string } } }[] };
    const recent = (cookie: string) => get<Recent>(cookie, '/api/catalog/entities/recently-changed?filter=kind=component&limit=100');
    expect((await recent(mia)).body.items.map((i) => i.entity.metadata.name)).toEqual(['storefront']);
    expect((await recent(bob)).body.items.map((i) => i.entity.metadata.name).sort()).toEqual(['checkout', 'checkout-worker', 'ledger', 'payments-api']);
    // Starring what one cannot read answers as if it were not there, and stores nothing.
    await env.DB.prepare('DELETE FROM user_starred_entities WHERE user_ref = ?').bind('user:default/mia').run();
    const hidden = await get(mia, '/api/settings/starred/component/default/checkout', { method: 'PUT' });
    expect(hidden.status).toBe(404);
    expect((await get(mia, '/api/settings/starred/component/default/storefront', { method: 'PUT' })).status).toBe(204);
    expect((await get<{ items: { entityRef: string }[] }>(mia, '/api/settings/starred')).body.items.map((s) => s.entityRef)).toEqual(['component:default/storefront']);
  });

  it('finds in search only what the reader may read', async () => {
    type Results = { results: { document: { name: string } }[]; numberOfResults: number };
    const bobs = await get<Results>(bob, '/api/search/query?term=checkout');
    expect(bobs.body.results.map((r) => r.document.name).sort()).toEqual(['checkout', 'checkout-worker']);
    expect(bobs.body.numberOfResults).toBe(2);
    expect(await get<Results>(mia, '/api/search/query?term=checkout').then((r) => r.body)).toEqual({ results: [], numberOfResults: 0 });
  });

  it('shows locations only to those who may read their Location entity, and refuses readers the policy gives nothing', async () => {
    expect((await get<unknown[]>(bob, '/api/catalog/locations')).body).toEqual([]);
    expect((await get(bob, '/api/catalog/locations/by-query', { method: 'POST', body: '{}' })).body).toEqual({ items: [], totalItems: 0, pageInfo: {} });
    // No rule here gives a viewer reading at all.
    for (const path of ['/api/catalog/locations', '/api/catalog/entities', '/api/search/query?term=checkout']) expect((await get(vic, path)).status).toBe(403);
  });

  it('answers the UI’s permission questions per entity, without revealing what it cannot read', async () => {
    const ask = (cookie: string) =>
      get<{ items: { result: string }[] }>(cookie, '/api/auth/authorize', {
        method: 'POST',
        body: JSON.stringify({
          items: [
            { action: 'catalog.entity.delete', resource: { entityRef: 'component:default/checkout' } },
            { action: 'catalog.entity.delete', resource: { entityRef: 'component:default/storefront' } },
            { action: 'catalog.entity.delete' },
            { action: 'scaffolder.template.run', resource: { entityRef: 'template:default/service' } },
            { action: 'catalog.read', resource: { entityRef: 'group:default/web' } },
          ],
        }),
      }).then((r) => r.body.items.map((i) => i.result));
    // The template does not exist, so not even its allowed runner sees it: absent is never allowed.
    expect(await ask(bob)).toEqual(['ALLOW', 'DENY', 'DENY', 'DENY', 'ALLOW']);
    expect(await ask(mia)).toEqual(['DENY', 'ALLOW', 'DENY', 'DENY', 'ALLOW']);
  });

  it('refuses a conditional write on something the reader may not see as if it were not there', async () => {
    const storefront = await get<{ metadata: { uid: string } }>(mia, '/api/catalog/entities/by-name/component/default/storefront');
    const res = await get(bob, `/api/catalog/entities/by-uid/${storefront.body.metadata.uid}`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect((await get(mia, '/api/catalog/entities/by-name/component/default/storefront')).status).toBe(200);
    expect((await get(mia, '/api/techdocs/static/docs/default/component/checkout/index.html')).status).toBe(404);
  });
});
