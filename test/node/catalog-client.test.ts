// Backstage's own published catalog client, pointed at a real local Greenroom over
// HTTP, exactly as a Backstage integration would use it. Expectations come from the demo
// organisation's descriptor files, so the server computes every answer checked here.

import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG_FILTER_EXISTS, CatalogClient } from '@backstage/catalog-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDescriptorTree, type Descriptor } from './support/descriptors';
import { SEED_DEMO } from './support/paths';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTestFolder, type ServedFolder } from './support/served-folder';

type Entity = NonNullable<Awaited<ReturnType<CatalogClient['getEntityByRef']>>>;
type Location = NonNullable<Awaited<ReturnType<CatalogClient['getLocationById']>>>;

const refOf = (e: { kind?: string; metadata?: { name?: string; namespace?: string } }) =>
  `${e.kind}:${e.metadata?.namespace ?? 'default'}/${e.metadata?.name}`.toLowerCase();
// Backstage orders by lowercased value, code point by code point.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (values: string[]) => [...values].sort(byCodePoint);
const namesOf = (items: (Entity | undefined)[]) => items.map((e) => e?.metadata.name ?? '<missing>');
const pageSizes = (total: number, size: number) =>
  Array.from({ length: Math.ceil(total / size) }, (_, i) => Math.min(size, total - i * size));
/** The ref of the Location entity Backstage generates for a registered location. */
const generatedRef = (target: string) =>
  `location:default/generated-${createHash('sha1').update(`url:${target}`).digest('hex')}`;

const scratchComponent = (description: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: scratch-service
  description: ${description}
spec:
  type: service
  lifecycle: experimental
  owner: payments-team
  system: payments
`;
const DRAFT_COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: draft-service
spec:
  type: service
  lifecycle: experimental
  owner: payments-team
`;

let portal: TestPortal;
let seed: ServedFolder;
let scratch: ServedFolder;
let scratchDir: string;
let client: CatalogClient;
let demo: Descriptor[];
let demoTarget: string;
let scratchTarget: string;
let registered: Awaited<ReturnType<CatalogClient['addLocation']>>;
let scratchLocation: Location;
/** `METHOD /path` of every request the client made, to see which endpoint each call used. */
const requests: string[] = [];

const demoDocs = (pred: (d: Descriptor['doc']) => boolean) => demo.map((d) => d.doc).filter(pred);
const demoNames = (pred: (d: Descriptor['doc']) => boolean) => sorted(demoDocs(pred).map((d) => String(d.metadata?.name)));
const ofKind = (kind: string) => (d: Descriptor['doc']) => d.kind === kind;

beforeAll(async () => {
  demo = await readDescriptorTree(SEED_DEMO, 'catalog-info.yaml');
  scratchDir = await mkdtemp(join(tmpdir(), 'greenroom-scratch-'));
  await writeFile(join(scratchDir, 'catalog-info.yaml'), scratchComponent('Before refresh'));
  await writeFile(join(scratchDir, 'draft.yaml'), DRAFT_COMPONENT);
  [portal, seed, scratch] = await Promise.all([startTestPortal(), serveTestFolder(SEED_DEMO), serveTestFolder(scratchDir)]);
  client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => `${portal.url}/api/catalog` },
    fetchApi: {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
        return fetch(input, init);
      },
    },
  });
  demoTarget = `${seed.url}/catalog-info.yaml`;
  scratchTarget = `${scratch.url}/catalog-info.yaml`;
  registered = await client.addLocation({ target: demoTarget });
  scratchLocation = (await client.addLocation({ target: scratchTarget })).location;
}, 240_000);

afterAll(async () => {
  await Promise.all([portal?.stop(), seed?.close(), scratch?.close()]);
  if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
});

