import { describe, expect, it } from 'vitest';
import { globToRegExp, isLiteralGlob } from '../../worker/lib/glob';
import { matchCatalogPaths } from '../../worker/github/tree';

describe('path globs', () => {
  it('match as minimatch does for catalog paths', () => {
    const cases: [string, string, boolean][] = [
      ['catalog-info.yaml', 'catalog-info.yaml', true],
      ['catalog-info.yaml', 'docs/catalog-info.yaml', false],
      ['**/catalog-info.yaml', 'catalog-info.yaml', true],
      ['**/catalog-info.yaml', 'a/b/catalog-info.yaml', true],
      ['services/*/catalog-info.yaml', 'services/a/catalog-info.yaml', true],
      ['services/*/catalog-info.yaml', 'services/a/b/catalog-info.yaml', false],
      ['services/**/catalog-info.yaml', 'services/catalog-info.yaml', true],
      ['*.yaml', 'catalog.yaml', true],
      ['*.yaml', 'dir/catalog.yaml', false],
      ['catalog-info.y?ml', 'catalog-info.yaml', true],
      ['catalog-info.y?ml', 'catalog-info.yml', false],
      ['catalog.info.yaml', 'catalogxinfo.yaml', false],
    ];
    for (const [glob, path, expected] of cases) expect(globToRegExp(glob).test(path), `${glob} ~ ${path}`).toBe(expected);
  });

  it('tell literal paths apart and pick catalog files out of a tree, sorted', () => {
    expect(isLiteralGlob('catalog-info.yaml')).toBe(true);
    expect(isLiteralGlob('**/catalog-info.yaml')).toBe(false);
    expect(matchCatalogPaths(['z/catalog-info.yaml', 'README.md', 'catalog-info.yaml', 'a/catalog-info.yaml'], ['catalog-info.yaml', '*/catalog-info.yaml'])).toEqual([
      'a/catalog-info.yaml',
      'catalog-info.yaml',
      'z/catalog-info.yaml',
    ]);
  });
});
