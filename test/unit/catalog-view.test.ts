import { describe, expect, it } from 'vitest';
import {
  facetOptions,
  facetRequests,
  filterExpression,
  isFiltered,
  listParam,
  nextSort,
  orderFields,
  parseList,
  parseView,
  toggleValue,
} from '../../web/plugins/catalog/catalogView';
import { relativeTime } from '../../web/lib/relativeTime';

describe('the catalog view in the URL', () => {
  it('defaults to components by name, ascending, first page', () => {
    const view = parseView({});
    expect(view).toEqual({
      kind: 'component',
      filters: { type: [], owner: [], lifecycle: [], tags: [], namespace: [], system: [] },
      q: '',
      sort: 'name',
      order: 'asc',
      cursor: '',
    });
    expect(isFiltered(view)).toBe(false);
    expect(filterExpression(view)).toBe('kind=component');
    expect(orderFields(view)).toEqual(['metadata.name,asc']);
    expect(orderFields(parseView({ order: 'desc' }))).toEqual(['metadata.name,desc']);
  });

  it('reads lists, sort and text, and ignores what it does not know', () => {
    const view = parseView({ kind: 'API', owner: 'group:default/a, group:default/b,,group:default/a', sort: 'owner', order: 'desc', q: ' pay ', cursor: 'c1' });
    expect(view.kind).toBe('api');
    expect(view.filters.owner).toEqual(['group:default/a', 'group:default/b']);
    expect(view.q).toBe('pay');
    expect(orderFields(view)).toEqual(['spec.owner,desc']);
    expect(view.cursor).toBe('c1');
    expect(isFiltered(view)).toBe(true);
    expect(parseView({ sort: 'constructor', order: 'sideways' })).toMatchObject({ sort: 'name', order: 'asc' });
    expect(parseList(undefined)).toEqual([]);
  });

  it('ORs the values of one facet and ANDs the facets, leaving one out for its own counts', () => {
    const view = parseView({ owner: 'group:default/a,group:default/b', lifecycle: 'production', tags: 'java' });
    expect(filterExpression(view)).toBe(
      'kind=component,relations.ownedBy=group:default/a,relations.ownedBy=group:default/b,spec.lifecycle=production,metadata.tags=java',
    );
    expect(filterExpression(view, 'owner')).toBe('kind=component,spec.lifecycle=production,metadata.tags=java');
  });

  it('asks for facet counts in as few requests as the selection allows', () => {
    expect(facetRequests(parseView({}))).toEqual([{ filter: 'kind=component', facets: expect.any(Array) }]);
    expect(facetRequests(parseView({}))[0]!.facets.map((f) => f.field)).toEqual([
      'spec.type',
      'relations.ownedBy',
      'spec.lifecycle',
      'metadata.tags',
      'metadata.namespace',
      'spec.system',
    ]);
    const requests = facetRequests(parseView({ kind: 'api', type: 'openapi' }));
    expect(requests.map((r) => [r.filter, r.facets.map((f) => f.id)])).toEqual([
      ['kind=api', ['type']],
      ['kind=api,spec.type=openapi', ['owner', 'lifecycle', 'tags', 'namespace', 'system']],
    ]);
  });

  it('flips the sort of the same column and starts another ascending', () => {
    const view = parseView({});
    expect(nextSort(view, 'name')).toEqual({ sort: 'name', order: 'desc' });
    expect(nextSort(parseView({ order: 'desc' }), 'name')).toEqual({ sort: 'name', order: 'asc' });
    expect(nextSort(view, 'owner')).toEqual({ sort: 'owner', order: 'asc' });
  });

  it('merges facet values by case, keeps selected ones at zero, and orders by count', () => {
    const counts = [
      { value: 'Java', count: 2 },
      { value: 'go', count: 5 },
      { value: 'java', count: 4 },
      { value: 'a,b', count: 9 },
    ];
    expect(facetOptions(counts, ['rust'])).toEqual([
      { value: 'Java', count: 6 },
      { value: 'go', count: 5 },
      { value: 'rust', count: 0 },
    ]);
  });

  it('toggles values case-insensitively and writes lists back without commas inside values', () => {
    expect(toggleValue(['Java'], 'java', false)).toEqual([]);
    expect(toggleValue(['go'], 'java', true)).toEqual(['go', 'java']);
    expect(listParam(['go', 'a,b', ''])).toBe('go');
    expect(listParam([])).toBeUndefined();
  });
});

describe('relative times', () => {
  const now = Date.parse('2026-05-10T12:00:00Z');
  it('says how long ago in the largest fitting unit', () => {
    expect(relativeTime('2026-05-10T11:59:30Z', now)).toBe('just now');
    expect(relativeTime('2026-05-10T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-05-10T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-05-09T12:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('2026-03-01T12:00:00Z', now)).toBe('2 months ago');
    expect(relativeTime('not a date', now)).toBe('');
  });
});
