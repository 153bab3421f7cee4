import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogApi } from '../../web/api/catalogApi';
import { ApiError } from '../../web/api/http';
import type { Entity } from '../../web/api/types';
import { isOrphan, processingErrors, relationOrSpecRefs, sourceLocation } from '../../web/lib/entity';
import { entityRoute, humanizeEntityRef, parseEntityRef, stringifyEntityRef } from '../../web/lib/entityRef';
import { kindPlural, kindPluralInSentence } from '../../web/lib/kinds';
import { safeHref } from '../../web/lib/safeHref';

describe('safeHref', () => {
  it('lets http(s) and mailto through', () => {
    expect(safeHref('https://github.com/acme/x')).toBe('https://github.com/acme/x');
    expect(safeHref(' http://example.com ')).toBe('http://example.com/');
    expect(safeHref('mailto:team@acme.dev')).toBe('mailto:team@acme.dev');
  });

  it('refuses script, data and relative URLs and non-strings', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/catalog', '//evil.com', '', 'url:https://x']) {
      expect(safeHref(url), url).toBeUndefined();
    }
    expect(safeHref(undefined)).toBeUndefined();
    expect(safeHref({ toString: () => 'https://x' })).toBeUndefined();
  });
});

describe('entity refs', () => {
  it('parses full and partial refs with defaults', () => {
    expect(parseEntityRef('component:default/svc')).toEqual({ kind: 'component', namespace: 'default', name: 'svc' });
    expect(parseEntityRef('team-a', { kind: 'group' })).toEqual({ kind: 'group', namespace: 'default', name: 'team-a' });
    expect(parseEntityRef('ops/team-a', { kind: 'group' })).toEqual({ kind: 'group', namespace: 'ops', name: 'team-a' });
    expect(parseEntityRef('team-a')).toBeUndefined();
  });

  it('shortens and routes refs', () => {
    const ref = { kind: 'Component', namespace: 'Default', name: 'Svc' };
    expect(humanizeEntityRef(ref)).toBe('component:Svc');
    expect(humanizeEntityRef(ref, { defaultKind: 'component' })).toBe('Svc');
    expect(humanizeEntityRef({ kind: 'group', namespace: 'ops', name: 'a' }, { defaultKind: 'group' })).toBe('ops/a');
    expect(entityRoute({ kind: 'API', namespace: 'default', name: 'a b' })).toBe('/catalog/default/api/a%20b');
    expect(stringifyEntityRef(ref)).toBe('component:default/svc');
  });
});

describe('entity helpers', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      namespace: 'prod',
      annotations: { 'backstage.io/source-location': 'url:https://github.com/acme/svc/tree/main/', 'backstage.io/orphan': 'true' },
    },
    spec: { owner: 'team-a', system: 'shop' },
    relations: [
      { type: 'partOf', targetRef: 'domain:default/commerce' },
      { type: 'ownedBy', targetRef: 'group:default/team-b' },
    ],
    status: {
      items: [
        { type: 'backstage.io/catalog-processing', level: 'error', message: 'boom' },
        { type: 'x', level: 'warning', message: 'meh' },
      ],
    },
  };

  it('prefers relations and falls back to spec with the default kind and the entity namespace', () => {
    expect(relationOrSpecRefs(entity, 'ownedBy', 'owner', 'group')).toEqual([{ kind: 'group', namespace: 'default', name: 'team-b' }]);
    // The domain relation is not a system: fall back to spec.system.
    expect(relationOrSpecRefs(entity, 'partOf', 'system', 'system')).toEqual([{ kind: 'system', namespace: 'prod', name: 'shop' }]);
  });

  it('reads the well-known annotations and status', () => {
    expect(sourceLocation(entity)).toBe('https://github.com/acme/svc/tree/main/');
    expect(isOrphan(entity)).toBe(true);
    expect(processingErrors(entity).map((i) => i.message)).toEqual(['boom']);
  });

  it('spells kinds', () => {
    expect(kindPlural('api')).toBe('APIs');
    expect(kindPluralInSentence('api')).toBe('APIs');
    expect(kindPluralInSentence('component')).toBe('components');
    expect(kindPlural('Widget')).toBe('Widgets');
  });
});

describe('catalogApi', () => {
  afterEach(() => vi.unstubAllGlobals());

  function stubFetch(status: number, body: string) {
    const fetch = vi.fn(async (_url: string) => new Response(body, { status, statusText: status === 200 ? 'OK' : 'Error' }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('sends the Backstage by-query parameters for a first page', async () => {
    const fetch = stubFetch(200, JSON.stringify({ items: [], totalItems: 0, pageInfo: {} }));
    await catalogApi.queryEntities({
      filter: ['kind=component,spec.type=service'],
      limit: 25,
      fields: ['kind', 'metadata.name'],
      fullTextFilterTerm: ' pay ',
      orderField: ['metadata.name,asc'],
    });
    const url = new URL(fetch.mock.calls[0]![0], 'http://x');
    expect(url.pathname).toBe('/api/catalog/entities/by-query');
    expect(url.searchParams.get('filter')).toBe('kind=component,spec.type=service');
    expect(url.searchParams.get('fields')).toBe('kind,metadata.name');
    expect(url.searchParams.get('fullTextFilterTerm')).toBe('pay');
    expect(url.searchParams.get('orderField')).toBe('metadata.name,asc');
  });

  it('sends only cursor, limit and fields for a following page', async () => {
    const fetch = stubFetch(200, JSON.stringify({ items: [], totalItems: 0, pageInfo: {} }));
    await catalogApi.queryEntities({ cursor: 'abc', limit: 25, fields: ['kind'] });
    const url = new URL(fetch.mock.calls[0]![0], 'http://x');
    expect([...url.searchParams.keys()].sort()).toEqual(['cursor', 'fields', 'limit']);
  });

  it('encodes by-name path segments', async () => {
    const fetch = stubFetch(200, '{}');
    await catalogApi.getEntityByName('component', 'default', 'a/b');
    expect(fetch.mock.calls[0]![0]).toBe('/api/catalog/entities/by-name/component/default/a%2Fb');
  });

  it("throws ApiError with the server's message", async () => {
    stubFetch(404, JSON.stringify({ error: { name: 'NotFoundError', message: 'No entity named x' }, response: { statusCode: 404 } }));
    const error = await catalogApi.getEntityByName('component', 'default', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ message: 'No entity named x', errorName: 'NotFoundError', status: 404 });
  });

  it('explains a non-JSON answer', async () => {
    stubFetch(200, '<!doctype html><html></html>');
    await expect(catalogApi.facets(['kind'])).rejects.toMatchObject({ errorName: 'ParseError' });
    stubFetch(502, 'Bad gateway');
    await expect(catalogApi.facets(['kind'])).rejects.toMatchObject({ errorName: 'HttpError', status: 502 });
  });
});
