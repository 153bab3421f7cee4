import { env, SELF } from 'cloudflare:test';
import { gzipSync, zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { clearCatalog, serveFiles } from './support';

const RAW = 'https://raw.githubusercontent.com/acme/docs-test/main';

/** A catalog file with components (each `name` or `name:annotation`), registered as the local guest. */
export async function registerComponents(names: string[]): Promise<void> {
  const docs = names.map((n) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${n}\n  title: ${n} service\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: platform\n`);
  serveFiles({ [`${RAW}/catalog-info.yaml`]: docs.join('---\n') });
  const res = await SELF.fetch('http://localhost/api/catalog/locations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'url', target: `${RAW}/catalog-info.yaml` }),
  });
  if (res.status !== 201) throw new Error(`registering: ${res.status} ${await res.text()}`);
}

/** Empties the catalog, TechDocs' tables and the docs bucket. */
export async function clearDocs(): Promise<void> {
  await clearCatalog();
  await env.DB.batch(['techdocs_sites', 'techdocs_pages'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  for (;;) {
    const page = await env.DOCS.list({ limit: 1000 });
    if (page.objects.length === 0) break;
    await env.DOCS.delete(page.objects.map((o) => o.key));
  }
}

/** Every key in the docs bucket under a prefix, sorted. */
export async function bucketKeys(prefix: string): Promise<string[]> {
  const page = await env.DOCS.list({ prefix, limit: 1000 });
  return page.objects.map((o) => o.key).sort();
}

const encoder = new TextEncoder();
const bytes = (v: string | Uint8Array) => (typeof v === 'string' ? encoder.encode(v) : v);

/** A tar.gz of files, as `tar czf site.tar.gz -C site .` makes it (with `./` prefixes and folder entries). */
export function tarGz(files: Record<string, string | Uint8Array>): Uint8Array {
  const folders = new Set(Object.keys(files).flatMap((p) => p.split('/').slice(0, -1).map((_, i, s) => `./${s.slice(0, i + 1).join('/')}/`)));
  return gzipSync(createTar([...[...folders].map((name) => ({ name })), ...Object.entries(files).map(([name, data]) => ({ name: `./${name}`, data: bytes(data) }))]));
}

/** A zip of files. */
export function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([p, d]) => [p, bytes(d)])));
}

/** A page as MkDocs Material renders it: theme chrome (header, nav, scripts) around the article. */
export function materialPage(title: string, article: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} - Checkout docs</title>
<link rel="stylesheet" href="/assets/stylesheets/main.css"><script>window.__md_scope = new URL('.', location)</script></head>
<body dir="ltr"><header class="md-header"><nav class="md-header__inner">Checkout docs <a href="/search">Search</a></nav></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary"><nav class="md-nav md-nav--primary"><ul><li><a href="./">Home</a></li></ul></nav></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
${article}
</article></div></div></main><footer class="md-footer">Made with Material for MkDocs</footer></div>
<script src="/assets/javascripts/bundle.js"></script></body></html>`;
}

/** A tiny PNG (1×1). */
export const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

/** A `techdocs-cli generate` output folder for the checkout component. */
export function checkoutSite(extra: Record<string, string | Uint8Array> = {}): Record<string, string | Uint8Array> {
  return {
    'index.html': materialPage('Home', '<h1 id="checkout">Checkout</h1><p>The checkout service takes baskets to paid orders.</p><h2 id="overview">Overview<a class="headerlink" href="#overview">¶</a></h2><p>See <a href="guides/setup/">setup</a>.</p><img src="img/diagram.png" alt="diagram">'),
    'guides/setup/index.html': materialPage('Setup', '<h1 id="setup">Setup</h1><h2 id="install">Install</h2><pre><code class="language-bash">npm ci</code></pre><h3 id="config">Config</h3><p>Set the flux capacitor.</p>'),
    'guides/deploy/index.html': materialPage('Deploy', '<h1 id="deploy">Deploy</h1><p>Roll out with canaries.</p>'),
    '404.html': materialPage('404', '<h1>404 - Not found</h1>'),
    'img/diagram.png': PNG,
    'assets/stylesheets/main.css': 'body{color:black}',
    'assets/javascripts/bundle.js': 'console.log("theme")',
    'search/search_index.json': JSON.stringify({
      config: { lang: ['en'] },
      docs: [
        { location: '', title: 'Home', text: 'The checkout service' },
        { location: '#overview', title: 'Overview', text: '' },
        { location: 'guides/setup/', title: 'Setup', text: 'npm ci' },
        { location: 'guides/deploy/', title: 'Deploy', text: 'canaries' },
      ],
    }),
    'sitemap.xml': '<?xml version="1.0"?><urlset></urlset>',
    'techdocs_metadata.json': JSON.stringify({ site_name: 'Checkout docs', site_description: 'How checkout works', build_timestamp: 1, files: [] }),
    ...extra,
  };
}

/** POSTs an archive to the publish route. */
export function publish(ref: string, body: Uint8Array, type = 'application/gzip', headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`http://localhost/api/techdocs/publish/${ref}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body: body as Uint8Array<ArrayBuffer> });
}

/** GET a docs API path as the local guest. */
export const api = (path: string, init?: RequestInit) => SELF.fetch(`http://localhost/api/techdocs${path}`, init);
