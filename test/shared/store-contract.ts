import { describe, expect, it, beforeEach } from 'vitest';
import type { CatalogStore } from '../../worker/catalog/store/store';
import type { ProcessedEntity } from '../../worker/catalog/ingest/types';
import type { Entity } from '../../worker/catalog/model/entity';
import type { LocationWrite } from '../../worker/catalog/store/write';
import type { EntityRow } from '../../worker/catalog/store/read';
import type { EntityFilter } from '../../worker/catalog/query/filter';
import { deriveRelations } from '../../worker/catalog/model/relations';
import { stringifyEntityRef } from '../../worker/catalog/model/ref';
import { resolveCatalogUser } from '../../worker/auth/identity';

/** A component descriptor as processing would hand it to the store. */
export function component(name: string, spec: Record<string, unknown> = {}, extra: Partial<Entity['metadata']> = {}): ProcessedEntity {
  const owner = String(spec.owner ?? 'team-a');
  const ref = `component:default/${name.toLowerCase()}`;
  return {
    ref,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations: { 'backstage.io/managed-by-location': 'url:x' }, ...extra },
      spec: { type: 'service', lifecycle: 'production', owner, ...spec },
    },
    relations: [
      { source: ref, type: 'ownedBy', target: `group:default/${owner}` },
      { source: `group:default/${owner}`, type: 'ownerOf', target: ref },
    ],
  };
}

function write(key: string, entities: ProcessedEntity[], more: Partial<LocationWrite> = {}): LocationWrite {
  return { locationKey: key, originKey: key, output: { entities, errors: [], children: [] }, orphanStrategy: 'keep', ...more };
}

const parse = (json: string) => JSON.parse(json) as Entity;

/** An entity as processing hands it over: namespace set, relations derived as ingestion derives them. */
function processed(kind: string, name: string, spec: Record<string, unknown>): ProcessedEntity {
  const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default' }, spec };
  return { ref: stringifyEntityRef(entity), entity, relations: deriveRelations(entity) };
}