describe('locations', () => {
  it('addLocation registers the demo organisation and returns every entity it holds', () => {
    expect(demo).toHaveLength(75);
    expect(registered.location).toEqual({ id: expect.any(String), type: 'url', target: demoTarget, entityRef: generatedRef(demoTarget) });
    expect(registered.exists).toBeUndefined();
    expect(sorted(registered.entities.map(refOf))).toEqual(sorted([generatedRef(demoTarget), ...demo.map((d) => refOf(d.doc))]));
    for (const entity of registered.entities) {
      expect(entity.metadata.uid).toEqual(expect.any(String));
      expect(entity.metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe(`url:${demoTarget}`);
    }
  });

  it('addLocation refuses a location registered twice, unless asked to refresh it', async () => {
    await expect(client.addLocation({ target: demoTarget })).rejects.toMatchObject({
      statusCode: 409,
      body: { error: { name: 'ConflictError' } },
    });
    const again = await client.addLocation({ target: demoTarget, onConflict: 'refresh' });
    expect(again.location.id).toBe(registered.location.id);
  });

  it('addLocation with dryRun previews a file without registering it', async () => {
    const target = `${seed.url}/components/payments.yaml`;
    const preview = await client.addLocation({ target, dryRun: true });
    expect(preview.exists).toBe(false);
    expect(preview.location).toMatchObject({ type: 'url', target });
    expect(sorted(preview.entities.map(refOf))).toEqual(
      sorted([generatedRef(target), ...demo.filter((d) => d.file === 'components/payments.yaml').map((d) => refOf(d.doc))]),
    );
    expect(await client.getLocationByRef(`url:${target}`)).toBeUndefined();
    expect((await client.getLocations()).items).toHaveLength(2);

    const known = await client.addLocation({ target: demoTarget, dryRun: true });
    expect(known.exists).toBe(true);
    expect(known.location.id).toBe(registered.location.id);
  });

  it('getLocations, getLocationById and getLocationByRef find registered locations only', async () => {
    const { items } = await client.getLocations();
    expect(sorted(items.map((l) => l.target))).toEqual(sorted([demoTarget, scratchTarget]));
    expect(items.find((l) => l.target === demoTarget)).toEqual(registered.location);
    expect(await client.getLocationById(registered.location.id)).toEqual(registered.location);
    expect(await client.getLocationById(randomUUID())).toBeUndefined();
    expect(await client.getLocationByRef(`url:${demoTarget}`)).toEqual(registered.location);
    expect(await client.getLocationByRef(`url:${seed.url}/nowhere.yaml`)).toBeUndefined();
  });

  it("each location's entityRef names the Location entity generated for it", async () => {
    const entity = await client.getEntityByRef(registered.location.entityRef);
    expect(entity?.spec).toEqual({ type: 'url', target: demoTarget });
  });

  it('getLocationByEntity finds the registered location an entity came from', async () => {
    // payments-service sits in components/payments.yaml, a target of the registered file.
    expect(await client.getLocationByEntity('component:default/payments-service')).toEqual(registered.location);
    expect(await client.getLocationByEntity({ kind: 'Component', namespace: 'default', name: 'scratch-service' })).toEqual(scratchLocation);
    expect(await client.getLocationByEntity('component:default/no-such-service')).toBeUndefined();
  });

  it('queryLocations pages with a cursor and filters with a predicate; streamLocations sees all', async () => {
    const first = await client.queryLocations({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.totalItems).toBe(2);
    expect(first.pageInfo.nextCursor).toEqual(expect.any(String));
    const second = await client.queryLocations({ cursor: first.pageInfo.nextCursor! });
    expect(second.pageInfo.nextCursor).toBeUndefined();
    expect(sorted([...first.items, ...second.items].map((l) => l.target))).toEqual(sorted([demoTarget, scratchTarget]));

    const filtered = await client.queryLocations({ query: { target: scratchTarget } });
    expect(filtered).toMatchObject({ items: [scratchLocation], totalItems: 1 });
    const byRef = await client.queryLocations({ query: { entityRef: { $in: [registered.location.entityRef] } } });
    expect(byRef.items).toEqual([registered.location]);

    const streamed: Location[] = [];
    for await (const page of client.streamLocations()) streamed.push(...page);
    expect(sorted(streamed.map((l) => l.id))).toEqual(sorted([registered.location.id, scratchLocation.id]));
  });
});

describe('reading entities', () => {
  it('getEntities returns the whole catalog', async () => {
    const { items } = await client.getEntities();
    expect(sorted(items.map(refOf))).toEqual(
      sorted([
        ...demo.map((d) => refOf(d.doc)),
        generatedRef(demoTarget),
        generatedRef(scratchTarget),
        'component:default/scratch-service',
      ]),
    );
  });

  it('getEntities filters: AND within a set, OR across sets and values, existence, relations', async () => {
    const teams = await client.getEntities({ filter: { kind: 'group', 'spec.type': 'team' }, fields: ['metadata.name'] });
    expect(sorted(namesOf(teams.items))).toEqual(demoNames((d) => d.kind === 'Group' && d.spec?.type === 'team'));
    expect(teams.items.length).toBeGreaterThan(0);
    for (const item of teams.items) expect(item).toEqual({ metadata: { name: expect.any(String) } });

    const domainsAndSystems = demoNames((d) => d.kind === 'Domain' || d.kind === 'System');
    const sets = await client.getEntities({ filter: [{ kind: 'domain' }, { kind: 'system' }], fields: ['metadata.name'] });
    expect(sorted(namesOf(sets.items))).toEqual(domainsAndSystems);
    const values = await client.getEntities({ filter: { kind: ['Domain', 'SYSTEM'] }, fields: ['metadata.name'] });
    expect(sorted(namesOf(values.items))).toEqual(domainsAndSystems);

    const inSystem = await client.getEntities({ filter: { kind: 'component', 'spec.system': CATALOG_FILTER_EXISTS } });
    expect(sorted(namesOf(inSystem.items))).toEqual(
      sorted([...demoNames((d) => d.kind === 'Component' && d.spec?.system !== undefined), 'scratch-service']),
    );

    const owned = await client.getEntities({ filter: { 'relations.ownedBy': 'group:default/payments-team' }, fields: ['metadata.name'] });
    expect(sorted(namesOf(owned.items))).toEqual(sorted([...demoNames((d) => d.spec?.owner === 'payments-team'), 'scratch-service']));
  });

  it('getEntities orders by several fields and pages with limit and offset', async () => {
    const users = demoNames(ofKind('User'));
    const desc = await client.getEntities({ filter: { kind: 'user' }, order: { field: 'metadata.name', order: 'desc' }, fields: ['metadata.name'] });
    expect(namesOf(desc.items)).toEqual([...users].reverse());

    const page = await client.getEntities({
      filter: { kind: 'user' },
      order: { field: 'metadata.name', order: 'asc' },
      fields: ['metadata.name'],
      limit: 5,
      offset: 5,
    });
    expect(namesOf(page.items)).toEqual(users.slice(5, 10));

    const mixed = await client.getEntities({
      filter: [{ kind: 'domain' }, { kind: 'system' }],
      order: [
        { field: 'kind', order: 'asc' },
        { field: 'metadata.name', order: 'desc' },
      ],
      fields: ['kind', 'metadata.name'],
    });
    expect(namesOf(mixed.items)).toEqual([...demoNames(ofKind('Domain')).reverse(), ...demoNames(ofKind('System')).reverse()]);
  });

  it('queryEntities walks every match once with cursors, forward and back, with totalItems', async () => {
    const components = sorted([...demoNames(ofKind('Component')), 'scratch-service']);
    const first = await client.queryEntities({
      filter: { kind: 'component' },
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: 5,
      fields: ['metadata.name'],
    });
    expect(first.totalItems).toBe(components.length);
    expect(first.pageInfo.prevCursor).toBeUndefined();
    const pages = [first];
    while (pages.at(-1)!.pageInfo.nextCursor) {
      pages.push(await client.queryEntities({ cursor: pages.at(-1)!.pageInfo.nextCursor!, limit: 5, fields: ['metadata.name'] }));
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((p) => p.items.length)).toEqual(pageSizes(components.length, 5));
    expect(pages.flatMap((p) => namesOf(p.items))).toEqual(components);
    expect(pages.every((p) => p.totalItems === components.length)).toBe(true);

    const back = await client.queryEntities({ cursor: pages[1]!.pageInfo.prevCursor!, limit: 5, fields: ['metadata.name'] });
    expect(namesOf(back.items)).toEqual(namesOf(first.items));

    const uncounted = await client.queryEntities({ filter: { kind: 'component' }, limit: 1, totalItems: 'exclude' });
    expect(uncounted.items).toHaveLength(1);
    expect(uncounted.totalItems).toBe(0);
  });

  it('queryEntities filters by a full-text term within the given fields, as a substring and in any case', async () => {
    const byName = await client.queryEntities({
      fullTextFilter: { term: 'AYMENTS', fields: ['metadata.name'] },
      limit: 100,
      fields: ['metadata.name'],
    });
    const expected = demoNames((d) => String(d.metadata?.name).includes('ayments'));
    expect(expected.length).toBeGreaterThan(1);
    expect(sorted(namesOf(byName.items))).toEqual(expected);
    expect(byName.totalItems).toBe(expected.length);

    const byDisplayName = await client.queryEntities({
      fullTextFilter: { term: 'Engineer', fields: ['spec.profile.displayName'] },
      limit: 100,
      fields: ['metadata.name'],
    });
    const engineering = demoNames((d) => String((d.spec?.profile as { displayName?: string } | undefined)?.displayName).includes('Engineer'));
    expect(engineering.length).toBeGreaterThan(1);
    expect(sorted(namesOf(byDisplayName.items))).toEqual(engineering);
  });

  it('queryEntities with a predicate query POSTs, pages and combines $all, $any, $not, $in and $exists', async () => {
    const wanted = demoNames((d) => d.kind === 'Component' && ['service', 'website'].includes(String(d.spec?.type)));
    requests.length = 0;
    const pages = [
      await client.queryEntities({
        query: { $all: [{ kind: 'component' }, { 'spec.type': { $in: ['service', 'website'] } }, { $not: { 'metadata.name': 'scratch-service' } }] },
        orderFields: { field: 'metadata.name', order: 'asc' },
        limit: 4,
        fields: ['metadata.name'],
      }),
    ];
    while (pages.at(-1)!.pageInfo.nextCursor) {
      pages.push(await client.queryEntities({ cursor: pages.at(-1)!.pageInfo.nextCursor!, limit: 4, fields: ['metadata.name'] }));
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.flatMap((p) => namesOf(p.items))).toEqual(wanted);
    expect(pages[0]!.totalItems).toBe(wanted.length);
    expect(requests).toEqual(pages.map(() => 'POST /api/catalog/entities/by-query'));

    const anyOf = await client.queryEntities({
      query: { $any: [{ kind: 'domain' }, { $all: [{ kind: 'group' }, { 'spec.parent': { $exists: false } }] }] },
      limit: 100,
      fields: ['metadata.name'],
    });
    expect(sorted(namesOf(anyOf.items))).toEqual(
      sorted([...demoNames(ofKind('Domain')), ...demoNames((d) => d.kind === 'Group' && d.spec?.parent === undefined)]),
    );
  });

  it('queryEntities with a predicate supports $hasPrefix and $contains, as Backstage filter predicates do', async () => {
    const prefixed = await client.queryEntities({ query: { kind: 'component', 'metadata.name': { $hasPrefix: 'pay' } }, limit: 100, fields: ['metadata.name'] });
    expect(sorted(namesOf(prefixed.items))).toEqual(demoNames((d) => d.kind === 'Component' && String(d.metadata?.name).startsWith('pay')));
    const tagged = await client.queryEntities({ query: { 'metadata.tags': { $contains: 'go' } }, limit: 100, fields: ['metadata.name'] });
    expect(sorted(namesOf(tagged.items))).toEqual(demoNames((d) => Array.isArray(d.metadata?.tags) && d.metadata.tags.includes('go')));
  });

  it('streamEntities yields pages of the chosen size until every match was seen once', async () => {
    const pages: Entity[][] = [];
    for await (const page of client.streamEntities({ filter: { kind: 'user' }, pageSize: 10, fields: ['metadata.name'] })) pages.push(page);
    const users = demoNames(ofKind('User'));
    expect(pages.map((p) => p.length)).toEqual(pageSizes(users.length, 10));
    expect(sorted(pages.flat().map((e) => e.metadata.name))).toEqual(users);
  });

  it('getEntitiesByRefs answers in request order, undefined where nothing matches', async () => {
    const { items } = await client.getEntitiesByRefs({
      entityRefs: ['Group:default/Payments-Team', 'component:default/no-such-thing', 'user:amara.okafor'],
      fields: ['kind', 'metadata.name'],
    });
    expect(items).toEqual([{ kind: 'Group', metadata: { name: 'payments-team' } }, undefined, { kind: 'User', metadata: { name: 'amara.okafor' } }]);

    const filtered = await client.getEntitiesByRefs({ entityRefs: ['group:default/payments-team', 'user:default/amara.okafor'], filter: { kind: 'user' } });
    expect(namesOf(filtered.items)).toEqual(['<missing>', 'amara.okafor']);
  });

  it('getEntityByRef reads one entity with its relations, by string or compound ref', async () => {
    const team = await client.getEntityByRef('GROUP:Payments-Team');
    expect(team?.metadata).toMatchObject({ name: 'payments-team', namespace: 'default', uid: expect.any(String), etag: expect.any(String) });
    const relations = (team?.relations ?? []).map((r) => `${r.type} ${r.targetRef}`);
    expect(relations).toEqual(expect.arrayContaining(['childOf group:default/commerce-engineering', 'ownerOf component:default/payments-service']));
    expect(await client.getEntityByRef({ kind: 'group', namespace: 'default', name: 'payments-team' })).toEqual(team);
    expect(await client.getEntityByRef('group:default/no-such-team')).toBeUndefined();
  });

  it('getEntityAncestors walks from an entity up to the registered location', async () => {
    const { rootEntityRef, items } = await client.getEntityAncestors({ entityRef: 'component:default/payments-service' });
    expect(rootEntityRef).toBe('component:default/payments-service');
    expect(items.map((i) => [refOf(i.entity), i.parentEntityRefs])).toEqual([
      ['component:default/payments-service', ['location:default/fernhill-demo']],
      ['location:default/fernhill-demo', [registered.location.entityRef]],
      [registered.location.entityRef, []],
    ]);
  });

  it('getEntityFacets counts values, filtered by a filter or a predicate query', async () => {
    const { facets } = await client.getEntityFacets({ facets: ['kind'] });
    const count = (kind: string) => demoDocs(ofKind(kind)).length;
    expect(Object.fromEntries(facets.kind!.map((f) => [f.value, f.count]))).toEqual({
      API: count('API'),
      Component: count('Component') + 1,
      Domain: count('Domain'),
      Group: count('Group'),
      Location: count('Location') + 2,
      Resource: count('Resource'),
      System: count('System'),
      User: count('User'),
    });

    const types = await client.getEntityFacets({ facets: ['spec.type'], filter: { kind: 'api' } });
    const apiTypes: Record<string, number> = {};
    for (const d of demoDocs(ofKind('API'))) apiTypes[String(d.spec?.type)] = (apiTypes[String(d.spec?.type)] ?? 0) + 1;
    expect(Object.fromEntries(types.facets['spec.type']!.map((f) => [f.value, f.count]))).toEqual(apiTypes);

    requests.length = 0;
    const predicate = await client.getEntityFacets({ facets: ['kind'], query: { kind: { $in: ['domain', 'system'] } } });
    expect(sorted(predicate.facets.kind!.map((f) => `${f.value}=${f.count}`))).toEqual([`Domain=${count('Domain')}`, `System=${count('System')}`]);
    expect(requests).toEqual(['POST /api/catalog/entity-facets']);
  });
});

describe('actions', () => {
  it('validateEntity accepts a valid entity and explains what is wrong with an invalid one', async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'new-service' },
      spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
    };
    expect(await client.validateEntity(component, `url:${demoTarget}`)).toEqual({ valid: true });

    const badName = await client.validateEntity({ ...component, metadata: { name: 'new service!' } }, `url:${demoTarget}`);
    expect(badName.valid).toBe(false);
    expect(badName.valid ? '' : badName.errors.map((e) => e.message).join('\n')).toMatch(/metadata\.name/);
    const noOwner = await client.validateEntity({ ...component, spec: { type: 'service', lifecycle: 'production' } }, `url:${demoTarget}`);
    expect(noOwner.valid).toBe(false);
    expect(noOwner.valid ? '' : noOwner.errors.map((e) => e.message).join('\n')).toMatch(/owner/);
  });

  it('analyzeLocation lists the entities of a file and whether they are registered', async () => {
    const known = await client.analyzeLocation({ location: { type: 'url', target: `${seed.url}/components/payments.yaml` } });
    expect(sorted(known.existingEntityFiles.map((f) => `${refOf(f.entity)} ${f.isRegistered}`))).toEqual(
      sorted(demo.filter((d) => d.file === 'components/payments.yaml').map((d) => `${refOf(d.doc)} true`)),
    );
    const draftTarget = `${scratch.url}/draft.yaml`;
    const draft = await client.analyzeLocation({ location: { type: 'url', target: draftTarget } });
    expect(draft.existingEntityFiles).toEqual([
      { entity: expect.objectContaining({ kind: 'Component', metadata: expect.objectContaining({ name: 'draft-service' }) }), isRegistered: false, location: { type: 'url', target: draftTarget } },
    ]);
    expect(await client.getEntityByRef('component:default/draft-service')).toBeUndefined();
  });

  it('refreshEntity re-reads the file an entity came from', async () => {
    await writeFile(join(scratchDir, 'catalog-info.yaml'), scratchComponent('After refresh'));
    await client.refreshEntity('component:default/scratch-service');
    expect((await client.getEntityByRef('component:default/scratch-service'))?.metadata.description).toBe('After refresh');
    await expect(client.refreshEntity('component:default/no-such-service')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('removeEntityByUid deletes an entity and its relations until its location is processed again', async () => {
    const ownedByPaymentsTeam = async () =>
      ((await client.getEntityByRef('group:default/payments-team'))?.relations ?? []).some((r) => r.targetRef === 'component:default/scratch-service');
    const entity = await client.getEntityByRef('component:default/scratch-service');
    expect(await ownedByPaymentsTeam()).toBe(true);
    await client.removeEntityByUid(entity!.metadata.uid!);
    expect(await client.getEntityByRef('component:default/scratch-service')).toBeUndefined();
    expect(await ownedByPaymentsTeam()).toBe(false);

    await client.refreshEntity(scratchLocation.entityRef);
    expect((await client.getEntityByRef('component:default/scratch-service'))?.metadata.uid).toEqual(expect.any(String));
    expect(await ownedByPaymentsTeam()).toBe(true);
  });

  it('removeLocationById unregisters a location and removes what it contributed', async () => {
    await client.removeLocationById(scratchLocation.id);
    expect(await client.getLocationById(scratchLocation.id)).toBeUndefined();
    expect(await client.getEntityByRef('component:default/scratch-service')).toBeUndefined();
    expect(await client.getEntityByRef(scratchLocation.entityRef)).toBeUndefined();
    const team = await client.getEntityByRef('group:default/payments-team');
    expect(team?.relations?.map((r) => r.targetRef)).not.toContain('component:default/scratch-service');
    expect((await client.getLocations()).items).toEqual([registered.location]);
  });
});
