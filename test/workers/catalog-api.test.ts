import { SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearCatalog, serveFiles } from './support';

const RAW = 'https://raw.githubusercontent.com/acme/catalog/main';
const BLOB = 'https://github.com/acme/catalog/blob/main';

const files: Record<string, string> = {
  [`${RAW}/catalog-info.yaml`]: `
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: acme-root }
spec:
  targets: [./org.yaml, ./services.yaml]
`,
  [`${RAW}/org.yaml`]: `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, children: [], parent: engineering }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: engineering }
spec: { type: department, children: [payments] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec: { memberOf: [payments] }
`,
  [`${RAW}/services.yaml`]: `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Takes payments from customers
  tags: [typescript, payments]
spec: { type: service, lifecycle: production, owner: payments, providesApis: [checkout-api], dependsOn: [resource:orders-db] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: checkout-api, description: Public checkout API }
spec: { type: openapi, lifecycle: production, owner: payments, definition: "openapi: 3.0.0" }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: orders-db }
spec: { type: database, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront, tags: [web] }
spec: { type: website, lifecycle: experimental, owner: group:default/payments, consumesApis: [checkout-api] }
`,
};

async function api(path: string, init?: RequestInit): Promise<Response> {
  return SELF.fetch(`http://localhost/api/catalog${path}`, init);
}

