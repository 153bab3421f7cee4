import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../worker/techdocs/render/build';

const run = promisify(execFile);
const CLI = join(process.cwd(), 'bin', 'greenroom.mjs');
const DEMO = join(process.cwd(), 'seed', 'demo', 'docs');

async function tree(root: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(relative(root, full).split(sep).join('/'), new Uint8Array(await readFile(full)));
    }
  };
  await walk(root);
  return files;
}

/** The parts of a build that do not depend on when it ran. */
const stable = (files: Map<string, Uint8Array>) =>
  new Map([...files].filter(([p]) => p !== 'techdocs_metadata.json').map(([p, d]) => [p, new TextDecoder().decode(d)]));

describe('greenroom docs (the CLI)', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'greenroom-cli-'));
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('builds exactly what the Worker renderer builds from the same sources', async () => {
    const source = join(DEMO, 'storefront-web');
    const { stdout } = await run(process.execPath, [CLI, 'docs', 'build', source, '--out', join(out, 'storefront')]);
    expect(stdout).toMatch(/^Built "Storefront web": 6 pages, 9 files in /);
    const cli = await tree(join(out, 'storefront'));
    const worker = await buildSite(await tree(source), { defaultSiteName: 'storefront-web' });
    expect(stable(cli)).toEqual(stable(worker.files));
    const meta = JSON.parse(new TextDecoder().decode(cli.get('techdocs_metadata.json'))) as { etag: string };
    expect(meta.etag).toBe(worker.metadata.etag);
  }, 60_000);

  it('builds every demo site of seed/demo/docs (multi-page, nav, code and an image each)', async () => {
    for (const name of await readdir(DEMO)) {
      const site = await buildSite(await tree(join(DEMO, name)), { defaultSiteName: name });
      expect(site.pages.length, name).toBeGreaterThanOrEqual(4);
      expect([...site.files.keys()].some((p) => /^img\/.+\.(png|svg)$/.test(p)), name).toBe(true);
      expect([...site.files.values()].some((d) => new TextDecoder().decode(d).includes('<pre><code class="hljs')), name).toBe(true);
      expect(JSON.stringify(site.nav.nav).match(/"children"/g)?.length ?? 0, name).toBeGreaterThan(0);
    }
  }, 60_000);

  it('explains a build error and bad usage with distinct exit codes', async () => {
    const broken = await run(process.execPath, [CLI, 'docs', 'build', join(process.cwd(), 'worker')]).catch((e: { code: number; stderr: string }) => e);
    expect(broken).toMatchObject({ code: 1, stderr: 'Build failed: No mkdocs.yml and no Markdown pages in docs/\n' });
    const usage = await run(process.execPath, [CLI, 'docs', 'publish', DEMO]).catch((e: { code: number; stderr: string }) => e);
    expect(usage).toMatchObject({ code: 2 });
    expect((usage as { stderr: string }).stderr).toContain('publish needs --entity kind:namespace/name');
  }, 60_000);
});
