import { describe, expect, it } from 'vitest';
import { buildSite, defaultNav } from '../../worker/techdocs/render/build';
import { relativeUrl, rewriteReference, pageUrlOf } from '../../worker/techdocs/render/links';
import { slugify } from '../../worker/techdocs/render/markdown';

const enc = new TextEncoder();
const dec = new TextDecoder();
const tree = (files: Record<string, string | Uint8Array>) => new Map(Object.entries(files).map(([p, d]) => [p, typeof d === 'string' ? enc.encode(d) : d]));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const HANDBOOK = tree({
  'mkdocs.yml': [
    'site_name: Payments handbook',
    'site_description: How payments work',
    'docs_dir: docs',
    'nav:',
    '  - Home: index.md',
    '  - Guides:',
    '      - guides/install.md',
    '      - Deploying: guides/deploy/index.md',
    '      - Deep:',
    '          - guides/deploy/rollback.md',
    '  - Status page: https://status.example.com',
    'theme:',
    '  name: material',
    'markdown_extensions:',
    '  - pymdownx.superfences:',
    '      custom_fences:',
    '        - name: mermaid',
    '          format: !!python/name:pymdownx.superfences.fence_code_format',
    '',
  ].join('\n'),
  'docs/index.md': '# Payments\n\nStart with [installing](guides/install.md#requirements), then [deploy](guides/deploy/).\n\n![Flow](img/flow.png "The flow")\n\n## Admonitions\n\n!!! note\n    A plain note.\n\n!!! danger "Do not"\n    Deploy on Fridays.\n',
  'docs/guides/install.md': '# Installing\n\n## Requirements\n\n- Node 22\n- [x] Docker\n\n### Optional tools\n\n```python\ndef pay(amount: int) -> bool:\n    return amount > 0\n```\n\n```unknownlang\n<b>not bold</b>\n```\n\nBack [home](../index.md) or [rollback](deploy/rollback.md#steps).\n',
  'docs/guides/deploy/index.md': '# Deploying\n\n| Stage | Who |\n|:--|--:|\n| canary | bots |\n\nSee ![](../../img/flow.png) and [the raw file](../../img/flow.png).\n',
  'docs/guides/deploy/rollback.md': '# Rolling back\n\n## Steps\n\nRun `make rollback`. See [missing](nowhere.md) and [external](https://example.com/x).\n',
  'docs/img/flow.png': PNG,
  'docs/notes.html': '<script>alert(1)</script>',
  'docs/app.js': 'alert(1)',
  'README.md': '# not part of the docs folder',
});