async function register(target: string, query = ''): Promise<Response> {
  return api(`/locations${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'url', target }),
  });
}

interface Page {
  items: { metadata: { name: string; uid: string }; relations: { type: string; targetRef: string }[] }[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

describe('catalog API', () => {
  beforeEach(async () => {
    await clearCatalog();
    serveFiles({ ...files });
  });

  it('registers a location and makes every entity readable before answering', async () => {
    const res = await register(`${BLOB}/catalog-info.yaml`);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { location: { id: string; target: string }; entities: { kind: string }[] };
    expect(body.location.target).toBe(`${BLOB}/catalog-info.yaml`);
    expect(body.entities.map((e) => e.kind)).toContain('Location');
    const checkout = await api('/entities/by-name/component/default/checkout');
    expect(checkout.status).toBe(200);
    const entity = (await checkout.json()) as Page['items'][number] & { metadata: { annotations: Record<string, string> } };
    expect(entity.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/payments' },
        { type: 'providesApi', targetRef: 'api:default/checkout-api' },
        { type: 'dependsOn', targetRef: 'resource:default/orders-db' },
      ]),
    );
    expect(entity.metadata.annotations['backstage.io/managed-by-origin-location']).toBe(`url:${BLOB}/catalog-info.yaml`);
    const api_ = (await (await api('/entities/by-name/api/default/checkout-api')).json()) as Page['items'][number];
    expect(api_.relations).toEqual(
      expect.arrayContaining([
        { type: 'apiProvidedBy', targetRef: 'component:default/checkout' },
        { type: 'apiConsumedBy', targetRef: 'component:default/storefront' },
      ]),
    );
    expect(res.headers.get('server-timing')).toMatch(/db;dur=[\d.]+.*total;dur=/);
  });

  it('answers by-query with filters, OR, full text, ordering and signed cursors', async () => {
    await register(`${BLOB}/catalog-info.yaml`);
    const kinds = (await (await api('/entities/by-query?filter=kind=component&orderField=metadata.name,asc')).json()) as Page;
    expect(kinds.items.map((e) => e.metadata.name)).toEqual(['checkout', 'storefront']);
    expect(kinds.totalItems).toBe(2);
    const or = (await (await api('/entities/by-query?filter=kind=api&filter=spec.type=website')).json()) as Page;
    expect(or.items.map((e) => e.metadata.name).sort()).toEqual(['checkout-api', 'storefront']);
    const caseless = (await (await api('/entities/by-query?filter=KIND=Component,Spec.Lifecycle=EXPERIMENTAL')).json()) as Page;
    expect(caseless.items.map((e) => e.metadata.name)).toEqual(['storefront']);
    const rel = (await (await api('/entities/by-query?filter=relations.ownedBy=group:default/payments,kind=resource')).json()) as Page;
    expect(rel.items.map((e) => e.metadata.name)).toEqual(['orders-db']);
    const text = (await (await api('/entities/by-query?fullTextFilterTerm=payments&fullTextFilterFields=metadata.description')).json()) as Page;
    expect(text.items.map((e) => e.metadata.name)).toEqual(['checkout']);

    const p1 = (await (await api('/entities/by-query?limit=3&orderField=metadata.name,asc&fields=metadata.name')).json()) as Page;
    expect(p1.items.map((e) => e.metadata.name)).toEqual(['acme-root', 'ada', 'checkout']);
    expect(p1.items[0]).toEqual({ metadata: { name: 'acme-root' } });
    const p2 = (await (await api(`/entities/by-query?limit=3&fields=metadata.name&cursor=${encodeURIComponent(p1.pageInfo.nextCursor!)}`)).json()) as Page;
    expect(p2.items.map((e) => e.metadata.name)).toEqual(['checkout-api', 'engineering', expect.stringMatching(/^generated-/)]);
    expect(p2.totalItems).toBe(p1.totalItems);
    const back = (await (await api(`/entities/by-query?limit=3&fields=metadata.name&cursor=${encodeURIComponent(p2.pageInfo.prevCursor!)}`)).json()) as Page;
    expect(back.items.map((e) => e.metadata.name)).toEqual(['acme-root', 'ada', 'checkout']);
    expect(back.pageInfo.prevCursor).toBeUndefined();

    const raw = JSON.parse(atob(p1.pageInfo.nextCursor!)) as { s: string; h: string };
    const forged = btoa(JSON.stringify({ ...raw, s: raw.s.replace('"next"', '"prev"') }));
    const tampered = await api(`/entities/by-query?cursor=${encodeURIComponent(forged)}`);
    expect(tampered.status).toBe(400);
    const err = (await tampered.json()) as { error: { name: string; message: string }; request: { method: string }; response: { statusCode: number } };
    expect(err).toMatchObject({ error: { name: 'InputError' }, request: { method: 'GET' }, response: { statusCode: 400 } });
  });

  it('serves by-refs, by-uid, facets, ancestry and deletion', async () => {
    await register(`${BLOB}/catalog-info.yaml`);
    const refs = (await (
      await api('/entities/by-refs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ entityRefs: ['component:default/checkout', 'component:default/missing', 'user:ada'], fields: ['kind', 'metadata.name'] }),
      })
    ).json()) as { items: unknown[] };
    expect(refs.items).toEqual([{ kind: 'Component', metadata: { name: 'checkout' } }, null, { kind: 'User', metadata: { name: 'ada' } }]);

    const facets = (await (await api('/entity-facets?facet=kind&facet=metadata.tags&filter=kind=component')).json()) as { facets: Record<string, { value: string; count: number }[]> };
    expect(facets.facets.kind).toEqual([{ value: 'Component', count: 2 }]);
    expect(facets.facets['metadata.tags']).toEqual(expect.arrayContaining([{ value: 'payments', count: 1 }, { value: 'web', count: 1 }]));

    const ancestry = (await (await api('/entities/by-name/user/default/ada/ancestry')).json()) as { rootEntityRef: string; items: { entity: { kind: string; metadata: { name: string } }; parentEntityRefs: string[] }[] };
    expect(ancestry.rootEntityRef).toBe('user:default/ada');
    expect(ancestry.items.map((i) => `${i.entity.kind}:${i.entity.metadata.name}`)).toEqual(['User:ada', 'Location:acme-root', expect.stringMatching(/^Location:generated-/)]);

    const checkout = (await (await api('/entities/by-name/component/default/checkout')).json()) as Page['items'][number];
    expect((await api(`/entities/by-uid/${checkout.metadata.uid}`)).status).toBe(200);
    expect((await api(`/entities/by-uid/${checkout.metadata.uid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api('/entities/by-name/component/default/checkout')).status).toBe(404);
  });

  it('marks entities gone from the source as orphans on refresh and records broken documents without losing the last good version', async () => {
    await register(`${BLOB}/catalog-info.yaml`);
    serveFiles({
      ...files,
      [`${RAW}/services.yaml`]: files[`${RAW}/services.yaml`]!.replace(/---\napiVersion: backstage.io\/v1alpha1\nkind: Component\nmetadata: \{ name: storefront[\s\S]*$/, '').replace('lifecycle: production, owner: payments, providesApis', 'lifecycle: production, providesApis'),
    });
    expect((await api('/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entityRef: 'component:default/checkout' }) })).status).toBe(200);
    const storefront = (await (await api('/entities/by-name/component/default/storefront')).json()) as { metadata: { annotations: Record<string, string> } };
    expect(storefront.metadata.annotations['backstage.io/orphan']).toBe('true');
    const checkout = (await (await api('/entities/by-name/component/default/checkout')).json()) as { spec: { owner: string }; status: { items: { level: string; message: string }[] } };
    expect(checkout.spec.owner).toBe('payments');
    expect(checkout.status.items[0]!.level).toBe('error');
    expect(checkout.status.items[0]!.message).toMatch(/owner/);
  });

  it('refuses a second location claiming an existing entity, visibly', async () => {
    await register(`${BLOB}/catalog-info.yaml`);
    const other = `${RAW}/other.yaml`;
    serveFiles({ ...files, [other]: files[`${RAW}/services.yaml`]!.replace('Takes payments from customers', 'Impostor') });
    const res = await register(other);
    expect(res.status).toBe(201);
    const { location } = (await res.json()) as { location: { id: string } };
    const status = (await (await api(`/locations/${location.id}/status`)).json()) as { keys: { key: string; status: string; errors: { rule: string; ref: string }[] }[] };
    const file = status.keys.find((k) => k.key === `url:${other}`)!;
    expect(file.status).toBe('error');
    expect(file.errors.map((e) => e.rule)).toContain('conflict');
    const checkout = (await (await api('/entities/by-name/component/default/checkout')).json()) as { metadata: { description: string } };
    expect(checkout.metadata.description).toBe('Takes payments from customers');
  });

  it('lists, finds and unregisters locations with their entities', async () => {
    const created = (await (await register(`${BLOB}/catalog-info.yaml`)).json()) as { location: { id: string } };
    const list = (await (await api('/locations')).json()) as { data: { id: string } }[];
    expect(list.map((l) => l.data.id)).toEqual([created.location.id]);
    expect((await register(`${BLOB}/catalog-info.yaml`)).status).toBe(409);
    const byEntity = (await (await api('/locations/by-entity/component/default/checkout')).json()) as { id: string };
    expect(byEntity.id).toBe(created.location.id);
    expect((await api(`/locations/${created.location.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api('/entities/by-name/component/default/checkout')).status).toBe(404);
    expect((await api(`/locations/${created.location.id}`)).status).toBe(404);
  });

  it('previews a location with dryRun without writing anything', async () => {
    const res = await register(`${BLOB}/catalog-info.yaml`, '?dryRun=true');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { entities: { metadata: { name: string } }[]; exists: boolean };
    expect(body.entities.map((e) => e.metadata.name)).toEqual(expect.arrayContaining(['checkout', 'ada', 'orders-db']));
    expect(body.exists).toBe(false);
    expect((await api('/locations')).status).toBe(200);
    expect(await (await api('/locations')).json()).toEqual([]);
    expect((await api('/entities/by-name/component/default/checkout')).status).toBe(404);
  });

  it('gives clear 4xx errors for bad requests and changes nothing', async () => {
    await register(`${BLOB}/catalog-info.yaml`);
    const huge = Array.from({ length: 10_000 }, (_, i) => `metadata.name=n${i}`).join(',');
    const tooMany = await api(`/entities/by-query?filter=${huge}`);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/more than \d+ terms/);
    expect((await register('https://evil.example.com/catalog-info.yaml')).status).toBe(400);
    expect((await register('not a url')).status).toBe(400);
    expect((await register(`${RAW}/missing.yaml`)).status).toBe(404);
    expect((await api('/entities/by-query?limit=-1')).status).toBe(400);
    expect((await api('/entities/by-query?orderField=metadata.name,sideways')).status).toBe(400);
    expect((await api('/entities/by-refs', { method: 'POST', body: 'nope' })).status).toBe(400);
    const count = (await (await api('/entities/by-query?limit=0')).json()) as Page;
    expect(count.totalItems).toBe(9);
  });

  it('validates entities like Backstage', async () => {
    const good = await api('/validate-entity', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: 'url:x', entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'ok' }, spec: { type: 'service', lifecycle: 'production', owner: 'me' } } }),
    });
    expect(good.status).toBe(200);
    const bad = await api('/validate-entity', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: 'url:x', entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'not ok' }, spec: {} } }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/metadata\.name/);
  });

  it('searches entities through the search endpoint with highlighted matches', async () => {
    await register(`${BLOB}/catalog-info.yaml`);
    const res = await SELF.fetch('http://localhost/api/search/query?term=checkout&types[]=software-catalog');
    const body = (await res.json()) as { results: { type: string; document: { title: string; location: string }; highlight: { fields: { title: string } } }[]; numberOfResults: number };
    expect(body.results[0]!.document.location).toMatch(/^\/catalog\/default\/(component|api)\/checkout/);
    expect(body.results.some((r) => r.highlight.fields.title.includes('<gr-hl>checkout</gr-hl>'))).toBe(true);
    expect(body.numberOfResults).toBe(2);
  });
});
