import { describe, expect, it } from 'vitest';
import { MAX_FILTER_TERMS, parseFilterParams, parsePredicate } from '../../worker/catalog/query/filter';
import { parseFields, projectFields } from '../../worker/catalog/query/fields';
import { parseOrderBody, parseOrderFieldParams, parseOrderParams } from '../../worker/catalog/query/order';
import { decodeCursor, encodeCursor } from '../../worker/catalog/query/cursor';

describe('filter= parameters', () => {
  it('ANDs terms, ORs parameters, merges repeated keys into IN and lowercases', () => {
    expect(parseFilterParams(['Kind=Component,spec.type=service,spec.type=Website', 'kind=api'])).toEqual({
      any: [
        { all: [{ key: 'kind', values: ['component'] }, { key: 'spec.type', values: ['service', 'website'] }] },
        { key: 'kind', values: ['api'] },
      ],
    });
  });

  it('reads a bare key as "exists" and ignores empty parts', () => {
    expect(parseFilterParams(['metadata.annotations.github.com/project-slug,,'])).toEqual({ key: 'metadata.annotations.github.com/project-slug' });
    expect(parseFilterParams([])).toBeUndefined();
  });

  it('keeps everything after the first = as the value', () => {
    expect(parseFilterParams(['metadata.annotations.backstage.io/source-location=url:https://x/y?a=b'])).toEqual({
      key: 'metadata.annotations.backstage.io/source-location',
      values: ['url:https://x/y?a=b'],
    });
  });

  it('refuses more terms than the limit and empty keys', () => {
    const many = Array.from({ length: MAX_FILTER_TERMS + 1 }, (_, i) => `a=${i}`).join(',');
    expect(() => parseFilterParams([many])).toThrow(/more than 100 terms/);
    expect(() => parseFilterParams(['=x'])).toThrow(/empty key/);
  });
});

describe('predicate queries', () => {
  it('parses $all, $any, $not, $in and $exists', () => {
    expect(
      parsePredicate({ $all: [{ kind: 'Component' }, { $any: [{ 'spec.type': { $in: ['service', 'Website'] } }, { 'metadata.tags': { $exists: false } }] }] }),
    ).toEqual({
      all: [
        { key: 'kind', values: ['component'] },
        { any: [{ key: 'spec.type', values: ['service', 'website'] }, { not: { key: 'metadata.tags' } }] },
      ],
    });
    expect(parsePredicate({ $not: { kind: 'api' } })).toEqual({ not: { key: 'kind', values: ['api'] } });
  });

  it('parses $hasPrefix and $contains over flattened arrays', () => {
    expect(parsePredicate({ 'metadata.name': { $hasPrefix: 'Pay' } })).toEqual({ key: 'metadata.name', prefix: 'pay' });
    expect(parsePredicate({ 'metadata.tags': { $contains: { $any: ['java', 'Go'] } } })).toEqual({
      any: [{ key: 'metadata.tags', values: ['java'] }, { key: 'metadata.tags', values: ['go'] }],
    });
    expect(parsePredicate({ 'metadata.links': { $contains: { type: 'runbook' } } })).toEqual({ key: 'metadata.links.type', values: ['runbook'] });
  });

  it('refuses unknown operators, wrong operand types, deep nesting and oversized trees', () => {
    expect(() => parsePredicate({ kind: { $regex: '.*' } })).toThrow(/unknown operator/);
    expect(() => parsePredicate({ $any: 'x' })).toThrow(/takes an array/);
    expect(() => parsePredicate({ kind: { $hasPrefix: 3 } })).toThrow(/takes a string/);
    expect(() => parsePredicate([])).toThrow(/must be an object/);
    let deep: Record<string, unknown> = { kind: 'x' };
    for (let i = 0; i < 20; i++) deep = { $not: deep };
    expect(() => parsePredicate(deep)).toThrow(/nested too deeply/);
    expect(() => parsePredicate({ kind: { $in: Array.from({ length: 101 }, (_, i) => `k${i}`) } })).toThrow(/more than 100 terms/);
  });
});

describe('fields', () => {
  const entity = {
    kind: 'Component',
    metadata: { name: 'a', annotations: { 'backstage.io/orphan': 'true', other: 'x' }, tags: ['t'] },
    spec: { owner: 'me' },
  };

  it('keeps only the asked paths, including keys with dots', () => {
    expect(projectFields(entity, parseFields(['kind,metadata.annotations.backstage.io/orphan', 'spec.missing']))).toEqual({
      kind: 'Component',
      metadata: { annotations: { 'backstage.io/orphan': 'true' } },
    });
    expect(projectFields(entity, [])).toBe(entity);
  });
});

describe('ordering', () => {
  it('parses the three syntaxes and refuses bad directions', () => {
    expect(parseOrderFieldParams(['metadata.name,desc', 'kind'])).toEqual([
      { field: 'metadata.name', order: 'desc' },
      { field: 'kind', order: 'asc' },
    ]);
    expect(parseOrderParams(['asc:metadata.Title'])).toEqual([{ field: 'metadata.title', order: 'asc' }]);
    expect(parseOrderBody([{ field: 'spec.type', order: 'desc' }])).toEqual([{ field: 'spec.type', order: 'desc' }]);
    expect(() => parseOrderFieldParams(['metadata.name,up'])).toThrow(/asc or desc/);
    expect(() => parseOrderParams(['metadata.name'])).toThrow(/asc:<field>/);
  });
});

describe('cursors', () => {
  const state = { order: [], direction: 'next' as const, boundary: [42], totalItems: 3, filter: { key: 'kind', values: ['component'] } };

  it('round-trips and is readable by Backstage\'s client as non-predicate', async () => {
    const cursor = await encodeCursor(state, 'secret');
    expect(await decodeCursor(cursor, 'secret')).toEqual(state);
    expect('query' in (JSON.parse(atob(cursor)) as object)).toBe(false);
    const predicate = await encodeCursor({ ...state, query: true }, 'secret');
    expect('query' in (JSON.parse(atob(predicate)) as object)).toBe(true);
  });

  it('refuses altered, foreign and garbage cursors', async () => {
    const cursor = await encodeCursor(state, 'secret');
    const wrapper = JSON.parse(atob(cursor)) as { s: string; h: string };
    const altered = btoa(JSON.stringify({ ...wrapper, s: wrapper.s.replace('"totalItems":3', '"totalItems":4') }));
    await expect(decodeCursor(altered, 'secret')).rejects.toThrow(/Malformed cursor/);
    await expect(decodeCursor(cursor, 'another-secret')).rejects.toThrow(/Malformed cursor/);
    await expect(decodeCursor('%%%', 'secret')).rejects.toThrow(/Malformed cursor/);
    await expect(decodeCursor(btoa('{"s":1}'), 'secret')).rejects.toThrow(/Malformed cursor/);
  });

  it('refuses a genuine cursor from before entities were ordered by id, asking for a new query', async () => {
    const byRef = await encodeCursor({ ...state, boundary: ['component:default/a'] }, 'secret');
    await expect(decodeCursor(byRef, 'secret')).rejects.toThrow(/Expired cursor/);
  });
});