describe('building a site from Markdown', () => {
  it('renders every page into <page>/index.html, copies assets, and leaves scripts and stray HTML out', async () => {
    const site = await buildSite(HANDBOOK, { defaultSiteName: 'fallback', etag: 'abc123', now: 1_700_000_000_000 });
    expect([...site.files.keys()].sort()).toEqual([
      'guides/deploy/index.html',
      'guides/deploy/rollback/index.html',
      'guides/install/index.html',
      'img/flow.png',
      'index.html',
      'techdocs_metadata.json',
      'techdocs_nav.json',
    ]);
    expect(site.files.get('img/flow.png')).toEqual(PNG);
    expect(site.metadata).toEqual({
      site_name: 'Payments handbook',
      site_description: 'How payments work',
      build_timestamp: 1_700_000_000_000,
      etag: 'abc123',
      files: [...site.files.keys()].sort(),
    });
    expect(JSON.parse(dec.decode(site.files.get('techdocs_metadata.json')))).toEqual(site.metadata);
  });

  it('honours the mkdocs nav, with titles from the pages where the nav gives none, and per-page TOC', async () => {
    const site = await buildSite(HANDBOOK, { defaultSiteName: 'fallback', editBase: 'https://github.com/acme/pay/edit/main/', repoUrl: 'https://github.com/acme/pay' });
    expect(site.nav.nav).toEqual([
      { title: 'Home', path: '' },
      {
        title: 'Guides',
        children: [
          { title: 'Installing', path: 'guides/install/' },
          { title: 'Deploying', path: 'guides/deploy/' },
          { title: 'Deep', children: [{ title: 'Rolling back', path: 'guides/deploy/rollback/' }] },
        ],
      },
      { title: 'Status page', url: 'https://status.example.com' },
    ]);
    expect(site.nav.repo_url).toBe('https://github.com/acme/pay');
    expect(site.nav.pages['guides/install/']).toEqual({
      title: 'Installing',
      file: 'guides/install/index.html',
      source: 'docs/guides/install.md',
      edit_url: 'https://github.com/acme/pay/edit/main/docs/guides/install.md',
      toc: [{ id: 'requirements', title: 'Requirements', level: 2, children: [{ id: 'optional-tools', title: 'Optional tools', level: 3, children: [] }] }],
    });
    expect(site.pages.find((p) => p.path === 'guides/deploy/rollback/')).toEqual({ path: 'guides/deploy/rollback/', title: 'Rolling back', text: 'Rolling back Steps Run make rollback. See missing and external.' });
  });

  it('rewrites relative links and images to where they are in the built site', async () => {
    const site = await buildSite(HANDBOOK, { defaultSiteName: 'x' });
    const page = (p: string) => dec.decode(site.files.get(p));
    const home = page('index.html');
    expect(home).toContain('<a href="guides/install/#requirements">installing</a>');
    expect(home).toContain('<a href="guides/deploy/">deploy</a>');
    expect(home).toContain('<img src="img/flow.png" alt="Flow" title="The flow">');
    const install = page('guides/install/index.html');
    expect(install).toContain('<a href="../../">home</a>');
    expect(install).toContain('<a href="../deploy/rollback/#steps">rollback</a>');
    const deploy = page('guides/deploy/index.html');
    expect(deploy).toContain('<img src="../../img/flow.png" alt="">');
    expect(deploy).toContain('<a href="../../img/flow.png">the raw file</a>');
    const rollback = page('guides/deploy/rollback/index.html');
    // A link to a page that does not exist is left as written; external links get rel.
    expect(rollback).toContain('<a href="nowhere.md">missing</a>');
    expect(rollback).toContain('<a href="https://example.com/x" rel="noopener noreferrer">external</a>');
  });

  it('highlights code, renders admonitions, tables, task lists and heading anchors', async () => {
    const site = await buildSite(HANDBOOK, { defaultSiteName: 'x' });
    const home = dec.decode(site.files.get('index.html'));
    expect(home).toContain('<title>Payments · Payments handbook</title>');
    expect(home).toContain('<h2 id="admonitions">Admonitions <a class="headerlink" href="#admonitions">¶</a></h2>');
    expect(home).toContain('<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>A plain note.</p>\n</div>');
    expect(home).toContain('<div class="admonition danger">\n<p class="admonition-title">Do not</p>');
    const install = dec.decode(site.files.get('guides/install/index.html'));
    expect(install).toContain('<pre><code class="hljs language-python"><span class="hljs-keyword">def</span> <span class="hljs-title function_">pay</span>');
    expect(install).toContain('<pre><code class="language-unknownlang">&lt;b&gt;not bold&lt;/b&gt;');
    expect(install).toContain('<li class="task-list-item"><input type="checkbox" disabled checked> Docker</li>');
    const deploy = dec.decode(site.files.get('guides/deploy/index.html'));
    expect(deploy).toMatch(/<th style="text-align:left">Stage<\/th>\s*<th style="text-align:right">Who<\/th>/);
  });

  it('makes a default nav without one: index first, pages and folders alphabetically, titles from h1', async () => {
    const site = await buildSite(
      tree({
        'docs/README.md': '# Read me first',
        'docs/zeta.md': '# Zeta page',
        'docs/alpha.md': 'no heading here',
        'docs/guides/index.md': '# Guides home',
        'docs/guides/b.md': '# Bee',
        'docs/guides/a.md': '# Ay',
      }),
      { defaultSiteName: 'Entity title' },
    );
    expect(site.metadata.site_name).toBe('Entity title');
    expect(site.nav.nav).toEqual([
      { title: 'Home', path: '' },
      { title: 'Alpha', path: 'alpha/' },
      { title: 'Guides', children: [{ title: 'Guides home', path: 'guides/' }, { title: 'Ay', path: 'guides/a/' }, { title: 'Bee', path: 'guides/b/' }] },
      { title: 'Zeta page', path: 'zeta/' },
    ]);
    expect(site.metadata.etag).toMatch(/^[0-9a-f]{64}$/);
    expect(defaultNav([], () => '')).toEqual([]);
  });

  it('links "edit this page" from mkdocs.yml repo_url + edit_uri when the build is not told a repository', async () => {
    const site = await buildSite(tree({ 'mkdocs.yml': 'repo_url: https://github.com/acme/x/\nedit_uri: edit/main/docs', 'docs/a b.md': '# A' }), { defaultSiteName: 'x' });
    expect(site.nav.repo_url).toBe('https://github.com/acme/x/');
    expect(site.nav.pages['a b/']!.edit_url).toBe('https://github.com/acme/x/edit/main/docs/a%20b.md');
    const unsafe = await buildSite(tree({ 'mkdocs.yml': 'repo_url: javascript:alert(1)\nedit_uri: x', 'docs/index.md': '# A' }), { defaultSiteName: 'x' });
    expect(unsafe.nav.repo_url).toBeUndefined();
    expect(unsafe.nav.pages['']!.edit_url).toBeUndefined();
  });

  it('gives the same etag for the same sources and another for changed ones', async () => {
    const a = await buildSite(tree({ 'docs/index.md': '# A' }), { defaultSiteName: 'x' });
    const b = await buildSite(tree({ 'docs/index.md': '# A' }), { defaultSiteName: 'x' });
    const c = await buildSite(tree({ 'docs/index.md': '# B' }), { defaultSiteName: 'x' });
    expect(a.metadata.etag).toBe(b.metadata.etag);
    expect(c.metadata.etag).not.toBe(a.metadata.etag);
  });

  it.each([
    [{ 'mkdocs.yml': 'site_name: x' }, 'No Markdown pages in docs/ (the docs_dir of mkdocs.yml)'],
    [{ 'README.md': '# hi' }, 'No mkdocs.yml and no Markdown pages in docs/'],
    [{ 'mkdocs.yml': 'nav: [ unclosed', 'docs/index.md': '# x' }, /^mkdocs.yml is not valid YAML/],
    [{ 'mkdocs.yml': '- a list', 'docs/index.md': '# x' }, 'mkdocs.yml must be a mapping'],
    [{ 'mkdocs.yml': 'nav:\n  - Gone: gone.md', 'docs/index.md': '# x' }, 'mkdocs.yml: nav entry "gone.md" is not a page in the docs folder'],
    [{ 'mkdocs.yml': 'nav:\n  - Up: ../secret.md', 'docs/index.md': '# x' }, 'mkdocs.yml: nav entry "../secret.md" is not a page in the docs folder'],
    [{ 'mkdocs.yml': 'nav:\n  - Bad: javascript:alert(1)', 'docs/index.md': '# x' }, 'mkdocs.yml: nav link "Bad" must be an http(s) URL'],
    [{ 'mkdocs.yml': 'docs_dir: ../elsewhere', 'docs/index.md': '# x' }, 'mkdocs.yml: docs_dir "../elsewhere" must be a folder inside the documentation root'],
    [{ 'docs/index.md': new Uint8Array([0xff, 0xfe, 0x00]) }, 'docs/index.md is not UTF-8 text'],
    [{ 'docs/\u202eevil.md': '# x' }, 'Page name "\u202eevil.md" cannot be served (odd characters in its path)'],
  ] as [Record<string, string | Uint8Array>, string | RegExp][])('refuses a source that cannot be built: %j', async (files, message) => {
    await expect(buildSite(tree(files), { defaultSiteName: 'x' })).rejects.toMatchObject({ name: 'DocsBuildError', message: expect.stringMatching(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message) });
  });
});

