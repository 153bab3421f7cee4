// Pure logic behind the entity page, relations graph, register flow, search and palette.
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../web/api/types';
import { editHref, sourceHref, viewHref } from '../../web/lib/sourceLinks';
import { splitHighlight, stripHighlight } from '../../web/lib/searchHighlight';
import { buildGraph, nextFrontier, normaliseRef, RELATION_PAIRS } from '../../web/plugins/catalog-graph/graphModel';
import { loadNeighbourhood } from '../../web/plugins/catalog-graph/loadNeighbourhood';
import { landingEntity, previewOf } from '../../web/plugins/catalog-import/importFlow';
import { deref, openApiModel, schemaType } from '../../web/plugins/api-docs/openapi';
import { sourceLanguage } from '../../web/plugins/api-docs/sourceLanguage';
import { ownedByFilters, profileOf } from '../../web/plugins/org/profile';
import { paletteItems } from '../../web/plugins/search/paletteItems';
import { groupByType, resultTarget } from '../../web/plugins/search/results';

const entity = (kind: string, name: string, extra: Partial<Entity> = {}): Entity =>
  ({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default', ...(extra.metadata ?? {}) }, spec: extra.spec ?? {}, relations: extra.relations ?? [] }) as Entity;
const rel = (type: string, targetRef: string) => ({ type, targetRef });

describe('splitHighlight', () => {
  it('splits marked matches into runs without interpreting anything as HTML', () => {
    expect(splitHighlight('pay<gr-hl>ments</gr-hl> api', '<gr-hl>', '</gr-hl>')).toEqual([
      { text: 'pay', hit: false },
      { text: 'ments', hit: true },
      { text: ' api', hit: false },
    ]);
    const hostile = '<img src=x onerror=alert(1)><gr-hl>pay</gr-hl>';
    expect(splitHighlight(hostile, '<gr-hl>', '</gr-hl>')).toEqual([
      { text: '<img src=x onerror=alert(1)>', hit: false },
      { text: 'pay', hit: true },
    ]);
  });

  it('copes with unbalanced tags and no tags', () => {
    expect(splitHighlight('<gr-hl>open', '<gr-hl>', '</gr-hl>')).toEqual([{ text: 'open', hit: true }]);
    expect(splitHighlight('plain', '', '')).toEqual([{ text: 'plain', hit: false }]);
    expect(stripHighlight('a<gr-hl>b</gr-hl>c', '<gr-hl>', '</gr-hl>')).toBe('abc');
    expect(splitHighlight('', '<gr-hl>', '</gr-hl>')).toEqual([]);
  });
});

describe('source and edit links', () => {
  it('prefer the annotations and refuse script URLs', () => {
    const e = entity('Component', 'x', { metadata: { name: 'x', annotations: { 'backstage.io/source-location': 'url:https://github.com/acme/x/tree/main/', 'backstage.io/edit-url': 'javascript:alert(1)', 'backstage.io/view-url': 'data:text/html,x' } } });
    expect(sourceHref(e)).toBe('https://github.com/acme/x/tree/main/');
    expect(editHref(e)).toBeUndefined();
    expect(viewHref(e)).toBeUndefined();
  });

  it('derive both from a GitHub managed-by-location', () => {
    const e = entity('Component', 'x', { metadata: { name: 'x', annotations: { 'backstage.io/managed-by-location': 'url:https://github.com/acme/x/blob/main/services/pay/catalog-info.yaml' } } });
    expect(sourceHref(e)).toBe('https://github.com/acme/x/tree/main/services/pay/');
    expect(editHref(e)).toBe('https://github.com/acme/x/edit/main/services/pay/catalog-info.yaml');
  });

  it('derive nothing from other hosts or location types', () => {
    for (const managed of ['url:https://gitlab.example/acme/x/blob/main/catalog-info.yaml', 'file:/tmp/catalog-info.yaml', 'url:javascript:alert(1)']) {
      const e = entity('Component', 'x', { metadata: { name: 'x', annotations: { 'backstage.io/managed-by-location': managed } } });
      expect(sourceHref(e), managed).toBeUndefined();
      expect(editHref(e), managed).toBeUndefined();
    }
  });
});

describe('relations graph model', () => {
  const all = new Set(RELATION_PAIRS.map((p) => p.id));
  const service = entity('Component', 'pay', { relations: [rel('ownedBy', 'group:default/team'), rel('providesApi', 'api:default/pay-api'), rel('partOf', 'system:default/payments')] });
  const team = entity('Group', 'team', { relations: [rel('ownerOf', 'component:default/pay'), rel('ownerOf', 'api:default/pay-api'), rel('childOf', 'group:default/eng')] });
  const api = entity('API', 'pay-api', { relations: [rel('apiProvidedBy', 'component:default/pay'), rel('ownedBy', 'group:default/team')] });

  it('normalises refs and finds the next frontier once', () => {
    expect(normaliseRef('Component:Pay')).toBe('component:default/pay');
    const known = new Map<string, Entity | null>([['component:default/pay', service]]);
    expect(nextFrontier(['component:default/pay'], known, new Set(['component:default/pay']), all).sort()).toEqual(['api:default/pay-api', 'group:default/team', 'system:default/payments']);
    expect(nextFrontier(['component:default/pay'], known, new Set(['component:default/pay']), new Set(['ownership']))).toEqual(['group:default/team']);
  });

  it('draws each relation once, in its forward direction, only within the depth', () => {
    const known = new Map<string, Entity | null>([
      ['component:default/pay', service],
      ['group:default/team', team],
      ['api:default/pay-api', api],
      ['system:default/payments', null],
    ]);
    const { nodes, edges } = buildGraph(['component:default/pay'], 1, known, all);
    expect(nodes.map((n) => [n.ref, n.distance])).toEqual([
      ['component:default/pay', 0],
      ['group:default/team', 1],
      ['api:default/pay-api', 1],
      ['system:default/payments', 1],
    ]);
    expect(nodes.find((n) => n.ref === 'system:default/payments')?.entity).toBeUndefined();
    const keys = edges.map((e) => `${e.from} ${e.type} ${e.to}`).sort();
    expect(keys).toEqual([
      'api:default/pay-api ownedBy group:default/team',
      'component:default/pay ownedBy group:default/team',
      'component:default/pay partOf system:default/payments',
      'component:default/pay providesApi api:default/pay-api',
    ]);
    // group:eng is two hops away: not a node, so not an edge.
    expect(edges.some((e) => e.to === 'group:default/eng')).toBe(false);
  });

  it('loads one batch per hop and never asks for an entity twice', async () => {
    const world = new Map<string, Entity>([
      ['component:default/pay', service],
      ['group:default/team', team],
      ['api:default/pay-api', api],
      ['group:default/eng', entity('Group', 'eng', { relations: [rel('parentOf', 'group:default/team')] })],
    ]);
    const batches: string[][] = [];
    const fetchBatch = async (refs: string[]) => {
      batches.push(refs);
      return refs.map((r) => world.get(r) ?? null);
    };
    const known = new Map<string, Entity | null>();
    expect(await loadNeighbourhood(['component:default/pay'], 1, all, known, fetchBatch)).toBe(2);
    expect(batches).toEqual([['component:default/pay'], expect.arrayContaining(['group:default/team', 'api:default/pay-api', 'system:default/payments'])]);
    expect(known.get('system:default/payments')).toBeNull();
    // Growing the depth fetches only the new hop.
    expect(await loadNeighbourhood(['component:default/pay'], 2, all, known, fetchBatch)).toBe(1);
    expect(batches[2]).toEqual(['group:default/eng']);
    expect(await loadNeighbourhood(['component:default/pay'], 2, all, known, fetchBatch)).toBe(0);
  });
});

describe('register flow', () => {
  const location = entity('Location', 'root');
  const component = entity('Component', 'new-svc');
  it('previews what would be added and lands on the first non-location entity', () => {
    const preview = previewOf('https://h/x', {
      existingEntityFiles: [
        { entity: location, isRegistered: false, location: { type: 'url', target: 'https://h/x/catalog-info.yaml' } },
        { entity: component, isRegistered: false, location: { type: 'url', target: 'https://h/x/catalog-info.yaml' } },
      ],
      errors: [{ rule: 'yaml', message: 'bad indent', docIndex: 2 }],
      generateEntities: [],
    });
    expect(preview.target).toBe('https://h/x/catalog-info.yaml');
    expect(preview.canRegister).toBe(true);
    expect(preview.problems).toEqual([{ message: 'bad indent', where: 'document 3' }]);
    expect(landingEntity(preview)?.metadata.name).toBe('new-svc');
  });

  it('says when there is no descriptor or nothing new', () => {
    const missing = previewOf('https://h/x', { existingEntityFiles: [], generateEntities: [{ entity: component, fields: [] }] });
    expect(missing).toMatchObject({ missingDescriptor: true, canRegister: false });
    const known = previewOf('https://h/x', { existingEntityFiles: [{ entity: component, isRegistered: true, location: { type: 'url', target: 't' } }], generateEntities: [] });
    expect(known.canRegister).toBe(false);
  });
});

describe('OpenAPI model', () => {
  const doc = {
    openapi: '3.0.3',
    info: { title: 'Payments', version: '2.1.0' },
    servers: [{ url: 'https://pay.example/v2' }],
    tags: [{ name: 'payments', description: 'Money moves' }],
    paths: {
      '/payments/{id}': {
        parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }],
        get: { tags: ['payments'], summary: 'Get one', parameters: [{ $ref: '#/components/parameters/Expand' }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Payment' } } } }, '404': { $ref: '#/components/responses/NotFound' } } },
      },
      '/health': { get: { responses: { '204': { description: 'up' } } } },
      '/payments': { post: { tags: ['payments'], requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Payment' } } } } }, responses: {} } },
    },
    components: {
      parameters: { Expand: { name: 'expand', in: 'query', description: 'fields to expand', schema: { type: 'boolean' } } },
      responses: { NotFound: { description: 'missing' } },
      schemas: { Payment: { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' }, parent: { $ref: '#/components/schemas/Payment' } } }, Loop: { $ref: '#/components/schemas/Loop' } },
    },
  };

  it('groups operations by tag with resolved parameters, bodies and responses', () => {
    const model = openApiModel(doc);
    expect(model).toMatchObject({ title: 'Payments', version: '2.1.0', servers: ['https://pay.example/v2'] });
    expect(model.groups.map((g) => [g.tag, g.operations.map((o) => `${o.method} ${o.path}`)])).toEqual([
      ['payments', ['get /payments/{id}', 'post /payments']],
      ['', ['get /health']],
    ]);
    const get = model.groups[0]!.operations[0]!;
    expect(get.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['id', 'path', true],
      ['expand', 'query', false],
    ]);
    expect(get.responses.map((r) => [r.status, r.description])).toEqual([
      ['200', 'ok'],
      ['404', 'missing'],
    ]);
    expect(model.groups[0]!.operations[1]!.requestBody).toMatchObject({ required: true, content: [{ mediaType: 'application/json' }] });
    expect(model.schemas.map((s) => s.name)).toEqual(['Payment', 'Loop']);
  });

  it('names schema types and survives reference loops', () => {
    expect(schemaType(doc, { type: 'array', items: { $ref: '#/components/schemas/Payment' } })).toBe('array of Payment');
    expect(schemaType(doc, { type: 'string', format: 'uuid' })).toBe('string (uuid)');
    expect(schemaType(doc, { oneOf: [{ type: 'string' }, { $ref: '#/x/Y' }] })).toBe('one of string | Y');
    expect(deref(doc, { $ref: '#/components/schemas/Loop' })).toBeUndefined();
    expect(deref(doc, { $ref: 'https://elsewhere/x.json' })).toBeUndefined();
  });

  it('reads Swagger 2 and refuses what is not OpenAPI', () => {
    const model = openApiModel({ swagger: '2.0', host: 'api.x', basePath: '/v1', paths: { '/a': { post: { parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }, { name: 'q', in: 'query', type: 'string' }], responses: { '200': { description: 'ok', schema: { type: 'string' } } } } } } });
    expect(model.servers).toEqual(['https://api.x/v1']);
    const op = model.groups[0]!.operations[0]!;
    expect(op.parameters.map((p) => p.name)).toEqual(['q']);
    expect(op.requestBody?.content[0]?.schema).toEqual({ type: 'object' });
    expect(op.responses[0]?.content[0]?.schema).toEqual({ type: 'string' });
    expect(() => openApiModel({ asyncapi: '2.6.0' })).toThrow(/openapi/);
    expect(() => openApiModel('text')).toThrow();
  });

  it('picks a grammar for highlighted source', () => {
    expect(sourceLanguage('graphql', 'type Query {}')).toBe('graphql');
    expect(sourceLanguage('grpc', 'syntax = "proto3";')).toBe('protobuf');
    expect(sourceLanguage('asyncapi', 'asyncapi: 2.6.0')).toBe('yaml');
    expect(sourceLanguage('asyncapi', '{"asyncapi":"2.6.0"}')).toBe('json');
  });
});

describe('search results and palette', () => {
  const hit = (type: string, title: string, location: string) => ({ type, document: { title, text: '', location, kind: 'Component' }, highlight: { preTag: '<gr-hl>', postTag: '</gr-hl>', fields: { title: `<gr-hl>${title}</gr-hl>` } }, rank: 1 });

  it('links app paths inside the app and refuses script or protocol-relative locations', () => {
    expect(resultTarget('/catalog/default/component/x')).toEqual({ internal: '/catalog/default/component/x' });
    expect(resultTarget('https://docs.example/x')).toEqual({ external: 'https://docs.example/x' });
    for (const bad of ['javascript:alert(1)', '//evil.example/x', '/\\evil.example', 'data:text/html,x', 42]) expect(resultTarget(bad), String(bad)).toBeUndefined();
  });

  it('groups by type in rank order', () => {
    const groups = groupByType([hit('techdocs', 'a', '/docs/a'), hit('software-catalog', 'b', '/b'), hit('techdocs', 'c', '/docs/c')]);
    expect(groups.map((g) => [g.type, g.results.length])).toEqual([
      ['techdocs', 2],
      ['software-catalog', 1],
    ]);
  });

  it('lists matching pages, then hits, then the full search', () => {
    const pages = [
      { label: 'Catalog', href: '/catalog' },
      { label: 'Create', href: '/create' },
      { label: 'Docs', href: '/docs' },
    ];
    expect(paletteItems(pages, '', []).map((i) => i.href)).toEqual(['/catalog', '/create', '/docs']);
    const items = paletteItems(pages, 'cat', [hit('software-catalog', 'cat-service', '/catalog/default/component/cat-service'), hit('software-catalog', 'bad', 'javascript:alert(1)')]);
    expect(items[1]?.detail).toBe('Component');
    const docs = paletteItems(pages, 'cat', [{ type: 'techdocs', rank: 1, document: { title: 'Intro', text: '', location: '/docs/default/component/cat/intro', kind: 'component', entityTitle: 'Cat service' } }]);
    expect(docs[1]).toMatchObject({ group: 'Documentation', detail: 'Documentation · Cat service', href: '/docs/default/component/cat/intro' });
    expect(items.map((i) => [i.group, i.href])).toEqual([
      ['Pages', '/catalog'],
      ['Software catalog', '/catalog/default/component/cat-service'],
      ['Search', '/search?query=cat'],
    ]);
  });
});

describe('group and user profiles', () => {
  it('keeps only safe pictures and plausible emails', () => {
    expect(profileOf(entity('User', 'u', { spec: { profile: { displayName: 'Ana', email: 'ana@x.dev', picture: 'https://img/x.png' } } }))).toEqual({ displayName: 'Ana', email: 'ana@x.dev', picture: 'https://img/x.png' });
    expect(profileOf(entity('User', 'u', { spec: { profile: { email: 'javascript:alert(1)//@x', picture: 'javascript:alert(1)' } } }))).toEqual({ displayName: undefined, email: undefined, picture: undefined });
    expect(profileOf(entity('User', 'u', { spec: { profile: { picture: 'mailto:a@b' } } })).picture).toBeUndefined();
  });

  it('asks for what any of the owners own, once each', () => {
    expect(ownedByFilters(['user:default/ana', 'group:default/team', 'Group:default/Team'])).toEqual(['relations.ownedBy=user:default/ana', 'relations.ownedBy=group:default/team']);
  });
});
