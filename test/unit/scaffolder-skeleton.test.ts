import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinTemplatesModule } from '../../scripts/lib/builtin-templates.mjs';
import { validateEntity } from '../../worker/catalog/model/validate';
import { redact } from '../../worker/scaffolder/execution/redact';
import { renderSkeleton } from '../../worker/scaffolder/skeleton/render';
import { formPages, validateParameters } from '../../worker/scaffolder/template/parameters';
import { workspacePath } from '../../worker/scaffolder/workspace/path';
import { MemoryWorkspace, readAll } from '../../worker/scaffolder/workspace/workspace';
import { BUILTIN_FILES } from '../../worker/scaffolder/builtin/files.generated';
import { parse } from 'yaml';

const text = (s: string) => new TextEncoder().encode(s);
const files = (entries: Record<string, string | Uint8Array>) => Object.entries(entries).map(([path, c]) => ({ path, content: typeof c === 'string' ? text(c) : c }));
const asText = (out: { path: string; content: Uint8Array }[]) => Object.fromEntries(out.map((f) => [f.path, new TextDecoder().decode(f.content)]));

describe('skeleton rendering', () => {
  it('renders contents and file names, dropping files whose name renders empty', () => {
    const out = renderSkeleton(
      files({
        'src/${{ values.name }}.ts': 'export const n = "${{ values.name }}";',
        '{% if values.docs %}docs/index.md{% endif %}': '# docs',
        'README.md': '{% for p in values.pages %}- ${{ p }}\n{% endfor %}',
      }),
      { values: { name: 'lib', docs: false, pages: ['a', 'b'] } },
    );
    expect(asText(out)).toEqual({ 'src/lib.ts': 'export const n = "lib";', 'README.md': '- a\n- b\n' });
  });

  it('copies copyWithoutTemplating matches and binary files as they are (names still rendered)', () => {
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x24, 0x7b, 0x7b]);
    const out = renderSkeleton(
      files({ '.github/workflows/ci.yml': 'if: ${{ github.ref }}', '${{ values.name }}/raw.txt': '${{ values.name }}', 'logo.png': binary, 'x.md': '${{ values.name }}' }),
      { values: { name: 'svc' }, copyWithoutTemplating: ['.github/workflows/*', './${{ values.name }}'] },
    );
    const byPath = Object.fromEntries(out.map((f) => [f.path, f.content]));
    expect(new TextDecoder().decode(byPath['.github/workflows/ci.yml'])).toBe('if: ${{ github.ref }}');
    expect(new TextDecoder().decode(byPath['svc/raw.txt'])).toBe('${{ values.name }}');
    expect(byPath['logo.png']).toEqual(binary);
    expect(new TextDecoder().decode(byPath['x.md'])).toBe('svc');
  });

  it('renders only files with the template extension when asked, stripping it', () => {
    const out = renderSkeleton(files({ 'a.txt.njk': '${{ values.x }}', 'b.txt': '${{ values.x }}' }), { values: { x: 1 }, templateFileExtension: true });
    expect(asText(out)).toEqual({ 'a.txt': '1', 'b.txt': '${{ values.x }}' });
  });

  it('never writes outside the workspace', () => {
    expect(() => renderSkeleton(files({ '${{ values.p }}/x': '' }), { values: { p: '../..' } })).toThrow('must stay inside the workspace');
    expect(workspacePath('/catalog-info.yaml')).toBe('catalog-info.yaml');
    expect(workspacePath('./a//b/./c')).toBe('a/b/c');
    expect(workspacePath('x', 'docs/')).toBe('docs/x');
    expect(() => workspacePath('a/../../b')).toThrow();
    expect(() => workspacePath('C:\\temp')).toThrow();
  });
});

describe('reading a workspace folder', () => {
  it('gives the files under it with paths relative to it, however the folder is written', async () => {
    const ws = new MemoryWorkspace();
    await ws.write('site/docs/index.md', '# x');
    await ws.write('site/mkdocs.yml', 'a: 1', true);
    await ws.write('sitemap.txt', 'not under site/');
    const under = async (prefix: string) => (await readAll(ws, prefix)).map((f) => [f.path, f.executable]);
    expect(await under('site')).toEqual([['docs/index.md', false], ['mkdocs.yml', true]]);
    expect(await under('/site/')).toEqual(await under('site'));
    expect((await readAll(ws, '/')).map((f) => f.path)).toEqual(['site/docs/index.md', 'site/mkdocs.yml', 'sitemap.txt']);
    expect(await readAll(ws, 'nothing-here')).toEqual([]);
  });
});

describe('redaction', () => {
  it('replaces every secret inside any string, longest first', () => {
    expect(redact({ a: 'token abc and abcdef', b: ['abc'], c: 3 }, { t: 'abc', u: 'abcdef', empty: '' })).toEqual({ a: 'token *** and ***', b: ['***'], c: 3 });
    expect(redact('nothing', {})).toBe('nothing');
  });
});

describe('built-in templates', () => {
  it('are bundled from templates/ exactly as they are (run `node scripts/build-templates.mjs` after editing one)', () => {
    const generated = readFileSync(new URL('../../worker/scaffolder/builtin/files.generated.ts', import.meta.url), 'utf8');
    expect(generated).toBe(builtinTemplatesModule(new URL('../../templates', import.meta.url).pathname));
  });

  it('are valid Template entities with a catalog-info.yaml, and their forms accept sensible values', () => {
    const names = Object.keys(BUILTIN_FILES).filter((p) => p.endsWith('/template.yaml')).map((p) => p.split('/')[0]);
    expect(names.sort()).toEqual(['docs-site', 'hono-worker-service', 'typescript-library']);
    for (const name of names) {
      const entity = parse(BUILTIN_FILES[`${name}/template.yaml`] as string);
      expect(validateEntity(entity).ok, name).toBe(true);
      expect(BUILTIN_FILES[`${name}/skeleton/catalog-info.yaml`], name).toBeDefined();
      expect(formPages(entity.spec.parameters).length).toBeGreaterThanOrEqual(2);
      const values = { name: 'my-thing', owner: 'group:default/team', publish: 'local' };
      expect(validateParameters(entity.spec.parameters, values), name).toEqual([]);
      expect(validateParameters(entity.spec.parameters, { ...values, publish: 'github' }), name).toEqual([{ path: 'repoUrl', message: 'is required' }]);
    }
  });
});