describe('link arithmetic', () => {
  it('maps Markdown files to page URLs as MkDocs does with use_directory_urls', () => {
    expect(pageUrlOf('index.md')).toBe('');
    expect(pageUrlOf('README.md')).toBe('');
    expect(pageUrlOf('a/index.md')).toBe('a/');
    expect(pageUrlOf('a/b.md')).toBe('a/b/');
  });

  it('computes relative URLs between pages and files', () => {
    expect(relativeUrl('', '')).toBe('./');
    expect(relativeUrl('a/b/', '')).toBe('../../');
    expect(relativeUrl('a/b/', 'a/c/')).toBe('../c/');
    expect(relativeUrl('a/', 'a/img/x.png')).toBe('img/x.png');
    expect(relativeUrl('', 'a/b/')).toBe('a/b/');
  });

  it('leaves external, absolute, anchor and escaping references alone', () => {
    const pages = new Set(['index.md', 'a/b.md']);
    expect(rewriteReference('a/b.md', 'https://x.test/y.md', pages)).toBe('https://x.test/y.md');
    expect(rewriteReference('a/b.md', 'mailto:a@b.c', pages)).toBe('mailto:a@b.c');
    expect(rewriteReference('a/b.md', '/abs/path.md', pages)).toBe('/abs/path.md');
    expect(rewriteReference('a/b.md', '#here', pages)).toBe('#here');
    expect(rewriteReference('a/b.md', '../../../etc/passwd', pages)).toBe('../../../etc/passwd');
    expect(rewriteReference('a/b.md', '../index.md?x=1#top', pages)).toBe('../../?x=1#top');
    expect(rewriteReference('a/b.md', 'my%20pic.png', pages)).toBe('../my%20pic.png');
  });

  it('slugifies headings like MkDocs', () => {
    expect(slugify('Hello, World!')).toBe('hello-world');
    expect(slugify('  Café -- crème  ')).toBe('cafe-creme');
    expect(slugify('API v2.1 (beta)')).toBe('api-v21-beta');
  });
});
