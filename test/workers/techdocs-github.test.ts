import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StandinRepo } from '../../scripts/lib/github-standin';
import { accept, clearAll, settle } from './github-support';
import { acmeWorld } from './github-world';
import { api, bucketKeys, clearDocs } from './techdocs-support';

const catalogFile = (name: string, ref: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  title: ${name} title\n  annotations:\n    backstage.io/techdocs-ref: ${ref}\nspec:\n  type: service\n  lifecycle: production\n  owner: platform\n`;

const MKDOCS = `site_name: Shop handbook
site_description: Everything about the shop
nav:
  - Home: index.md
  - Guides:
      - guides/setup.md
      - Operating: guides/ops/runbook.md
plugins:
  - techdocs-core
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
`;

const DOCS = {
  'docs/index.md': '# Shop\n\nThe shop sells groceries. Read the [setup guide](guides/setup.md#install).\n\n![Architecture](img/arch.svg)\n',
  'docs/guides/setup.md': '# Setup\n\n## Install\n\n```bash\nnpm ci && npm start\n```\n\n!!! tip "Fast path"\n    Use the devcontainer.\n\n| Env | URL |\n|-----|-----|\n| dev | http://localhost |\n\nBack to [home](../index.md).\n',
  'docs/guides/ops/runbook.md': '# Runbook\n\n## Paging\n\nWho gets paged for a broken till.\n\n![arch](../../img/arch.svg)\n',
  'docs/img/arch.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
};

interface Status {
  state: string;
  etag: string | null;
  builtAt: string | null;
  source: string | null;
  error: { message: string } | null;
}

const status = async (ref: string) => (await (await api(`/status/${ref}`)).json()) as Status;
const text = async (path: string) => (await api(path)).text();

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The installation processed and the docs job of `repo` run to completion after `since` standin calls. */
async function docsJobDone(world: ReturnType<typeof acmeWorld>, repo: StandinRepo, since: number): Promise<void> {
  await settle();
  await until('the docs job', async () => {
    const asked = world.github.calls.slice(since).some((c) => c.path.startsWith(`/repos/acme/${repo.name}/commits/`));
    const { results } = await env.DB.prepare('SELECT key FROM github_locks WHERE key = ?').bind(`docs:${repo.id}`).all();
    const waiting = await env.DB.prepare('SELECT count(*) AS n FROM github_lock_waiters').first<{ n: number }>();
    return asked && results.length === 0 && waiting?.n === 0 ? true : undefined;
  });
}

const commitOf = (world: ReturnType<typeof acmeWorld>, repo: StandinRepo) => world.github.commitSha(repo);

// Installation, discovery, the repository jobs and then the docs jobs: several queue hops each.
describe('TechDocs built on push through the GitHub App', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await clearAll();
    await clearDocs();
  });

  async function world() {
    const w = acmeWorld();
    const shop = w.github.addRepo(w.acme.account, 'shop', { 'catalog-info.yaml': catalogFile('shop', 'dir:.'), 'mkdocs.yml': MKDOCS, 'README.md': 'shop', ...DOCS });
    // A monorepo service whose docs live beside its catalog file, without mkdocs.yml.
    w.github.files(w.mono).set('services/a/catalog-info.yaml', catalogFile('mono-a', 'dir:.'));
    w.github.files(w.mono).set('services/a/docs/index.md', '# Service A\n\nA small service.');
    w.github.files(w.mono).set('services/a/docs/zeta.md', '# Zeta\n\nLast page.');
    w.github.files(w.mono).set('services/a/docs/api/usage.md', '# Usage\n\nCall it.');
    await accept('installation', w.hooks.installation('created', w.inst));
    await docsJobDone(w, shop, 0);
    await docsJobDone(w, w.mono, 0);
    return { ...w, shop };
  }

  it('builds a multi-page site with nav, nested folders, code, admonitions, tables and an image, with the commit as etag', async () => {
    const w = await world();
    const s = await status('default/component/shop');
    expect(s).toMatchObject({ state: 'ok', source: 'github', error: null, etag: await commitOf(w, w.shop) });
    expect(await bucketKeys('default/component/shop/')).toEqual(
      ['guides/ops/runbook/index.html', 'guides/setup/index.html', 'img/arch.svg', 'index.html', 'techdocs_metadata.json', 'techdocs_nav.json'].map((p) => `default/component/shop/${p}`),
    );
    const meta = (await (await api('/metadata/techdocs/default/component/shop')).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({ site_name: 'Shop handbook', site_description: 'Everything about the shop', etag: s.etag });

    const setup = await text('/static/docs/default/component/shop/guides/setup/');
    expect(setup).toContain('<h2 id="install">Install <a class="headerlink" href="#install">¶</a></h2>');
    expect(setup).toContain('<pre><code class="hljs language-bash">npm ci &amp;&amp; npm start');
    expect(setup).toContain('<div class="admonition tip">\n<p class="admonition-title">Fast path</p>');
    expect(setup).toMatch(/<table>[\s\S]*<td>dev<\/td>/);
    expect(setup).toContain('<a href="../../">home</a>');
    const home = await text('/static/docs/default/component/shop/');
    expect(home).toContain('<a href="guides/setup/#install">setup guide</a>');
    expect(home).toContain('<img src="img/arch.svg" alt="Architecture">');
    expect(await text('/static/docs/default/component/shop/guides/ops/runbook/')).toContain('<img src="../../../img/arch.svg" alt="arch">');
    expect((await api('/static/docs/default/component/shop/img/arch.svg')).headers.get('content-type')).toBe('image/svg+xml');

    const nav = (await (await api('/static/docs/default/component/shop/techdocs_nav.json')).json()) as { nav: unknown; repo_url: string; pages: Record<string, { edit_url: string; toc: unknown }> };
    expect(nav.nav).toEqual([
      { title: 'Home', path: '' },
      { title: 'Guides', children: [{ title: 'Setup', path: 'guides/setup/' }, { title: 'Operating', path: 'guides/ops/runbook/' }] },
    ]);
    expect(nav.repo_url).toBe('https://ghe.test/acme/shop');
    expect(nav.pages['guides/setup/']).toMatchObject({ edit_url: 'https://ghe.test/acme/shop/edit/main/docs/guides/setup.md', toc: [{ id: 'install', title: 'Install' }] });

    // Without mkdocs.yml: the entity's title names the site, the nav is the default one.
    const monoNav = (await (await api('/static/docs/default/component/mono-a/techdocs_nav.json')).json()) as { site_name: string; nav: unknown; pages: Record<string, { edit_url: string }> };
    expect(monoNav.site_name).toBe('mono-a title');
    expect(monoNav.nav).toEqual([{ title: 'Home', path: '' }, { title: 'Api', children: [{ title: 'Usage', path: 'api/usage/' }] }, { title: 'Zeta', path: 'zeta/' }]);
    expect(monoNav.pages['zeta/']!.edit_url).toBe('https://ghe.test/acme/mono/edit/main/services/a/docs/zeta.md');

    const found = (await (await SELF.fetch('http://localhost/api/search/query?term=paged%20till&types[]=techdocs')).json()) as { results: { document: { location: string } }[] };
    expect(found.results.map((r) => r.document.location)).toEqual(['/docs/default/component/shop/guides/ops/runbook/']);
    expect(w.elsewhere).toEqual([]);
  });

  it('a push that leaves the docs alone rebuilds nothing; one that changes them rebuilds and removes stale files', async () => {
    const w = await world();
    const first = await status('default/component/shop');
    let since = w.github.calls.length;
    w.github.files(w.shop).set('README.md', 'shop, now with more words');
    await accept('push', w.hooks.push(w.shop));
    await docsJobDone(w, w.shop, since);
    expect(w.github.calls.slice(since).filter((c) => c.path.includes('/contents/docs/'))).toEqual([]);
    expect(await status('default/component/shop')).toEqual(first);

    since = w.github.calls.length;
    const files = w.github.files(w.shop);
    files.set('docs/guides/setup.md', '# Setup\n\nNow with a single step.\n');
    files.delete('docs/guides/ops/runbook.md');
    files.delete('docs/img/arch.svg');
    files.set('docs/index.md', '# Shop\n\nSmaller now.\n');
    files.set('mkdocs.yml', 'site_name: Shop handbook\nnav:\n  - index.md\n  - guides/setup.md\n');
    await accept('push', w.hooks.push(w.shop));
    await docsJobDone(w, w.shop, since);
    const second = await status('default/component/shop');
    expect(second.state).toBe('ok');
    expect(second.etag).toBe(await commitOf(w, w.shop));
    expect(second.etag).not.toBe(first.etag);
    expect(await bucketKeys('default/component/shop/')).toEqual(
      ['guides/setup/index.html', 'index.html', 'techdocs_metadata.json', 'techdocs_nav.json'].map((p) => `default/component/shop/${p}`),
    );
    expect(await text('/static/docs/default/component/shop/guides/setup/')).toContain('Now with a single step.');
    const search = (await (await SELF.fetch('http://localhost/api/search/query?term=paged&types[]=techdocs')).json()) as { numberOfResults: number };
    expect(search.numberOfResults).toBe(0);
  });

  it('a build error is recorded and shown while the previous good site stays up', async () => {
    const w = await world();
    const good = await status('default/component/shop');
    const since = w.github.calls.length;
    w.github.files(w.shop).set('mkdocs.yml', 'site_name: Shop handbook\nnav:\n  - Home: index.md\n  - Missing: guides/nowhere.md\n');
    w.github.files(w.shop).set('docs/index.md', '# Shop\n\nThis version never gets built.\n');
    await accept('push', w.hooks.push(w.shop));
    await docsJobDone(w, w.shop, since);
    const failed = await status('default/component/shop');
    expect(failed).toMatchObject({ state: 'error', etag: good.etag, builtAt: good.builtAt, error: { message: 'mkdocs.yml: nav entry "guides/nowhere.md" is not a page in the docs folder' } });
    const home = await text('/static/docs/default/component/shop/');
    expect(home).toContain('The shop sells groceries.');
    expect(home).not.toContain('never gets built');
    expect(((await (await api('/metadata/techdocs/default/component/shop')).json()) as { etag: string }).etag).toBe(good.etag);

    // Fixed on the next push: built again, the error gone.
    const again = w.github.calls.length;
    w.github.files(w.shop).set('mkdocs.yml', 'site_name: Shop handbook\n');
    await accept('push', w.hooks.push(w.shop));
    await docsJobDone(w, w.shop, again);
    expect(await status('default/component/shop')).toMatchObject({ state: 'ok', error: null, etag: await commitOf(w, w.shop) });
    expect(await text('/static/docs/default/component/shop/')).toContain('This version never gets built.');
  });

  it('an entity whose techdocs-ref folder has no docs shows why', async () => {
    const w = acmeWorld();
    const bare = w.github.addRepo(w.acme.account, 'bare', { 'catalog-info.yaml': catalogFile('bare', 'dir:./handbook') });
    await accept('installation', w.hooks.installation('created', w.inst));
    await docsJobDone(w, bare, 0);
    expect(await status('default/component/bare')).toMatchObject({ state: 'error', etag: null, builtAt: null, error: { message: 'No mkdocs.yml and no Markdown pages in docs/' } });
    expect((await api('/metadata/techdocs/default/component/bare')).status).toBe(404);
  });
});
