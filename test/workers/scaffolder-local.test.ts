// The built-in templates end to end through the Queue and the Workflow, published locally
// (archive + catalog entity, no GitHub).
import { env, SELF } from 'cloudflare:test';
import { parseTarGzip } from 'nanotar';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, clearScaffolder, events, submit, waitFor } from './scaffolder-support';

// Tasks run through the real queue and workflow engine on a shared, busy machine.
vi.setConfig({ testTimeout: 60_000 });
beforeEach(clearScaffolder);

describe('a built-in template published locally', () => {
  it('renders the Hono service, packs it for download and registers it in the catalog', async () => {
    const id = await submit('template:default/hono-worker-service', { name: 'billing-api', owner: 'group:default/payments-team', description: 'Bills "customers"' });
    const task = await waitFor(id);
    expect(task.status, JSON.stringify(await events(id))).toBe('completed');
    // The workflow instance is named after the task.
    expect((await (await env.SCAFFOLD.get(id)).status()).status).toBe('complete');

    expect(task.steps.map((s) => [s.id, s.status])).toEqual([
      ['fetch', 'completed'],
      ['publish-local', 'completed'],
      ['publish', 'skipped'],
      ['register', 'skipped'],
      ['ci', 'skipped'],
    ]);
    expect(task.output?.links).toEqual([
      { title: 'Download', icon: 'download', url: `/api/scaffolder/v2/tasks/${id}/archive` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/billing-api' },
    ]);
    expect(task.output?.text).toEqual([{ title: 'Next steps', content: expect.stringContaining('**billing-api**') }]);

    const log = await events(id);
    expect(log.at(-1)).toMatchObject({ type: 'completion', body: { status: 'completed' } });
    expect(log.filter((e) => e.body.stepId === 'fetch').map((e) => e.body.status).filter(Boolean)).toEqual(['processing', 'completed']);
    expect(log.map((e) => e.id)).toEqual([...log.map((e) => e.id)].sort((a, b) => a - b));

    const archive = await api(`/v2/tasks/${id}/archive`);
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-disposition')).toContain('billing-api.tar.gz');
    const files = Object.fromEntries((await parseTarGzip(new Uint8Array(await archive.arrayBuffer()))).map((f) => [f.name, f.text]));
    expect(Object.keys(files).sort()).toEqual(
      [
        '.github/workflows/ci.yml',
        '.gitignore',
        'README.md',
        'catalog-info.yaml',
        'package.json',
        'src/index.ts',
        'test/index.test.ts',
        'tsconfig.json',
        'vitest.config.ts',
        'wrangler.toml',
      ].map((f) => `billing-api/${f}`),
    );
    expect(JSON.parse(files['billing-api/package.json']!)).toMatchObject({ name: 'billing-api', description: "Bills 'customers'" });
    // copyWithoutTemplating: GitHub Actions' own ${{ }} survive.
    expect(files['billing-api/.github/workflows/ci.yml']).toContain('${{ secrets.CLOUDFLARE_API_TOKEN }}');
    expect(files['billing-api/src/index.ts']).toContain('`Hello, ${c.req.param(');

    const entity = await SELF.fetch('http://localhost/api/catalog/entities/by-name/component/default/billing-api');
    expect(entity.status).toBe(200);
    expect(await entity.json()).toMatchObject({ metadata: { name: 'billing-api', description: 'Bills "customers"' }, spec: { owner: 'group:default/payments-team', type: 'service' } });
  });

  it('renders the TypeScript library (file names templated) and the docs site (a step per page)', async () => {
    const lib = await submit('template:default/typescript-library', { name: 'date-utils', scope: 'fernhill', owner: 'group:default/devex-team', license: 'UNLICENSED' });
    const docs = await submit('template:default/docs-site', { name: 'handbook', owner: 'group:default/devex-team', pages: ['Getting started', 'Runbooks'] });
    const [libTask, docsTask] = await Promise.all([waitFor(lib), waitFor(docs)]);
    expect([libTask.status, docsTask.status]).toEqual(['completed', 'completed']);

    const unpack = async (id: string) =>
      Object.fromEntries((await parseTarGzip(new Uint8Array(await (await api(`/v2/tasks/${id}/archive`)).arrayBuffer()))).map((f) => [f.name, f.text]));
    const libFiles = await unpack(lib);
    expect(libFiles['date-utils/src/date_utils.ts']).toContain('export function slugify');
    expect(libFiles['date-utils/src/index.ts']).toBe("export { slugify } from './date_utils.js';\n");
    expect(JSON.parse(libFiles['date-utils/package.json']!)).toMatchObject({ name: '@fernhill/date-utils', license: 'UNLICENSED' });
    expect(libFiles['date-utils/README.md']).not.toContain('## License');

    const docsFiles = await unpack(docs);
    expect(Object.keys(docsFiles).sort()).toEqual(
      ['README.md', 'catalog-info.yaml', 'docs/getting-started.md', 'docs/index.md', 'docs/runbooks.md', 'mkdocs.yml'].map((f) => `handbook/${f}`),
    );
    expect(docsFiles['handbook/docs/runbooks.md']).toBe('# Runbooks\n\nThis page of the handbook documentation is waiting for its content.\n');
    const pageLogs = (await events(docs)).filter((e) => e.body.stepId === 'page' && !e.body.status).map((e) => e.body.message);
    expect(pageLogs.filter((m) => m.startsWith('Running fetch:template:file for'))).toEqual([
      'Running fetch:template:file for 0: "Getting started"',
      'Running fetch:template:file for 1: "Runbooks"',
    ]);
    const entity = (await (await SELF.fetch('http://localhost/api/catalog/entities/by-name/component/default/handbook')).json()) as { metadata: { annotations: Record<string, string> }; spec: { type: string } };
    expect(entity.spec.type).toBe('documentation');
    expect(entity.metadata.annotations['backstage.io/techdocs-ref']).toBe('dir:.');
  });
});
