import { describe, expect, it } from 'vitest';
import { processLocation } from '../../worker/catalog/ingest/process';
import { ReaderError, type UrlReader } from '../../worker/catalog/ingest/reader';
import type { ProcessedEntity } from '../../worker/catalog/ingest/types';
import { ALLOW_ALL_RULES, DEFAULT_RULES, type CatalogRule } from '../../worker/catalog/model/rules';

const FILE = 'https://github.com/acme/repo/blob/main/services/catalog-info.yaml';
const KEY = `url:${FILE}`;
const ORIGIN = 'url:https://github.com/acme/repo/blob/main/catalog-info.yaml';

function readerOf(files: Record<string, string>): UrlReader {
  return {
    async read(url) {
      const text = files[url];
      if (text === undefined) throw new ReaderError('not-found', url, `${url} was not found`);
      return text;
    },
  };
}

async function run(yaml: string, options: { rules?: CatalogRule[]; files?: Record<string, string>; key?: string } = {}) {
  const key = options.key ?? KEY;
  return processLocation({
    locationKey: key,
    originKey: ORIGIN,
    reader: readerOf({ [key.slice(4)]: yaml, ...options.files }),
    rules: options.rules ?? ALLOW_ALL_RULES,
  });
}

const COMPONENT = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: web
spec:
  type: website
  lifecycle: production
  owner: team-a
