import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACET_KEYS, flattenForSearch } from '../../worker/catalog/store/flatten';

/** The keys the newest migration that fills facet_values copies from the search table. */
function migratedFacetKeys(): string[] {
  const fills = readdirSync('migrations')
    .sort()
    .map((file) => readFileSync(join('migrations', file), 'utf8'))
    .map((text) => /INSERT INTO facet_values[\s\S]*?WHERE key IN \(([^)]*)\)/.exec(text)?.[1])
    .filter((list): list is string => list !== undefined);
  return [...(fills.at(-1)?.matchAll(/'([^']*)'/g) ?? [])].map((m) => m[1]!);
}

describe('facet keys', () => {
  it('are the keys the migrations backfill, so existing catalogs count the same as new writes', () => {
    expect(migratedFacetKeys().sort()).toEqual([...FACET_KEYS].sort());
  });

  it('are keys the search rows of a typical entity use', () => {
    const keys = new Set(
      flattenForSearch({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'a', namespace: 'default', tags: ['x'] },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'shop' },
      }).map((r) => r.key),
    );
    expect(FACET_KEYS.filter((k) => !keys.has(k))).toEqual([]);
  });
});