/** The same behaviour asked of the store whichever database is behind it (D1 or libSQL). */
export function storeContract(name: string, open: () => Promise<CatalogStore>): void {
  describe(`catalog store on ${name}`, () => {
    let store: CatalogStore;
    beforeEach(async () => {
      store = await open();
    });

    it('writes a location atomically and reads entities back with relations both ways', async () => {
      await store.writeLocation(write('url:a', [component('alpha', { owner: 'team-a' }), component('beta', { owner: 'team-b' })]));
      const [alpha] = await store.readByRefs(['Component:default/Alpha']);
      expect(alpha).toBeDefined();
      const entity = parse(alpha!.json);
      expect(entity.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(entity.metadata.etag).toBeTruthy();
      expect(entity.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
      const { rows } = await store.readPage({ filter: { key: 'relations.ownerof', values: ['component:default/beta'] }, order: [], limit: 10 });
      expect(rows).toHaveLength(0); // the group itself is not in the catalog, only the relation row
    });

    it('returns relations whose refs hold quotes, backslashes and newlines intact, each once', async () => {
      const odd = 'team "q" \\ a\nb';
      const twice = component('odd', { owner: odd });
      twice.relations.push(...twice.relations);
      await store.writeLocation(write('url:odd', [twice]));
      // The same relation emitted by a second origin is still listed once.
      const other = component('other');
      other.relations.push({ source: 'component:default/odd', type: 'ownedBy', target: `group:default/${odd}` });
      await store.writeLocation(write('url:other', [other, { ...component('bare'), relations: [] }]));
      const [row, bare] = await store.readByRefs(['component:default/odd', 'component:default/bare']);
      expect(parse(bare!.json).relations).toEqual([]);
      expect(parse(row!.json).relations).toEqual([{ type: 'ownedBy', targetRef: `group:default/${odd}` }]);
      const [paged] = (await store.readPage({ filter: { key: 'metadata.name', values: ['odd'] }, order: [], limit: 5 })).rows;
      expect(parse(paged!.json).relations).toEqual([{ type: 'ownedBy', targetRef: `group:default/${odd}` }]);
    });

    it('replaces the relations an entity emitted when it is rewritten, and removes them with it', async () => {
      const group = (name: string): ProcessedEntity => ({
        ref: `group:default/${name}`,
        entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name, namespace: 'default' }, spec: { type: 'team', children: [] } },
        relations: [],
      });
      const relationsOf = async (ref: string) => parse((await store.readByRefs([ref]))[0]!.json).relations;
      await store.writeLocation(write('url:groups', [group('team-a'), group('team-b')]));
      await store.writeLocation(write('url:r', [component('alpha', { owner: 'team-a' })]));
      expect(await relationsOf('group:default/team-a')).toEqual([{ type: 'ownerOf', targetRef: 'component:default/alpha' }]);
      await store.writeLocation(write('url:r', [component('alpha', { owner: 'team-b' })]));
      expect(await relationsOf('group:default/team-a')).toEqual([]);
      expect(await relationsOf('group:default/team-b')).toEqual([{ type: 'ownerOf', targetRef: 'component:default/alpha' }]);
      expect(await relationsOf('component:default/alpha')).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-b' }]);
      const ownedByA = { key: 'relations.ownedby', values: ['group:default/team-a'] };
      expect((await store.readPage({ filter: ownedByA, order: [], limit: 5 })).rows).toEqual([]);
      await store.deleteEntity('component:default/alpha');
      expect(await relationsOf('group:default/team-b')).toEqual([]);
    });

    it('answers relations stated by either end alike: reads, filters, facets and sign-in groups', async () => {
      // acme names its child, payments names its member, and the component names itself as owner:
      // bob, payments and the component state nothing of what points at them.
      await store.writeLocation(
        write('url:org', [
          processed('Group', 'acme', { type: 'organization', children: ['payments'] }),
          processed('Group', 'payments', { type: 'team', children: [], members: ['bob'] }),
          processed('User', 'bob', { memberOf: [] }),
          processed('Component', 'selfish', { type: 'service', lifecycle: 'production', owner: 'component:selfish' }),
        ]),
      );
      const relationsOf = async (ref: string) => parse((await store.readByRefs([ref]))[0]!.json).relations;
      expect(await relationsOf('user:default/bob')).toEqual([{ type: 'memberOf', targetRef: 'group:default/payments' }]);
      expect(await relationsOf('group:default/payments')).toEqual([
        { type: 'childOf', targetRef: 'group:default/acme' },
        { type: 'hasMember', targetRef: 'user:default/bob' },
      ]);
      expect(await relationsOf('group:default/acme')).toEqual([{ type: 'parentOf', targetRef: 'group:default/payments' }]);
      expect(await relationsOf('component:default/selfish')).toEqual([
        { type: 'ownedBy', targetRef: 'component:default/selfish' },
        { type: 'ownerOf', targetRef: 'component:default/selfish' },
      ]);

      const refsOf = async (filter: EntityFilter) => (await store.readPage({ filter, order: [], limit: 10 })).rows.map((r) => r.ref);
      expect(await refsOf({ key: 'relations.memberof', values: ['group:default/payments'] })).toEqual(['user:default/bob']);
      expect(await refsOf({ key: 'relations.hasmember', values: ['user:default/bob'] })).toEqual(['group:default/payments']);
      expect(await refsOf({ key: 'relations.childof' })).toEqual(['group:default/payments']);
      expect(await refsOf({ key: 'relations.childof', prefix: 'group:default/ac' })).toEqual(['group:default/payments']);
      expect(await refsOf({ key: 'relations.childof', prefix: 'group:default/pay' })).toEqual([]);
      expect(await refsOf({ key: 'relations.parentof', values: ['group:default/payments'] })).toEqual(['group:default/acme']);
      expect(await refsOf({ not: { key: 'relations.memberof' } })).not.toContain('user:default/bob');

      const facets = await store.readFacets(['relations.memberOf', 'relations.parentOf', 'relations.ownerOf']);
      expect(facets['relations.memberOf']).toEqual([{ value: 'group:default/payments', count: 1 }]);
      expect(facets['relations.parentOf']).toEqual([{ value: 'group:default/payments', count: 1 }]);
      expect(facets['relations.ownerOf']).toEqual([{ value: 'component:default/selfish', count: 1 }]);
      expect((await resolveCatalogUser(store, 'bob'))?.ownershipEntityRefs).toEqual(['user:default/bob', 'group:default/acme', 'group:default/payments']);

      // Whichever end stated a relation takes it along when it changes or goes.
      await store.writeLocation(
        write('url:org', [
          processed('Group', 'acme', { type: 'organization', children: [] }),
          processed('Group', 'payments', { type: 'team', children: [], members: ['bob'] }),
          processed('User', 'bob', { memberOf: [] }),
        ], { orphanStrategy: 'delete' }),
      );
      expect(await relationsOf('group:default/payments')).toEqual([{ type: 'hasMember', targetRef: 'user:default/bob' }]);
      expect(await refsOf({ key: 'relations.childof' })).toEqual([]);
      await store.deleteEntity('group:default/payments');
      expect(await relationsOf('user:default/bob')).toEqual([]);
      expect(await refsOf({ key: 'relations.memberof', values: ['group:default/payments'] })).toEqual([]);
      expect((await resolveCatalogUser(store, 'bob'))?.ownershipEntityRefs).toEqual(['user:default/bob']);
    });

    it('filters, orders, pages by keyset and counts', async () => {
      const many = Array.from({ length: 30 }, (_, i) => component(`svc-${String(i).padStart(2, '0')}`, { type: i % 3 === 0 ? 'website' : 'service' }, { tags: i % 2 ? ['java'] : ['go'] }));
      await store.writeLocation(write('url:many', many));
      const first = await store.readPage({ filter: { all: [{ key: 'kind', values: ['component'] }, { key: 'spec.type', values: ['website'] }] }, order: [{ field: 'metadata.name', order: 'desc' }], limit: 4, withTotal: true });
      expect(first.total).toBe(10);
      expect(first.rows.map((r) => parse(r.json).metadata.name)).toEqual(['svc-27', 'svc-24', 'svc-21', 'svc-18']);
      const second = await store.readPage({ filter: { key: 'spec.type', values: ['website'] }, order: [{ field: 'metadata.name', order: 'desc' }], limit: 4, boundary: first.rows[3]!.sort });
      expect(second.rows.map((r) => parse(r.json).metadata.name)).toEqual(['svc-15', 'svc-12', 'svc-09', 'svc-06']);
      const back = await store.readPage({ filter: { key: 'spec.type', values: ['website'] }, order: [{ field: 'metadata.name', order: 'desc' }], limit: 4, boundary: second.rows[0]!.sort, reverse: true });
      expect(back.rows.map((r) => parse(r.json).metadata.name)).toEqual(['svc-18', 'svc-21', 'svc-24', 'svc-27']);
      const anyOf = await store.readPage({ filter: { any: [{ key: 'metadata.tags', values: ['java'] }, { key: 'metadata.name', values: ['svc-00'] }] }, order: [], limit: 100 });
      expect(anyOf.rows).toHaveLength(16);
      const prefixed = await store.readPage({ filter: { all: [{ key: 'metadata.name', prefix: 'svc-2' }, { key: 'metadata.tags', prefix: 'ja' }] }, order: [], limit: 100 });
      expect(prefixed.rows.map((r) => parse(r.json).metadata.name)).toEqual(['svc-21', 'svc-23', 'svc-25', 'svc-27', 'svc-29']);
      const notJava = await store.readPage({ filter: { not: { key: 'metadata.tags', values: ['JAVA'.toLowerCase()] } }, order: [], limit: 100 });
      expect(notJava.rows).toHaveLength(15);
    });

    it('pages an OR of filters in id order, both ways, each entity once', async () => {
      const many = Array.from({ length: 30 }, (_, i) => component(`svc-${String(i).padStart(2, '0')}`, { type: i % 3 === 0 ? 'website' : 'service' }, { tags: i % 2 ? ['java'] : ['go'] }));
      await store.writeLocation(write('url:many', many));
      const filter = { any: [{ key: 'spec.type', values: ['website'] }, { key: 'metadata.tags', values: ['java'] }] };
      const expected = many.filter((_, i) => i % 3 === 0 || i % 2 === 1).map((p) => p.ref);
      const first = await store.readPage({ filter, order: [], limit: 8, withTotal: true });
      const second = await store.readPage({ filter, order: [], limit: 8, boundary: first.rows[7]!.sort });
      expect(first.total).toBe(expected.length);
      expect([...first.rows, ...second.rows].map((r) => r.ref)).toEqual(expected.slice(0, 16));
      const back = await store.readPage({ filter, order: [], limit: 3, boundary: second.rows[0]!.sort, reverse: true });
      expect(back.rows.map((r) => r.ref)).toEqual(expected.slice(5, 8).reverse());
      const skipped = await store.readPage({ filter: { all: [{ key: 'kind', values: ['component'] }, filter] }, order: [], limit: 4, offset: 10 });
      expect(skipped.rows.map((r) => r.ref)).toEqual(expected.slice(10, 14));
    });

    it('recounts totals and facets as soon as an entity changes', async () => {
      await store.writeLocation(write('url:c', [component('a', { type: 'website' })]));
      const filter = { key: 'spec.type', values: ['website'] };
      expect((await store.readPage({ filter, order: [], limit: 1, withTotal: true })).total).toBe(1);
      const facets = await store.readFacets(['spec.type']);
      expect(facets['spec.type']).toEqual([{ value: 'website', count: 1 }]);
      expect(await store.readFacets(['spec.type'])).toBe(facets);
      await store.writeLocation(write('url:c', [component('a', { type: 'website' }), component('b', { type: 'website' })]));
      expect((await store.readPage({ filter, order: [], limit: 1, withTotal: true })).total).toBe(2);
      expect((await store.readFacets(['spec.type']))['spec.type']).toEqual([{ value: 'website', count: 2 }]);
      expect((await store.readPage({ order: [], limit: 1, withTotal: true })).total).toBe(2);
      await store.deleteEntity('component:default/a');
      expect((await store.readPage({ filter, order: [], limit: 1, withTotal: true })).total).toBe(1);
      expect((await store.readPage({ order: [], limit: 1, withTotal: true })).total).toBe(1);
      expect((await store.readFacets(['spec.type']))['spec.type']).toEqual([{ value: 'website', count: 1 }]);
      // A changed value moves between counts, on a facet key and on any other key alike.
      await store.writeLocation(write('url:c', [component('b', { type: 'Service', owner: 'team-b' })]));
      const after = await store.readFacets(['spec.type', 'spec.owner', 'kind']);
      expect(after['spec.type']).toEqual([{ value: 'Service', count: 1 }]);
      expect(after['spec.owner']).toEqual([{ value: 'team-b', count: 1 }]);
      expect(after.kind).toEqual([{ value: 'Component', count: 1 }]);
    });


    it('reuses a page read before only while the catalog is unchanged, relations and errors included', async () => {
      const group: ProcessedEntity = {
        ref: 'group:default/team-a',
        entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a', namespace: 'default' }, spec: { type: 'team', children: [] } },
        relations: [],
      };
      await store.writeLocation(write('url:g', [group]));
      await store.writeLocation(write('url:c', [component('a')]));
      const groups = { filter: { key: 'kind', values: ['group'] }, order: [], limit: 5 };
      const first = await store.readPage(groups);
      const again = await store.readPage(groups);
      expect(again.rows[0]).toBe(first.rows[0]);
      // A held page whose total was never counted: the page is reused and the total counted.
      const counted = await store.readPage({ ...groups, withTotal: true });
      expect(counted).toEqual({ rows: first.rows, total: 1 });
      expect(counted.rows[0]).toBe(first.rows[0]);
      expect((await store.readPage({ ...groups, withTotal: true })).total).toBe(1);
      expect(parse(first.rows[0]!.json).relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/a' }]);
      // Another location's entity changes what the group's page says, though the group row is untouched.
      await store.writeLocation(write('url:c2', [component('b')]));
      const grown = await store.readPage(groups);
      expect(grown.rows[0]).not.toBe(first.rows[0]);
      expect(parse(grown.rows[0]!.json).relations).toEqual([
        { type: 'ownerOf', targetRef: 'component:default/a' },
        { type: 'ownerOf', targetRef: 'component:default/b' },
      ]);
      await store.deleteEntity('component:default/a');
      expect(parse((await store.readPage(groups)).rows[0]!.json).relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/b' }]);
      // A document that now fails keeps its entity, and its page shows the error.
      await store.writeLocation(write('url:g', [], { output: { entities: [], errors: [{ ref: 'group:default/team-a', rule: 'schema', message: 'bad' }], children: [] } }));
      expect(parse((await store.readPage(groups)).rows[0]!.json)).toMatchObject({ status: { items: [expect.objectContaining({ message: expect.stringContaining('bad') })] } });
    });
    it('finds entities by full text, as substrings, restricted to fields when asked', async () => {
      await store.writeLocation(write('url:ft', [
        component('payments-api', {}, { description: 'Moves money' }),
        component('ledger', {}, { description: 'Books payments for accounting' }),
        component('search', {}, { title: 'Site search' }),
      ]));
      const all = await store.readPage({ order: [], fullText: { term: 'payment', fields: [] }, limit: 10 });
      expect(all.rows.map((r) => r.ref).sort()).toEqual(['component:default/ledger', 'component:default/payments-api']);
      const byName = await store.readPage({ order: [], fullText: { term: 'payment', fields: ['metadata.name'] }, limit: 10 });
      expect(byName.rows.map((r) => r.ref)).toEqual(['component:default/payments-api']);
      const short = await store.readPage({ order: [], fullText: { term: 'se', fields: ['metadata.title'] }, limit: 10 });
      expect(short.rows.map((r) => r.ref)).toEqual(['component:default/search']);
    });

    it('pages full-text matches in id order both ways, for common and rare terms alike', async () => {
      // 300 entities written in an order unlike their refs: "common" matches all of them, "rare"
      // three; pages follow the order they were first written in (their ids), not their refs.
      const names = Array.from({ length: 300 }, (_, i) => `common-${String((i * 7919) % 300).padStart(3, '0')}${i % 100 === 0 ? '-rare' : ''}`);
      await store.writeLocation(write('url:pages', names.map((n) => component(n))));
      const expectPages = async (term: string, kind: string | undefined, expected: string[]) => {
        const filter = kind ? { key: 'kind', values: [kind] } : undefined;
        const fullText = { term, fields: ['metadata.name'] };
        const seen: EntityRow[] = [];
        let boundary: (string | number | null)[] | undefined;
        for (;;) {
          const { rows } = await store.readPage({ filter, order: [], fullText, limit: 40, ...(boundary ? { boundary } : {}) });
          seen.push(...rows);
          if (rows.length < 40) break;
          boundary = rows.at(-1)!.sort;
        }
        expect(seen.map((r) => r.ref)).toEqual(expected);
        if (!seen.length) return;
        const back = await store.readPage({ filter, order: [], fullText, limit: 40, boundary: seen.at(-1)!.sort, reverse: true });
        expect(back.rows.map((r) => r.ref)).toEqual(expected.slice(-41, -1).reverse());
      };
      const all = names.map((n) => `component:default/${n}`);
      expect(all).not.toEqual([...all].sort());
      await expectPages('common', undefined, all);
      await expectPages('common', 'component', all);
      await expectPages('rare', undefined, all.filter((r) => r.endsWith('-rare')));
      await expectPages('common', 'api', []);
    });

    it('keeps the name-and-title full-text index in step with rewrites and deletions', async () => {
      const byTitle = async (term: string) =>
        (await store.readPage({ order: [], fullText: { term, fields: ['metadata.name', 'metadata.title'] }, limit: 10 })).rows.map((r) => r.ref);
      await store.writeLocation(write('url:nt', [component('alpha', {}, { title: 'Checkout gateway' }), component('beta', {}, { title: 'Checkout ledger' })]));
      expect(await byTitle('checkout')).toEqual(['component:default/alpha', 'component:default/beta']);
      // Only alpha's title changes; beta is left out of the location, so it is orphaned, still found.
      await store.writeLocation(write('url:nt', [component('alpha', {}, { title: 'Payments gateway' })]));
      expect(await byTitle('checkout')).toEqual(['component:default/beta']);
      expect(await byTitle('payments')).toEqual(['component:default/alpha']);
      await store.writeLocation(write('url:nt', [], { orphanStrategy: 'delete' }));
      expect(await byTitle('gateway')).toEqual([]);
      expect(await byTitle('ledger')).toEqual(['component:default/beta']);
      await store.deleteEntity('component:default/beta');
      expect(await byTitle('ledger')).toEqual([]);
    });

    it('counts facets with original case, scoped by a filter', async () => {
      await store.writeLocation(write('url:f', [component('a', { type: 'Service' }), component('b', { type: 'website' }), component('c', { type: 'website' })]));
      const facets = await store.readFacets(['spec.type', 'kind', 'relations.ownedBy'], { key: 'metadata.name', values: ['a', 'b'] });
      expect(facets['spec.type']).toEqual([{ value: 'Service', count: 1 }, { value: 'website', count: 1 }]);
      expect(facets.kind).toEqual([{ value: 'Component', count: 2 }]);
      expect(facets['relations.ownedBy']).toEqual([{ value: 'group:default/team-a', count: 2 }]);
    });

    it('orphans entities that vanish from their location, and revives them when they return', async () => {
      await store.writeLocation(write('url:o', [component('stay'), component('go')]));
      const summary = await store.writeLocation(write('url:o', [component('stay')]));
      expect(summary.orphaned).toEqual(['component:default/go']);
      expect(summary.unchanged).toEqual(['component:default/stay']);
      const [gone] = await store.readByRefs(['component:default/go']);
      expect(parse(gone!.json).metadata.annotations?.['backstage.io/orphan']).toBe('true');
      const orphans = await store.readPage({ filter: { key: 'metadata.annotations.backstage.io/orphan', values: ['true'] }, order: [], limit: 10 });
      expect(orphans.rows.map((r) => r.ref)).toEqual(['component:default/go']);
      await store.writeLocation(write('url:o', [component('stay'), component('go')]));
      const [back] = await store.readByRefs(['component:default/go']);
      expect(parse(back!.json).metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
    });

    it('deletes vanished entities when the strategy says so', async () => {
      await store.writeLocation(write('url:d', [component('keep'), component('drop')]));
      const summary = await store.writeLocation(write('url:d', [component('keep')], { orphanStrategy: 'delete' }));
      expect(summary.deleted).toEqual(['component:default/drop']);
      expect(await store.readByRefs(['component:default/drop'])).toEqual([undefined]);
      const facets = await store.readFacets(['metadata.name']);
      expect(facets['metadata.name']?.map((f) => f.value)).toEqual(['keep']);
    });

    it('refuses a ref claimed by another location and leaves the first owner intact', async () => {
      await store.writeLocation(write('url:first', [component('shared', { owner: 'first' })]));
      const summary = await store.writeLocation(write('url:second', [component('shared', { owner: 'second' }), component('own')]));
      expect(summary.errors).toEqual([expect.objectContaining({ ref: 'component:default/shared', rule: 'conflict' })]);
      expect(summary.written).toEqual(['component:default/own']);
      const [shared] = await store.readByRefs(['component:default/shared']);
      expect(parse(shared!.json).spec?.owner).toBe('first');
      expect((await store.getLocationKey('url:second'))?.status).toBe('error');
    });

    it('keeps the last good version of a document that now fails, with the error attached', async () => {
      await store.writeLocation(write('url:e', [component('fragile'), component('fine')]));
      await store.writeLocation({
        ...write('url:e', [component('fine')]),
        output: { entities: [component('fine')], errors: [{ ref: 'component:default/fragile', rule: 'kind-schema:/spec/owner:required', message: 'owner missing' }], children: [] },
      });
      const [fragile] = await store.readByRefs(['component:default/fragile']);
      const entity = parse(fragile!.json);
      expect(entity.spec?.owner).toBe('team-a');
      expect(entity.metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
      expect(entity.status?.items?.[0]).toMatchObject({ type: 'backstage.io/catalog-processing', level: 'error' });
    });

    it('writes thousands of entities in one batch beyond the size of one bound value', async () => {
      const big = Array.from({ length: 3000 }, (_, i) => component(`bulk-${i}`, {}, { description: 'x'.repeat(300) }));
      await store.writeLocation(write('url:bulk', big));
      const { total } = await store.readPage({ filter: { key: 'kind', values: ['component'] }, order: [], limit: 1, withTotal: true });
      expect(total).toBe(3000);
    });
  });
}
