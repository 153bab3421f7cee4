import { describe, expect, it } from 'vitest';
import {
  MAX_PLACEHOLDER_READS,
  PlaceholderError,
  resolvePlaceholders,
  type PlaceholderContext,
} from '../../worker/catalog/ingest/placeholders';
import { ReaderError, type UrlReader } from '../../worker/catalog/ingest/reader';

const BASE = 'https://github.com/acme/repo/blob/main/services/web/catalog-info.yaml';

function readerOf(files: Record<string, string>): UrlReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(url) {
      reads.push(url);
      const text = files[url];
      if (text === undefined) throw new ReaderError('not-found', url, `${url} was not found`);
      return text;
    },
  };
}

function ctx(reader: UrlReader, reads = MAX_PLACEHOLDER_READS): PlaceholderContext {
  return { baseUrl: BASE, reader, budget: { reads } };
}

describe('resolvePlaceholders', () => {
  it('substitutes $text, $json and $yaml anywhere in a document, relative to the file', async () => {
    const reader = readerOf({
      'https://github.com/acme/repo/blob/main/services/web/api.yaml': 'openapi: 3.0.0\n',
      'https://github.com/acme/repo/blob/main/shared/owners.json': '{"owner": "team-a", "tags": ["x"]}',
      'https://github.com/acme/repo/blob/main/services/web/links.yaml': '- url: https://a.example\n',
    });
    const doc = {
      metadata: { name: 'web', links: { $yaml: './links.yaml' } },
      spec: { definition: { $text: 'api.yaml' }, extra: [{ $json: '../../shared/owners.json' }] },
    };
    await expect(resolvePlaceholders(doc, ctx(reader))).resolves.toEqual({
      metadata: { name: 'web', links: [{ url: 'https://a.example' }] },
      spec: { definition: 'openapi: 3.0.0\n', extra: [{ owner: 'team-a', tags: ['x'] }] },
    });
    expect(doc.spec.definition).toEqual({ $text: 'api.yaml' });
  });

  it('reads absolute targets as written, and `/path` from the repository root', async () => {
    const reader = readerOf({ 'https://github.com/other/repo/blob/main/x.txt': 'abs', 'https://github.com/acme/repo/blob/main/docs/api.txt': 'root' });
    await expect(
      resolvePlaceholders({ a: { $text: 'https://github.com/other/repo/blob/main/x.txt' }, b: { $text: '/docs/api.txt' } }, ctx(reader)),
    ).resolves.toEqual({ a: 'abs', b: 'root' });
  });

  it('leaves objects that merely look like placeholders alone', async () => {
    const reader = readerOf({});
    const doc = { schema: { $ref: '#/defs/x' }, two: { $text: 'a', other: 1 }, unknown: { $file: './x' } };
    await expect(resolvePlaceholders(doc, ctx(reader))).resolves.toEqual(doc);
    expect(reader.reads).toEqual([]);
  });

  it('fails when no URL can be formed from the base and target', async () => {
    const run = resolvePlaceholders({ d: { $text: './x.yaml' } }, { ...ctx(readerOf({})), baseUrl: 'relative/catalog-info.yaml' });
    await expect(run).rejects.toThrow(PlaceholderError);
    await expect(run).rejects.toThrow(
      'Placeholder $text could not form a URL out of relative/catalog-info.yaml and ./x.yaml, TypeError: Invalid URL',
    );
  });

  it('fails with the reader message when the target cannot be read', async () => {
    await expect(resolvePlaceholders({ d: { $text: './missing.yaml' } }, ctx(readerOf({})))).rejects.toThrow(
      'Placeholder $text failed to read https://github.com/acme/repo/blob/main/services/web/missing.yaml, https://github.com/acme/repo/blob/main/services/web/missing.yaml was not found',
    );
  });

  it('fails on data that does not parse as the placeholder says', async () => {
    const reader = readerOf({ [`${BASE.replace('catalog-info.yaml', 'bad.json')}`]: '{nope', [`${BASE.replace('catalog-info.yaml', 'bad.yaml')}`]: 'a: [1\n', [`${BASE.replace('catalog-info.yaml', 'two.yaml')}`]: 'a: 1\n---\nb: 2\n' });
    await expect(resolvePlaceholders({ $json: './bad.json' }, ctx(reader))).rejects.toThrow(/^Placeholder \$json failed to parse JSON data at .*bad\.json, SyntaxError/);
    await expect(resolvePlaceholders({ $yaml: './bad.yaml' }, ctx(reader))).rejects.toThrow(/^Placeholder \$yaml failed to parse YAML data at .*bad\.yaml, YAML error/);
    await expect(resolvePlaceholders({ $yaml: './two.yaml' }, ctx(reader))).rejects.toThrow(/more than one document/);
  });

  it('refuses $json data nested past the depth limit', async () => {
    const reader = readerOf({ [BASE.replace('catalog-info.yaml', 'deep.json')]: '['.repeat(100) + ']'.repeat(100) });
    await expect(resolvePlaceholders({ $json: './deep.json' }, ctx(reader))).rejects.toThrow(/nests deeper than 64 levels/);
  });

  it('refuses a non-string target', async () => {
    await expect(resolvePlaceholders({ d: { $text: { url: 'x' } } }, ctx(readerOf({})))).rejects.toThrow(
      'Placeholder $text expected a string value parameter, in the form of an absolute URL or a relative path',
    );
  });

  it('stops reading once the budget for the file is spent, and spends it across calls', async () => {
    const reader = readerOf({ [BASE.replace('catalog-info.yaml', 'a.txt')]: 'a' });
    const shared = ctx(reader, 2);
    await expect(resolvePlaceholders([{ $text: './a.txt' }], shared)).resolves.toEqual(['a']);
    await expect(resolvePlaceholders([{ $text: './a.txt' }, { $text: './a.txt' }], shared)).rejects.toThrow(
      `a file may use at most ${MAX_PLACEHOLDER_READS} placeholders`,
    );
    expect(reader.reads).toHaveLength(2);
  });

  it('keeps a __proto__ key as data while copying', async () => {
    const doc = JSON.parse('{"a": {"__proto__": {"polluted": true}}}') as unknown;
    const out = (await resolvePlaceholders(doc, ctx(readerOf({})))) as { a: object };
    expect(Object.getPrototypeOf(out.a)).toBe(Object.prototype);
    expect(Object.hasOwn(out.a, '__proto__')).toBe(true);
  });
});