`;

function only(entities: ProcessedEntity[]): ProcessedEntity {
  expect(entities).toHaveLength(1);
  return entities[0]!;
}

describe('processLocation', () => {
  it('turns a document into an entity with its namespace, location annotations and relations', async () => {
    const out = await run(COMPONENT);
    expect(out.errors).toEqual([]);
    expect(out.children).toEqual([]);
    const processed = only(out.entities);
    expect(processed.ref).toBe('component:default/web');
    expect(processed.docIndex).toBe(0);
    expect(processed.entity.metadata).toEqual({
      name: 'web',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': KEY,
        'backstage.io/managed-by-origin-location': ORIGIN,
        'backstage.io/view-url': FILE,
        'backstage.io/edit-url': 'https://github.com/acme/repo/edit/main/services/catalog-info.yaml',
        'backstage.io/source-location': 'url:https://github.com/acme/repo/tree/main/services/',
      },
    });
    expect(processed.relations).toEqual([
      { source: 'component:default/web', type: 'ownedBy', target: 'group:default/team-a' },
      { source: 'group:default/team-a', type: 'ownerOf', target: 'component:default/web' },
    ]);
  });

  it("keeps the descriptor's own SCM annotations but never its managed-by ones, and drops relations and status", async () => {
    const yaml = `${COMPONENT.replace(
      '  name: web\n',
      "  name: web\n  annotations:\n    backstage.io/view-url: https://docs.example/web\n    backstage.io/managed-by-location: 'url:https://elsewhere/x.yaml'\n",
    )}relations:\n  - type: ownedBy\n    targetRef: group:default/mallory\nstatus: {}\n`;
    const { entity } = only((await run(yaml)).entities);
    expect(entity.metadata.annotations?.['backstage.io/view-url']).toBe('https://docs.example/web');
    expect(entity.metadata.annotations?.['backstage.io/managed-by-location']).toBe(KEY);
    expect(entity).not.toHaveProperty('relations');
    expect(entity).not.toHaveProperty('status');
  });

  it('sets only view-url for hosts without a known SCM layout', async () => {
    const key = 'url:http://localhost:8787/catalog-info.yaml';
    const { entity } = only((await run(COMPONENT, { key })).entities);
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': key,
      'backstage.io/managed-by-origin-location': ORIGIN,
      'backstage.io/view-url': 'http://localhost:8787/catalog-info.yaml',
    });
  });

  it('keeps one bad document from affecting the others', async () => {
    const yaml = [COMPONENT, 'a: [broken', COMPONENT.replace('name: web', 'name: bad name'), COMPONENT.replace('name: web', 'name: api')].join('\n---\n');
    const out = await run(yaml);
    expect(out.entities.map((e) => [e.docIndex, e.ref])).toEqual([
      [0, 'component:default/web'],
      [3, 'component:default/api'],
    ]);
    expect(out.errors.map((e) => [e.docIndex, e.rule, e.ref])).toEqual([
      [1, 'yaml', undefined],
      [2, 'policy:field-format:metadata.name', 'component:default/bad name'],
    ]);
  });

  it('makes the second document with the same ref (in any case) an error', async () => {
    const out = await run([COMPONENT, COMPONENT.replace('name: web', 'name: WEB')].join('\n---\n'));
    expect(out.entities.map((e) => e.docIndex)).toEqual([0]);
    expect(out.errors).toEqual([
      {
        docIndex: 1,
        ref: 'component:default/web',
        rule: 'duplicate-ref',
        message: `Entity component:default/web is defined twice in ${FILE} (documents 0 and 1); the first is kept`,
      },
    ]);
  });

  it('refuses kinds the rules do not allow, and still calls unknown kinds unknown', async () => {
    const group = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n';
    const env = 'apiVersion: backstage.io/v1alpha1\nkind: Environment\nmetadata:\n  name: dev\n';
    const out = await run([COMPONENT, group, env].join('---\n'), { rules: DEFAULT_RULES });
    expect(out.entities.map((e) => e.ref)).toEqual(['component:default/web']);
    expect(out.errors).toEqual([
      {
        docIndex: 1,
        ref: 'group:default/team-a',
        rule: 'rule:not-allowed',
        message: `Entity group:default/team-a at ${KEY}, originated at ${ORIGIN}, is not of an allowed kind for that location`,
      },
      expect.objectContaining({ docIndex: 2, rule: 'unknown-kind' }),
    ]);
  });

  it('applies location-scoped rules to the file being processed', async () => {
    const group = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n';
    const rules: CatalogRule[] = [{ allow: ['Group'], locations: [{ type: 'url', pattern: 'https://github.com/acme/repo/blob/main/**' }] }];
    expect((await run(group, { rules })).entities).toHaveLength(1);
    expect((await run(group, { rules, key: 'url:https://github.com/other/repo/blob/main/org.yaml' })).errors[0]?.rule).toBe('rule:not-allowed');
  });

  it('resolves placeholders relative to the file, and reports a failed one with rule placeholder', async () => {
    const api = (target: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: pets\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ${target}\n`;
    const files = { 'https://github.com/acme/repo/blob/main/services/openapi.yaml': 'openapi: 3.0.0\n' };
    const ok = only((await run(api('./openapi.yaml'), { files })).entities);
    expect(ok.entity.spec?.definition).toBe('openapi: 3.0.0\n');
    const failed = await run(api('./missing.yaml'), { files });
    expect(failed.entities).toEqual([]);
    expect(failed.errors).toEqual([
      expect.objectContaining({ docIndex: 0, ref: 'api:default/pets', rule: 'placeholder', message: expect.stringMatching(/^Placeholder \$text failed to read/) }),
    ]);
  });

  it("turns a Location's targets into deduplicated children, resolved against the file", async () => {
    const yaml = `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: all
spec:
  target: ./a.yaml
  targets:
    - ./a.yaml
    - ../shared/b.yaml
    - /root.yaml
    - https://github.com/acme/other/blob/main/c.yaml
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: legacy
spec:
  type: github
  targets:
    - https://github.com/acme/repo/blob/main/services/a.yaml
    - ./kept-as-written.yaml
`;
    const out = await run(yaml);
    expect(out.entities.map((e) => e.ref)).toEqual(['location:default/all', 'location:default/legacy']);
    expect(out.children).toEqual([
      { type: 'url', target: 'https://github.com/acme/repo/blob/main/services/a.yaml', parentRef: 'location:default/all' },
      { type: 'url', target: 'https://github.com/acme/repo/blob/main/shared/b.yaml', parentRef: 'location:default/all' },
      { type: 'url', target: 'https://github.com/acme/repo/blob/main/root.yaml', parentRef: 'location:default/all' },
      { type: 'url', target: 'https://github.com/acme/other/blob/main/c.yaml', parentRef: 'location:default/all' },
      { type: 'github', target: 'https://github.com/acme/repo/blob/main/services/a.yaml', parentRef: 'location:default/legacy' },
      { type: 'github', target: './kept-as-written.yaml', parentRef: 'location:default/legacy' },
    ]);
  });

  it('gives no children for a Location that fails validation', async () => {
    const out = await run('apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: x\nspec:\n  targets: ./a.yaml\n');
    expect(out.children).toEqual([]);
    expect(out.errors[0]?.rule).toBe('kind-schema:/spec/targets:type');
  });

  it('throws ReaderError when the file itself cannot be read, and for keys that are not url', async () => {
    const reader = readerOf({});
    await expect(processLocation({ locationKey: KEY, originKey: ORIGIN, reader, rules: ALLOW_ALL_RULES })).rejects.toMatchObject({ code: 'not-found' });
    await expect(
      processLocation({ locationKey: 'github:https://github.com/a/b/blob/main/x.yaml', originKey: ORIGIN, reader, rules: ALLOW_ALL_RULES }),
    ).rejects.toMatchObject({ code: 'not-allowed', message: expect.stringContaining('type "github"') });
  });

  it('reports a YAML-level refusal as a document error, not a thrown one', async () => {
    const out = await run(`${COMPONENT}---\n${'['.repeat(5000)}\n`);
    expect(out.entities).toHaveLength(1);
    expect(out.errors).toEqual([expect.objectContaining({ docIndex: 1, rule: 'yaml' })]);
  });
});
